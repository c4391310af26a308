"""Demo organisations: Québec public bodies (ministries, agencies, cities, health and education).

Idempotent: looked up by slug. The site tree itself is the bootstrap's (hub/site_tree.py).
"""

from hub.models import Organisation, OrganisationDomain

ORGANISATIONS = [
    # (slug, name, name_en, acronym, kind, website)
    (
        "mcn",
        "Ministère de la Cybersécurité et du Numérique",
        "Ministry of Cybersecurity and Digital Technology",
        "MCN",
        "ministere",
        "https://www.quebec.ca/gouvernement/ministere/cybersecurite-numerique",
    ),
    (
        "cqen",
        "Centre québécois d'excellence numérique",
        "Québec Digital Excellence Centre",
        "CQEN",
        "organisme",
        "https://www.quebec.ca",
    ),
    (
        "sct",
        "Secrétariat du Conseil du trésor",
        "Treasury Board Secretariat",
        "SCT",
        "ministere",
        "https://www.tresor.gouv.qc.ca",
    ),
    (
        "ramq",
        "Régie de l'assurance maladie du Québec",
        "Régie de l'assurance maladie du Québec",
        "RAMQ",
        "organisme",
        "https://www.ramq.gouv.qc.ca",
    ),
    (
        "saaq",
        "Société de l'assurance automobile du Québec",
        "Société de l'assurance automobile du Québec",
        "SAAQ",
        "organisme",
        "https://saaq.gouv.qc.ca",
    ),
    (
        "msss",
        "Ministère de la Santé et des Services sociaux",
        "Ministry of Health and Social Services",
        "MSSS",
        "ministere",
        "https://www.msss.gouv.qc.ca",
    ),
    (
        "meq",
        "Ministère de l'Éducation",
        "Ministry of Education",
        "MEQ",
        "ministere",
        "https://www.education.gouv.qc.ca",
    ),
    ("revenu-quebec", "Revenu Québec", "Revenu Québec", "RQ", "organisme", "https://www.revenuquebec.ca"),
    ("retraite-quebec", "Retraite Québec", "Retraite Québec", "", "organisme", "https://www.retraitequebec.gouv.qc.ca"),
    ("ville-de-quebec", "Ville de Québec", "City of Québec", "", "municipalite", "https://www.ville.quebec.qc.ca"),
    ("ville-de-montreal", "Ville de Montréal", "City of Montréal", "", "municipalite", "https://montreal.ca"),
    (
        "ciusss-capitale-nationale",
        "CIUSSS de la Capitale-Nationale",
        "CIUSSS de la Capitale-Nationale",
        "",
        "sante",
        "https://www.ciusss-capitalenationale.gouv.qc.ca",
    ),
    (
        "css-des-decouvreurs",
        "Centre de services scolaire des Découvreurs",
        "Centre de services scolaire des Découvreurs",
        "",
        "education",
        "https://www.csdecou.qc.ca",
    ),
    (
        "infrastructures-technologiques-quebec",
        "Infrastructures technologiques Québec",
        "Infrastructures technologiques Québec",
        "ITQ",
        "organisme",
        "https://www.quebec.ca",
    ),
    (
        "cag",
        "Centre d'acquisitions gouvernementales",
        "Centre d'acquisitions gouvernementales",
        "CAG",
        "organisme",
        "https://www.cag.gouv.qc.ca",
    ),
]


# Email domains of the members (hub.membership); the health bodies share the network's domain.
EMAIL_DOMAINS = {
    "mcn": ["mcn.gouv.qc.ca"],
    "cqen": ["cqen.gouv.qc.ca"],
    "sct": ["sct.gouv.qc.ca"],
    "ramq": ["ramq.gouv.qc.ca"],
    "saaq": ["saaq.gouv.qc.ca"],
    "msss": ["ssss.gouv.qc.ca"],
    "ciusss-capitale-nationale": ["ssss.gouv.qc.ca"],
    "meq": ["education.gouv.qc.ca"],
}


def ensure_organisations():
    created = 0
    for slug, name, name_en, acronym, kind, website in ORGANISATIONS:
        organisation, was_created = Organisation.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "acronym": acronym, "kind": kind, "website": website},
        )
        for domain in EMAIL_DOMAINS.get(slug, []):
            OrganisationDomain.objects.get_or_create(organisation=organisation, domain=domain)
        created += was_created
    return created


def load(stdout):
    created = ensure_organisations()
    stdout.write(f"Organisations : {Organisation.objects.count()} ({created} nouvelles).")
