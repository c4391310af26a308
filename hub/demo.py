"""Demo content for the editorial core: locales, site tree, standard pages, organisations.

Every function is idempotent: it looks things up by a natural key before creating them.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from hub.models import HomePage, Organisation, StandardPage

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

PRIVACY_FR = """<p>Le Hub du CQEN recueille uniquement les renseignements personnels nécessaires à son fonctionnement :
votre adresse courriel, votre nom d'affichage, votre organisation et ce que vous publiez (idées, commentaires, votes).</p>
<h2>Vos droits</h2>
<p>Conformément à la Loi 25, vous pouvez consulter et télécharger toutes vos données à partir de la page « Mes données »,
et supprimer votre compte en tout temps. Aucun outil de suivi ni de mesure d'audience n'est utilisé.</p>
<h2>Responsable de la protection des renseignements personnels</h2>
<p>Pour toute question : <a href="mailto:{email}">{email}</a>.</p>"""

PRIVACY_EN = """<p>The CQEN Hub collects only the personal information it needs to work: your email address, display name,
organisation and what you publish (ideas, comments, votes).</p>
<h2>Your rights</h2>
<p>Under Québec's Law 25, you can view and download all your data from the "My data" page and delete your account at
any time. No tracking or audience measurement tool is used.</p>
<h2>Privacy officer</h2>
<p>For any question: <a href="mailto:{email}">{email}</a>.</p>"""

ACCESSIBILITY_FR = """<p>Le Hub du CQEN vise la conformité au standard SGQRI 008 et aux WCAG 2.1 niveau AA.
Chaque page est vérifiée automatiquement avec axe-core et parcourue au clavier.</p>
<p>Un obstacle ? Écrivez-nous à <a href="mailto:{email}">{email}</a> : nous répondons dans un délai de 10 jours ouvrables.</p>"""

ACCESSIBILITY_EN = """<p>The CQEN Hub aims to conform to Québec's SGQRI 008 standard and WCAG 2.1 level AA.
Every page is checked automatically with axe-core and walked through with the keyboard.</p>
<p>Found a barrier? Write to <a href="mailto:{email}">{email}</a>: we answer within 10 business days.</p>"""


def ensure_locales():
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fr, en


def _publish(page):
    page.save_revision().publish()


def _translate(page, locale, **fields):
    """Return the page's translation in `locale`, creating and publishing it when missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    _publish(translated)
    return translated


@transaction.atomic
def ensure_site_structure():
    """The French home page at the site root, its English translation, privacy and accessibility pages."""
    fr, en = ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=fr).first()
    if home is None:
        home = HomePage(
            title="Hub du CQEN",
            slug="accueil",
            locale=fr,
            intro="<p>Les bonnes pratiques, les composantes réutilisables et les idées innovantes "
            "des organisations publiques du Québec, au même endroit.</p>",
        )
        root.add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Hub du CQEN"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Hub du CQEN"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's placeholder welcome page
    _translate(
        home,
        en,
        title="CQEN Hub",
        intro="<p>Best practices, reusable components and innovative ideas from Québec's public bodies, in one place.</p>",
    )
    email = settings.PRIVACY_OFFICER_EMAIL
    contact = settings.HUB_CONTACT_EMAIL
    pages = [
        (
            "politique-de-confidentialite",
            "Politique de confidentialité",
            PRIVACY_FR.format(email=email),
            "Privacy policy",
            PRIVACY_EN.format(email=email),
        ),
        (
            "accessibilite",
            "Déclaration d'accessibilité",
            ACCESSIBILITY_FR.format(email=contact),
            "Accessibility statement",
            ACCESSIBILITY_EN.format(email=contact),
        ),
    ]
    for slug, title, body, title_en, body_en in pages:
        page = StandardPage.objects.filter(locale=fr, slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, locale=fr, body=body, show_in_menus=False)
            home.add_child(instance=page)
            _publish(page)
        _translate(page, en, title=title_en, body=body_en)
    return home


def ensure_organisations():
    created = 0
    for slug, name, name_en, acronym, kind, website in ORGANISATIONS:
        _, was_created = Organisation.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "acronym": acronym, "kind": kind, "website": website},
        )
        created += was_created
    return created


def load(stdout):
    ensure_site_structure()
    created = ensure_organisations()
    stdout.write(
        f"Site: accueil, pages standard et {Organisation.objects.count()} organisations ({created} nouvelles)."
    )
