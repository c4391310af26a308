"""Demo content for the idea board: 30 ideas from Québec public bodies, in every status.

Idempotent: members are found by email, themes by slug, ideas by title; an idea that already
exists is left as it is. Everything goes through `ideas.services` so counters, timelines and
follows are exactly what real use would produce (without rate limits or emails).
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.profiles import get_profile
from hub.models import ComponentPage, GuidePage, Organisation
from ideas import services, trending
from ideas.models import Comment, Idea, IdeaLink, Notification, StatusChange, Theme

MEMBERS = [
    # (email, first name, last name, organisation slug)
    ("membre1@gouv.qc.ca", "Camille", "Tremblay", "mcn"),
    ("membre2@gouv.qc.ca", "Samuel", "Gagnon", "ramq"),
    ("membre3@gouv.qc.ca", "Léa", "Roy", "saaq"),
    ("membre4@gouv.qc.ca", "Olivier", "Côté", "revenu-quebec"),
    ("membre5@gouv.qc.ca", "Florence", "Bouchard", "msss"),
    ("membre6@gouv.qc.ca", "William", "Gauthier", "meq"),
    ("membre7@gouv.qc.ca", "Alice", "Morin", "ville-de-quebec"),
    ("membre8@gouv.qc.ca", "Thomas", "Lavoie", "sct"),
    ("membre9@gouv.qc.ca", "Rosalie", "Fortin", "ciusss-capitale-nationale"),
    ("membre10@gouv.qc.ca", "Nathan", "Gagné", "cag"),
]
MODERATOR_EMAIL = "moderateur@cqen.gouv.qc.ca"

THEMES = [
    ("gouvernance", "Gouvernance"),
    ("dites-le-nous-une-fois", "« Dites-le-nous une fois »"),
    ("signature-electronique", "Signature électronique"),
    ("infonuagique", "Infonuagique"),
    ("donnees-ouvertes", "Données ouvertes"),
    ("accessibilite", "Accessibilité"),
    ("cybersecurite", "Cybersécurité"),
    ("conception-de-services", "Conception de services"),
    ("ia", "Intelligence artificielle"),
    ("approvisionnement", "Approvisionnement"),
]

S = Idea.Status
# (title, problem, solution, benefits, organisation slug, theme slugs, status, locale, days ago, author index)
IDEAS = [
    (
        "Un seul changement d'adresse pour tous les ministères",
        "Un citoyen qui déménage doit aviser séparément la RAMQ, la SAAQ, Revenu Québec et son municipalité.",
        "Un service commun de changement d'adresse qui transmet l'avis aux organismes choisis, avec consentement.",
        "Moins de démarches pour les citoyens, des dossiers à jour et moins de courrier retourné.",
        "mcn",
        ["dites-le-nous-une-fois", "conception-de-services"],
        S.IN_PROGRESS,
        "fr",
        120,
        0,
    ),
    (
        "Signature électronique commune pour les formulaires gouvernementaux",
        "Beaucoup de formulaires doivent encore être imprimés, signés à la main puis numérisés.",
        "Offrir un service de signature électronique gouvernemental réutilisable par tous les organismes.",
        "Des démarches entièrement en ligne et une preuve de signature fiable.",
        "infrastructures-technologiques-quebec",
        ["signature-electronique"],
        S.ACCEPTED,
        "fr",
        100,
        1,
    ),
    (
        "Catalogue de données ouvertes sur les délais de traitement",
        "Les citoyens ne savent pas combien de temps prendra le traitement de leur demande.",
        "Publier chaque mois, en données ouvertes, les délais moyens de traitement par service.",
        "Transparence, attentes réalistes et pilotage de la performance.",
        "sct",
        ["donnees-ouvertes", "gouvernance"],
        S.UNDER_REVIEW,
        "fr",
        60,
        7,
    ),
    (
        "Gabarits de formulaires accessibles prêts à l'emploi",
        "Chaque organisme refait ses formulaires et plusieurs échouent aux critères WCAG 2.1 AA.",
        "Une bibliothèque de gabarits de formulaires accessibles, testés avec des lecteurs d'écran.",
        "Des services utilisables par tous et moins de corrections coûteuses après coup.",
        "cqen",
        ["accessibilite", "conception-de-services"],
        S.DONE,
        "fr",
        200,
        2,
    ),
    (
        "Authentification multifacteur obligatoire pour les comptes à privilèges",
        "Des comptes administrateurs ne sont protégés que par un mot de passe.",
        "Imposer l'authentification multifacteur à tous les comptes à privilèges d'ici un an.",
        "Réduction importante du risque d'intrusion.",
        "mcn",
        ["cybersecurite"],
        S.IN_PROGRESS,
        "fr",
        150,
        0,
    ),
    (
        "Courtier infonuagique gouvernemental en libre-service",
        "Obtenir un environnement infonuagique prend plusieurs semaines de démarches.",
        "Un portail de libre-service pour créer des environnements infonuagiques conformes en quelques heures.",
        "Des projets qui démarrent plus vite, avec la sécurité intégrée dès le départ.",
        "infrastructures-technologiques-quebec",
        ["infonuagique"],
        S.ACCEPTED,
        "fr",
        90,
        3,
    ),
    (
        "Assistant conversationnel pour répondre aux questions fréquentes sur l'impôt",
        "Les lignes téléphoniques débordent en période de déclaration de revenus.",
        "Un assistant conversationnel encadré, entraîné sur le contenu officiel, avec transfert vers un agent.",
        "Des réponses 24 heures sur 24 et des agents disponibles pour les cas complexes.",
        "revenu-quebec",
        ["ia", "conception-de-services"],
        S.UNDER_REVIEW,
        "fr",
        45,
        3,
    ),
    (
        "Registre des algorithmes utilisés par l'administration publique",
        "Les citoyens ignorent quand une décision les concernant est appuyée par un algorithme.",
        "Publier un registre des systèmes d'IA et d'aide à la décision, avec leur finalité et leurs limites.",
        "Confiance du public et respect de la Loi 25.",
        "cqen",
        ["ia", "gouvernance", "donnees-ouvertes"],
        S.SUBMITTED,
        "fr",
        10,
        7,
    ),
    (
        "Appels d'offres en langage clair",
        "Les petites entreprises québécoises renoncent à soumissionner devant des documents très complexes.",
        "Un gabarit d'appel d'offres en langage clair, avec un résumé d'une page.",
        "Plus de soumissionnaires et une meilleure concurrence.",
        "cag",
        ["approvisionnement"],
        S.SUBMITTED,
        "fr",
        8,
        9,
    ),
    (
        "Achats groupés de licences logicielles",
        "Chaque organisme négocie seul ses licences et paie souvent plus cher.",
        "Des ententes-cadres d'achats groupés pilotées par le Centre d'acquisitions gouvernementales.",
        "Des économies d'échelle importantes.",
        "cag",
        ["approvisionnement", "gouvernance"],
        S.DONE,
        "fr",
        300,
        9,
    ),
    (
        "Réutiliser les renseignements déjà fournis lors d'une demande de permis",
        "Le demandeur ressaisit des renseignements que l'État possède déjà.",
        "Préremplir les formulaires avec les données déjà transmises, après consentement explicite.",
        "Moins d'erreurs et des demandes plus rapides.",
        "saaq",
        ["dites-le-nous-une-fois"],
        S.UNDER_REVIEW,
        "fr",
        30,
        2,
    ),
    (
        "Préremplir les formulaires à partir du profil citoyen",
        "Les citoyens doivent réécrire leurs coordonnées dans chaque formulaire en ligne.",
        "Utiliser le profil citoyen pour préremplir les champs connus.",
        "Un gain de temps pour chaque démarche.",
        "ramq",
        ["dites-le-nous-une-fois"],
        S.SUBMITTED,
        "fr",
        25,
        1,
    ),  # merged into the previous one below
    (
        "Tests d'utilisabilité mensuels avec des citoyens",
        "Des services sont mis en ligne sans avoir été essayés par de vrais usagers.",
        "Une communauté de citoyens volontaires pour des tests d'utilisabilité chaque mois.",
        "Des services plus simples et moins d'appels au soutien.",
        "cqen",
        ["conception-de-services"],
        S.ACCEPTED,
        "fr",
        75,
        6,
    ),
    (
        "Ouvrir les données de transport collectif en temps réel",
        "Les applications de transport n'ont pas accès aux horaires en temps réel partout au Québec.",
        "Publier les flux GTFS en temps réel de toutes les sociétés de transport.",
        "De meilleurs outils pour les usagers et des innovations locales.",
        "ville-de-montreal",
        ["donnees-ouvertes"],
        S.IN_PROGRESS,
        "fr",
        130,
        6,
    ),
    (
        "Exercices de simulation de cyberattaque entre organismes",
        "Les équipes ne s'exercent pas ensemble à réagir à un incident majeur.",
        "Un exercice annuel de simulation de cyberattaque regroupant plusieurs organismes.",
        "Une réponse coordonnée et plus rapide en cas d'incident réel.",
        "mcn",
        ["cybersecurite", "gouvernance"],
        S.SUBMITTED,
        "fr",
        5,
        4,
    ),
    (
        "Sous-titrage automatique des vidéos gouvernementales",
        "Plusieurs vidéos publiées ne sont pas sous-titrées.",
        "Sous-titrer automatiquement toutes les vidéos, avec révision humaine avant publication.",
        "Accessibilité pour les personnes sourdes ou malentendantes.",
        "meq",
        ["accessibilite", "ia"],
        S.REJECTED,
        "fr",
        160,
        5,
    ),
    (
        "Rendez-vous en ligne dans tous les points de service",
        "Les citoyens attendent longtemps sans savoir quand ils seront servis.",
        "Un système commun de prise de rendez-vous en ligne pour les points de service.",
        "Moins d'attente et une meilleure planification du personnel.",
        "saaq",
        ["conception-de-services"],
        S.DONE,
        "fr",
        250,
        2,
    ),
    (
        "Tableau de bord public des projets numériques",
        "Le public connaît mal l'avancement et le coût des grands projets numériques.",
        "Un tableau de bord public, mis à jour chaque trimestre, des projets numériques majeurs.",
        "Reddition de comptes et confiance.",
        "sct",
        ["gouvernance", "donnees-ouvertes"],
        S.UNDER_REVIEW,
        "fr",
        50,
        7,
    ),
    (
        "Hébergement souverain des données de santé",
        "Les établissements hésitent à migrer vers l'infonuagique faute de garanties sur la localisation des données.",
        "Des offres infonuagiques qualifiées avec hébergement au Canada et chiffrement géré par l'État.",
        "Modernisation des systèmes de santé sans compromis sur la confidentialité.",
        "msss",
        ["infonuagique", "cybersecurite"],
        S.ACCEPTED,
        "fr",
        110,
        4,
    ),
    (
        "Carnet de santé accessible sur mobile",
        "Les patients n'ont pas facilement accès à leurs résultats d'examens.",
        "Une application mobile accessible pour consulter son carnet de santé.",
        "Des patients mieux informés et moins d'appels aux cliniques.",
        "ciusss-capitale-nationale",
        ["accessibilite", "conception-de-services"],
        S.SUBMITTED,
        "fr",
        3,
        8,
    ),
    (
        "Analyse automatisée des vulnérabilités des sites publics",
        "Des sites Web publics utilisent des composantes vulnérables pendant des mois.",
        "Un balayage automatisé hebdomadaire de tous les sites publics, avec alertes aux responsables.",
        "Des failles corrigées plus rapidement.",
        "mcn",
        ["cybersecurite"],
        S.REJECTED,
        "fr",
        180,
        0,
    ),
    (
        "Guichet unique pour les entreprises",
        "Les entrepreneurs naviguent entre des dizaines de sites pour démarrer leur entreprise.",
        "Un guichet unique qui regroupe les démarches de démarrage d'entreprise.",
        "Démarrage plus rapide et moins de frustration.",
        "revenu-quebec",
        ["dites-le-nous-une-fois", "conception-de-services"],
        S.SUBMITTED,
        "fr",
        2,
        3,
    ),
    (
        "Critères d'accessibilité dans tous les appels d'offres numériques",
        "Des solutions achetées ne respectent pas les normes d'accessibilité.",
        "Intégrer des critères d'accessibilité obligatoires et vérifiés dans les appels d'offres.",
        "Des achats conformes dès le départ.",
        "cag",
        ["accessibilite", "approvisionnement"],
        S.UNDER_REVIEW,
        "fr",
        20,
        9,
    ),
    (
        "Inscription scolaire en ligne unifiée",
        "Les parents remplissent des formulaires papier différents d'un centre de services à l'autre.",
        "Un formulaire d'inscription scolaire en ligne commun à tous les centres de services scolaires.",
        "Moins de papier et des données fiables dès la rentrée.",
        "css-des-decouvreurs",
        ["dites-le-nous-une-fois"],
        S.ACCEPTED,
        "fr",
        70,
        5,
    ),
    (
        "Communauté de pratique en conception de services",
        "Les designers de services travaillent isolés dans leur organisme.",
        "Une communauté de pratique gouvernementale avec rencontres mensuelles et ressources partagées.",
        "Partage des méthodes et montée en compétence.",
        "cqen",
        ["conception-de-services", "gouvernance"],
        S.DONE,
        "fr",
        220,
        6,
    ),
    (
        "Classification automatique des demandes d'accès à l'information",
        "Les demandes d'accès s'accumulent et sont triées à la main.",
        "Un outil d'IA qui propose une classification, validée par un responsable.",
        "Des délais de réponse respectés plus souvent.",
        "ville-de-quebec",
        ["ia", "gouvernance"],
        S.SUBMITTED,
        "fr",
        1,
        6,
    ),
    # A few ideas in English.
    (
        "Bilingual plain-language templates for service pages",
        "English-speaking Quebecers often find service pages hard to follow.",
        "Shared plain-language templates for French and English service pages.",
        "Clearer pages and fewer calls to support lines.",
        "cqen",
        ["conception-de-services", "accessibilite"],
        S.SUBMITTED,
        "en",
        12,
        8,
    ),
    (
        "Open API for municipal permit status",
        "Residents must call the city to learn where their permit application stands.",
        "A public API and web page showing the status of each permit application.",
        "Fewer calls and more transparency.",
        "ville-de-montreal",
        ["donnees-ouvertes", "conception-de-services"],
        S.UNDER_REVIEW,
        "en",
        40,
        6,
    ),
    (
        "Shared zero-trust network blueprint",
        "Each body designs its own network security model from scratch.",
        "A reference zero-trust architecture that every public body can adopt.",
        "Stronger security with less duplicated effort.",
        "infrastructures-technologiques-quebec",
        ["cybersecurite", "infonuagique"],
        S.SUBMITTED,
        "en",
        15,
        4,
    ),
    (
        "Preuve numérique d'identité reconnue par tous les organismes",
        "Chaque organisme vérifie l'identité des citoyens à sa façon.",
        "Un service d'authentification gouvernemental reconnu par tous, avec plusieurs niveaux de garantie.",
        "Des démarches plus simples et plus sûres.",
        "mcn",
        ["signature-electronique", "cybersecurite"],
        S.IN_PROGRESS,
        "fr",
        140,
        0,
    ),
]

RESPONSES = {
    S.UNDER_REVIEW: "Le CQEN analyse cette idée avec les organismes concernés. Nous publierons notre décision ici.",
    S.ACCEPTED: "Cette idée est retenue : elle sera intégrée à la feuille de route gouvernementale.",
    S.IN_PROGRESS: "La réalisation est commencée. Un premier pilote est prévu dans les prochains mois.",
    S.DONE: "C'est fait ! Merci à toutes les personnes qui ont appuyé cette idée.",
    S.REJECTED: "Après analyse, cette idée n'est pas retenue pour le moment : une solution semblable existe déjà.",
}
PATH = {
    S.UNDER_REVIEW: [S.UNDER_REVIEW],
    S.ACCEPTED: [S.UNDER_REVIEW, S.ACCEPTED],
    S.IN_PROGRESS: [S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS],
    S.DONE: [S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS, S.DONE],
    S.REJECTED: [S.UNDER_REVIEW, S.REJECTED],
}
COMMENTS = [
    "Excellente idée, nous vivons exactement ce problème dans notre organisation.",
    "Il faudrait prévoir dès le départ la conformité à la Loi 25.",
    "Nous avons fait un essai semblable l'an dernier, je peux partager nos résultats.",
    "Attention aux citoyens qui n'ont pas accès à Internet : gardons une option au comptoir.",
    "Voir aussi le guide du CQEN sur le sujet : https://www.quebec.ca/gouvernement/gouvernement-ouvert",
    "Je vote pour ! Cela réduirait beaucoup nos appels au centre de relations avec la clientèle.",
]


def _member(email, first_name, last_name, organisation=None):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_password("motdepasse-demo-123")
        user.save()
    # Demo members took part after confirming their address, as every member must.
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    profile = get_profile(user)
    if organisation is not None and profile.organisation_id is None:
        profile.organisation = organisation
        profile.save()
    return user


def _moderator():
    user = _member(MODERATOR_EMAIL, "Équipe", "CQEN", Organisation.objects.filter(slug="cqen").first())
    permission = Permission.objects.get(codename="moderate_idea", content_type__app_label="ideas")
    user.user_permissions.add(permission)
    return get_user_model().objects.get(pk=user.pk)  # drop the cached permissions


def _age(idea, days):
    """Place a demo idea in the past, with a timeline that follows."""
    created = timezone.now() - timedelta(days=days)
    Idea.objects.filter(pk=idea.pk).update(created_at=created)
    idea.votes.update(created_at=created)  # its votes are as old as the idea
    trending.refresh_idea(idea.pk)
    changes = list(StatusChange.objects.filter(idea=idea).order_by("pk"))
    for step, change in enumerate(changes):
        StatusChange.objects.filter(pk=change.pk).update(created_at=created + timedelta(days=step * max(days, 1) / 5))
    Comment.objects.filter(idea=idea).update(created_at=created + timedelta(hours=6))


# (idea title, slug of the French component or guide, relation): what answers or realises an idea.
PAGE_LINKS = [
    (
        "Signature électronique commune pour les formulaires gouvernementaux",
        "service-signature-electronique",
        IdeaLink.Relation.REALISED_BY,
    ),
    (
        "Signature électronique commune pour les formulaires gouvernementaux",
        "signature-electronique",
        IdeaLink.Relation.EXISTING_ANSWER,
    ),
]


def _link_pages(moderator, by_title):
    """The retained signature idea points to the beta signature service and the signature guide."""
    for title, slug, relation in PAGE_LINKS:
        idea = by_title.get(title)
        page = (
            ComponentPage.objects.live().filter(slug=slug, locale__language_code="fr").first()
            or GuidePage.objects.live().filter(slug=slug, locale__language_code="fr").first()
        )
        if idea is not None and page is not None:
            services.link_page(moderator, idea, page, relation)


def load(stdout):
    organisations = {org.slug: org for org in Organisation.objects.all()}
    if not organisations:
        stdout.write("Idées : aucune organisation, étape sautée (demo.organisations d'abord).")
        return
    fallback = next(iter(organisations.values()))
    members = [_member(e, f, last, organisations.get(o)) for e, f, last, o in MEMBERS]
    moderator = _moderator()
    themes = {}
    for slug, name in THEMES:
        themes[slug], _created = Theme.objects.get_or_create(slug=slug, defaults={"name": name})

    created = 0
    by_title = {}
    with services.bulk_load():
        for index, (title, problem, solution, benefits, org, theme_slugs, status, locale, days, author) in enumerate(
            IDEAS
        ):
            existing = Idea.objects.filter(title=title).first()
            if existing is not None:
                by_title[title] = existing
                continue
            idea = services.propose_idea(
                members[author],
                title=title,
                problem=problem,
                solution=solution,
                benefits=benefits,
                organisation=organisations.get(org, fallback),
                themes=[themes[s] for s in theme_slugs],
                locale=locale,
            )
            for offset in range((index * 7) % 10):  # votes are cast while the idea is still open
                services.cast_vote(members[(author + offset + 1) % len(members)], idea)
            for offset in range(index % 4):
                parent = services.add_comment(
                    members[(author + offset + 2) % len(members)], idea, COMMENTS[(index + offset) % len(COMMENTS)]
                )
                if offset == 1:
                    services.add_comment(members[author], idea, "Merci pour ce retour, bonne piste.", parent=parent)
            for step in PATH.get(status, []):
                response = RESPONSES[step] if step == status else ""
                services.set_status(moderator, idea, step, note="", public_answer=response)
            idea.refresh_from_db()
            _age(idea, days)
            by_title[title] = idea
            created += 1

        source = by_title.get("Préremplir les formulaires à partir du profil citoyen")
        target = by_title.get("Réutiliser les renseignements déjà fournis lors d'une demande de permis")
        if source is not None and target is not None:
            source.refresh_from_db()
            if source.status != S.MERGED:
                services.merge_ideas(
                    moderator,
                    source,
                    target,
                    note="Même besoin : réutiliser les données déjà connues.",
                    response="Cette idée rejoint une proposition semblable : suivez la discussion sur l'idée conservée.",
                )
        _link_pages(moderator, by_title)
    if created:  # the demo's history is old news: only the last two weeks stay unread
        Notification.objects.filter(
            read_at__isnull=True, idea__created_at__lt=timezone.now() - timedelta(days=15)
        ).update(read_at=timezone.now())
    stdout.write(f"Idées : {Idea.objects.count()} idées ({created} nouvelles), {Theme.objects.count()} thèmes.")
