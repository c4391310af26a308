"""Demo guides, components and adoption declarations. Idempotent: natural keys first, then create.

The guide index and the component catalogue they go under are the bootstrap's (hub/site_tree.py).
"""

import datetime

from django.db import transaction

from hub.site_tree import index_pages

EDITOR_EMAIL = "editeur@cqen.gouv.qc.ca"

# (slug, title, summary, themes, audience, organisation slug, sections [(heading, paragraph)], last reviewed days ago)
GUIDES = [
    (
        "gouvernance-des-projets-numeriques",
        "Gouverner un projet numérique",
        "Les instances, les rôles et les jalons qui permettent de livrer un projet numérique sans perdre de vue la valeur pour la population.",
        ["gouvernance"],
        "gestionnaires",
        "sct",
        [
            (
                "Mettre en place les instances",
                "Un comité directeur restreint décide vite ; un comité de pilotage suit les risques chaque mois.",
            ),
            (
                "Mesurer la valeur livrée",
                "Suivez des indicateurs de résultats pour les citoyens, pas seulement l'avancement du budget.",
            ),
        ],
        40,
    ),
    (
        "dites-le-nous-une-fois",
        "Appliquer le principe « Dites-le-nous une fois »",
        "Comment éviter de redemander aux citoyens et aux entreprises des renseignements que l'État détient déjà.",
        ["dites-le-nous une fois", "données"],
        "conception-services",
        "mcn",
        [
            ("Repérer les demandes en double", "Cartographiez les formulaires qui demandent les mêmes renseignements."),
            (
                "Réutiliser avec consentement",
                "Obtenez un consentement clair et tracez chaque communication de renseignements.",
            ),
        ],
        90,
    ),
    (
        "signature-electronique",
        "Choisir une solution de signature électronique",
        "Les niveaux de signature électronique, leurs usages et les critères pour choisir une solution conforme au cadre juridique québécois.",
        ["signature électronique"],
        "equipes-ti",
        "infrastructures-technologiques-quebec",
        [
            (
                "Comprendre les niveaux de signature",
                "Le niveau requis dépend du risque lié à l'acte et de l'identité à garantir.",
            ),
            (
                "Intégrer la signature à votre service",
                "Privilégiez les services partagés plutôt qu'une solution locale.",
            ),
        ],
        200,
    ),
    (
        "migrer-vers-l-infonuagique",
        "Migrer un système vers l'infonuagique",
        "Une démarche en cinq étapes pour évaluer, planifier et réussir la migration d'un système vers l'infonuagique gouvernementale.",
        ["infonuagique"],
        "equipes-ti",
        "infrastructures-technologiques-quebec",
        [
            ("Évaluer l'admissibilité", "Catégorisez les données et vérifiez les exigences de résidence au Québec."),
            ("Planifier la migration", "Commencez par un système peu critique pour bâtir l'expertise de l'équipe."),
        ],
        420,
    ),
    (
        "publier-des-donnees-ouvertes",
        "Publier des données ouvertes de qualité",
        "Préparer, documenter et publier un jeu de données ouvertes réutilisable sur Données Québec.",
        ["données ouvertes"],
        "tous",
        "cqen",
        [
            (
                "Choisir les jeux de données",
                "Partez des demandes des réutilisateurs et des données les plus consultées.",
            ),
            (
                "Documenter les métadonnées",
                "Un dictionnaire de données et une licence claire rendent la réutilisation possible.",
            ),
        ],
        120,
    ),
    (
        "accessibilite-des-services-numeriques",
        "Rendre un service numérique accessible",
        "Les exigences du standard SGQRI 008 et des WCAG 2.1 AA, et comment les intégrer dès la conception.",
        ["accessibilité"],
        "conception-services",
        "cqen",
        [
            (
                "Intégrer l'accessibilité dès le départ",
                "Corriger un obstacle en conception coûte bien moins cher qu'après la mise en ligne.",
            ),
            ("Tester avec de vraies personnes", "Les outils automatisés ne détectent qu'une partie des obstacles."),
        ],
        60,
    ),
    (
        "securite-des-applications-web",
        "Sécuriser une application Web gouvernementale",
        "Les contrôles de sécurité essentiels, de la conception au déploiement, pour une application Web exposée à Internet.",
        ["cybersécurité"],
        "equipes-ti",
        "mcn",
        [
            (
                "Modéliser les menaces",
                "Identifiez les actifs, les acteurs malveillants et les scénarios d'attaque plausibles.",
            ),
            (
                "Automatiser les vérifications",
                "Ajoutez l'analyse des dépendances et des secrets à votre intégration continue.",
            ),
        ],
        500,
    ),
    (
        "gestion-des-incidents-de-securite",
        "Réagir à un incident de cybersécurité",
        "Qui avertir, quoi consigner et comment rétablir le service quand un incident de sécurité survient.",
        ["cybersécurité", "gouvernance"],
        "gestionnaires",
        "mcn",
        [
            ("Les premières heures", "Isolez les systèmes touchés et avisez le Centre gouvernemental de cyberdéfense."),
            ("Tirer les leçons", "Un bilan sans recherche de coupable améliore la résilience."),
        ],
        30,
    ),
    (
        "conception-centree-sur-les-personnes",
        "Concevoir un service centré sur les personnes",
        "Les méthodes de recherche utilisateur et de prototypage pour bâtir des services simples et utiles.",
        ["conception de services"],
        "conception-services",
        "cqen",
        [
            ("Comprendre les besoins", "Observez les personnes dans leur contexte avant de proposer une solution."),
            ("Prototyper et itérer", "Un prototype testé tôt évite des mois de développement inutile."),
        ],
        150,
    ),
    (
        "cartographier-le-parcours-citoyen",
        "Cartographier le parcours d'un citoyen",
        "Représenter les étapes, les irritants et les canaux d'un parcours pour prioriser les améliorations.",
        ["conception de services"],
        "conception-services",
        "ramq",
        [
            ("Délimiter le parcours", "Choisissez un événement de vie précis, comme la naissance d'un enfant."),
            ("Prioriser les irritants", "Classez les irritants selon leur fréquence et leur gravité."),
        ],
        380,
    ),
    (
        "intelligence-artificielle-responsable",
        "Utiliser l'intelligence artificielle de façon responsable",
        "Les principes, l'évaluation des risques et la transparence attendus d'un système d'intelligence artificielle public.",
        ["intelligence artificielle", "gouvernance"],
        "gestionnaires",
        "mcn",
        [
            (
                "Évaluer les risques",
                "Documentez les impacts sur les droits, les biais possibles et la supervision humaine.",
            ),
            ("Informer la population", "Dites clairement quand une décision est assistée par un système d'IA."),
        ],
        20,
    ),
    (
        "ia-generative-au-travail",
        "Encadrer l'IA générative au travail",
        "Les bons usages des outils d'IA générative par le personnel, et les renseignements à ne jamais y saisir.",
        ["intelligence artificielle"],
        "tous",
        "cqen",
        [
            ("Les usages permis", "Reformuler, résumer ou traduire des contenus publics est généralement acceptable."),
            ("Protéger les renseignements", "Ne saisissez jamais de renseignements personnels ou confidentiels."),
        ],
        45,
    ),
    (
        "approvisionnement-agile",
        "Acquérir des services numériques de façon agile",
        "Structurer un appel d'offres qui laisse place à l'itération et à la collaboration avec le fournisseur.",
        ["approvisionnement"],
        "gestionnaires",
        "cag",
        [
            (
                "Décrire le besoin plutôt que la solution",
                "Un énoncé axé sur les résultats favorise les propositions innovantes.",
            ),
            ("Prévoir des livraisons fréquentes", "Des jalons courts réduisent le risque pour les deux parties."),
        ],
        610,
    ),
    (
        "logiciels-libres-dans-l-approvisionnement",
        "Considérer les logiciels libres dans vos acquisitions",
        "Évaluer le coût total, la pérennité et la réutilisation des logiciels libres lors d'une acquisition.",
        ["approvisionnement", "logiciel libre"],
        "equipes-ti",
        "cag",
        [
            (
                "Comparer le coût total de possession",
                "Incluez le soutien, la formation et la sortie éventuelle de la solution.",
            ),
            ("Contribuer en retour", "Publier vos améliorations profite à toutes les organisations publiques."),
        ],
        250,
    ),
    (
        "identite-numerique-citoyenne",
        "Intégrer l'identité numérique citoyenne",
        "Préparer un service en ligne à l'authentification gouvernementale et à l'identité numérique.",
        ["dites-le-nous une fois", "cybersécurité"],
        "equipes-ti",
        "mcn",
        [
            (
                "Choisir le niveau de confiance",
                "Le niveau d'assurance de l'identité dépend de la sensibilité du service.",
            ),
            ("Tester l'intégration", "Utilisez l'environnement d'essai avant toute mise en production."),
        ],
        10,
    ),
]

# (slug, title, summary, type, maturity, licence, organisation slug, technologies, version, repository)
COMPONENTS = [
    (
        "systeme-de-design-gouvernemental",
        "Système de design gouvernemental",
        "Les composants d'interface, les gabarits et les règles de design des services numériques du gouvernement du Québec.",
        "composant-design",
        "stable",
        "LiLiQ-P-1.1",
        "mcn",
        ["HTML", "CSS", "JavaScript"],
        "4.2.0",
        "https://github.com/Quebecca/qgds",
    ),
    (
        "service-authentification-gouvernementale",
        "Service d'authentification gouvernementale",
        "Connexion sécurisée et unique des citoyens et des entreprises aux services en ligne gouvernementaux.",
        "service-partage",
        "stable",
        "LicenseRef-proprietaire",
        "mcn",
        ["OpenID Connect", "SAML"],
        "3.1.0",
        "",
    ),
    (
        "gabarit-site-organisation",
        "Gabarit de site Web d'organisation",
        "Un gabarit de site Web conforme au Programme d'identification visuelle et aux normes d'accessibilité.",
        "gabarit",
        "stable",
        "LiLiQ-R-1.1",
        "cqen",
        ["Wagtail", "Python"],
        "2.0.1",
        "https://github.com/CQEN-QDCE/gabarit-site",
    ),
    (
        "bibliotheque-formulaires-accessibles",
        "Bibliothèque de formulaires accessibles",
        "Des champs de formulaire accessibles, validés et traduits, prêts à intégrer dans vos applications.",
        "bibliotheque",
        "beta",
        "MIT",
        "cqen",
        ["React", "TypeScript"],
        "0.9.0",
        "https://github.com/CQEN-QDCE/formulaires",
    ),
    (
        "api-adresses-quebec",
        "API Adresses Québec",
        "Validation et géocodage des adresses québécoises à partir de la base de référence gouvernementale.",
        "service-partage",
        "stable",
        "CC-BY-4.0",
        "sct",
        ["REST", "PostGIS"],
        "1.4.0",
        "",
    ),
    (
        "jeu-de-donnees-organismes-publics",
        "Répertoire des organismes publics",
        "Le jeu de données ouvertes des ministères et organismes, tenu à jour chaque mois.",
        "jeu-de-donnees",
        "stable",
        "CC-BY-4.0",
        "sct",
        ["CSV", "JSON"],
        "2026.11",
        "",
    ),
    (
        "outil-verification-accessibilite",
        "Outil de vérification de l'accessibilité",
        "Une extension d'intégration continue qui vérifie automatiquement l'accessibilité des pages Web.",
        "outil",
        "beta",
        "Apache-2.0",
        "cqen",
        ["axe-core", "Node.js"],
        "0.5.2",
        "https://github.com/CQEN-QDCE/verif-a11y",
    ),
    (
        "service-signature-electronique",
        "Service de signature électronique partagé",
        "Signature électronique des documents administratifs, avec preuve et horodatage.",
        "service-partage",
        "beta",
        "LicenseRef-proprietaire",
        "infrastructures-technologiques-quebec",
        ["PAdES", "REST"],
        "1.0.0",
        "",
    ),
    (
        "gabarit-avis-de-confidentialite",
        "Gabarit d'avis de confidentialité",
        "Un modèle d'avis de confidentialité conforme à la Loi 25, à adapter à votre service.",
        "gabarit",
        "stable",
        "CC-BY-4.0",
        "mcn",
        ["Markdown"],
        "1.2.0",
        "",
    ),
    (
        "bibliotheque-journalisation-securitaire",
        "Bibliothèque de journalisation sécuritaire",
        "Journalisation structurée qui masque automatiquement les renseignements personnels.",
        "bibliotheque",
        "experimental",
        "Apache-2.0",
        "revenu-quebec",
        ["Java", "Spring"],
        "0.3.0",
        "https://github.com/CQEN-QDCE/journalisation",
    ),
    (
        "modele-infonuagique-terraform",
        "Modèles Terraform pour l'infonuagique",
        "Des modules d'infrastructure sous forme de code, conformes aux exigences de sécurité gouvernementales.",
        "gabarit",
        "beta",
        "MPL-2.0",
        "infrastructures-technologiques-quebec",
        ["Terraform", "Azure", "AWS"],
        "0.8.0",
        "https://github.com/CQEN-QDCE/terraform-gouv",
    ),
    (
        "service-notifications-citoyennes",
        "Service de notifications citoyennes",
        "Envoi de courriels et de textos transactionnels aux citoyens, avec gabarits bilingues.",
        "service-partage",
        "beta",
        "MIT",
        "ramq",
        ["REST", "Python"],
        "1.1.0",
        "",
    ),
    (
        "outil-generation-publiccode",
        "Générateur de publiccode.yml",
        "Un outil en ligne pour décrire vos logiciels selon le standard publiccode.yml.",
        "outil",
        "experimental",
        "AGPL-3.0-or-later",
        "cqen",
        ["JavaScript"],
        "0.2.0",
        "https://github.com/CQEN-QDCE/publiccode-editor",
    ),
    (
        "bibliotheque-calendrier-jours-feries",
        "Calendrier des jours fériés du Québec",
        "Calcul des jours fériés et ouvrables québécois pour vos délais administratifs.",
        "bibliotheque",
        "stable",
        "MIT",
        "retraite-quebec",
        ["Python", "Java"],
        "2.5.0",
        "https://github.com/CQEN-QDCE/jours-feries",
    ),
    (
        "ancien-portail-formulaires",
        "Ancien moteur de formulaires en ligne",
        "Moteur de formulaires de première génération, remplacé par la bibliothèque de formulaires accessibles.",
        "outil",
        "obsolete",
        "GPL-3.0-only",
        "saaq",
        ["PHP"],
        "1.9.4",
        "",
    ),
]

# (component slug, organisation slug, use case)
USAGES = [
    ("systeme-de-design-gouvernemental", "ramq", "Refonte de l'espace citoyen"),
    ("systeme-de-design-gouvernemental", "saaq", "Services en ligne de permis"),
    ("systeme-de-design-gouvernemental", "revenu-quebec", "Mon dossier citoyen"),
    ("systeme-de-design-gouvernemental", "ville-de-quebec", "Portail des services municipaux"),
    ("service-authentification-gouvernementale", "ramq", "Connexion à l'espace citoyen"),
    ("service-authentification-gouvernementale", "saaq", "Connexion à SAAQclic"),
    ("service-authentification-gouvernementale", "retraite-quebec", "Connexion au dossier de retraite"),
    ("gabarit-site-organisation", "css-des-decouvreurs", "Site Web du centre de services"),
    ("gabarit-site-organisation", "ciusss-capitale-nationale", "Site des installations"),
    ("api-adresses-quebec", "ville-de-montreal", "Validation des adresses des requêtes 311"),
    ("api-adresses-quebec", "msss", "Géolocalisation des ressources"),
    ("outil-verification-accessibilite", "meq", "Vérification des portails éducatifs"),
    ("service-notifications-citoyennes", "retraite-quebec", "Rappels de rendez-vous"),
    ("bibliotheque-calendrier-jours-feries", "revenu-quebec", "Calcul des échéances"),
    ("bibliotheque-calendrier-jours-feries", "saaq", "Délais de contestation"),
]

# Demo illustrations (demo/images.py) in a few guides and components: page slug -> (image key, alt, caption).
ILLUSTRATIONS = {
    "cartographier-le-parcours-citoyen": (
        "parcours",
        "Cinq cercles de couleur reliés par un tracé, de gauche à droite, qui représentent les étapes "
        "du parcours d'une personne.",
        "Chaque étape du parcours est une occasion d'améliorer le service.",
    ),
    "gouvernance-des-projets-numeriques": (
        "gouvernance",
        "Schéma de gouvernance : un comité directeur relié à trois équipes, au-dessus d'une ligne du temps "
        "ponctuée de quatre jalons.",
        "Des instances claires et des jalons courts.",
    ),
    "migrer-vers-l-infonuagique": (
        "infonuagique",
        "Trois serveurs dont partent des flèches qui montent vers un nuage : la migration d'un système "
        "vers l'infonuagique.",
        "Migrer par étapes, un système à la fois.",
    ),
    "publier-des-donnees-ouvertes": (
        "donnees",
        "Diagramme à six barres qui croissent de gauche à droite, à côté d'un tableau de données.",
        "Des données structurées, documentées et mises à jour.",
    ),
    "accessibilite-des-services-numeriques": (
        "accessibilite",
        "Une page Web schématique examinée à la loupe ; un bouton y est entouré du contour jaune qui signale "
        "le focus du clavier.",
        "Le focus du clavier doit toujours rester visible.",
    ),
    "systeme-de-design-gouvernemental": (
        "design",
        "Une planche de composantes d'interface : trois boutons, un champ de saisie, des cases à cocher "
        "et deux cartes.",
        "Quelques composantes du système de design.",
    ),
    "modele-infonuagique-terraform": (
        "infonuagique",
        "Trois serveurs dont partent des flèches qui montent vers un nuage.",
        "Des modèles pour décrire l'infrastructure infonuagique en code.",
    ),
}

GUIDES_EN = {
    "accessibilite-des-services-numeriques": (
        "Making a digital service accessible",
        "SGQRI 008 and WCAG 2.1 AA requirements, and how to build them in from the start.",
    ),
    "publier-des-donnees-ouvertes": (
        "Publishing quality open data",
        "Prepare, document and publish a reusable open dataset on Données Québec.",
    ),
    "conception-centree-sur-les-personnes": (
        "Designing people-centred services",
        "User research and prototyping methods to build simple, useful services.",
    ),
    "intelligence-artificielle-responsable": (
        "Using artificial intelligence responsibly",
        "Principles, risk assessment and transparency expected of a public AI system.",
    ),
    "migrer-vers-l-infonuagique": (
        "Moving a system to the cloud",
        "A five-step approach to assess, plan and carry out a migration to the government cloud.",
    ),
}
COMPONENTS_EN = {
    "systeme-de-design-gouvernemental": (
        "Government design system",
        "Interface components, templates and design rules of Québec government digital services.",
    ),
    "service-authentification-gouvernementale": (
        "Government authentication service",
        "Secure single sign-on for citizens and businesses to government online services.",
    ),
    "api-adresses-quebec": (
        "Québec Addresses API",
        "Validation and geocoding of Québec addresses from the government reference base.",
    ),
    "bibliotheque-calendrier-jours-feries": (
        "Québec public holidays calendar",
        "Computes Québec public holidays and business days for administrative deadlines.",
    ),
}


def _editor():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username=EDITOR_EMAIL, defaults={"email": EDITOR_EMAIL, "first_name": "Élise", "last_name": "Éditrice"}
    )
    return user


def _illustration(slug, images):
    """The image block value of a demo page listed in ILLUSTRATIONS, or None."""
    if slug not in ILLUSTRATIONS:
        return None
    key, alt, caption = ILLUSTRATIONS[slug]
    return {"image": images[key], "alt": alt, "caption": caption}


def _ensure_illustrations(pages, images, user):
    """Give the demo pages built before the illustrations existed their image, once.

    A page with an image block already, or with a pending draft (an editor's work), is left alone.
    """
    for slug, page in pages.items():
        value = _illustration(slug, images)
        if value is None or page.has_unpublished_changes or any(b.block_type == "image" for b in page.body):
            continue
        raw = {"type": "image", "value": {**value, "image": value["image"].pk}}
        position = 3 if page.specific_class.__name__ == "GuidePage" else 1  # where a new page has it
        page.body.raw_data.insert(min(len(page.body.raw_data), position), raw)
        page.change_note = "Ajout d'une illustration"
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)


def _guide_body(position, sections, components, illustration=None):
    """Varied blocks: every guide has headings and text, and a rotating selection of the others."""
    (first_heading, first_text), (second_heading, second_text) = sections
    body = [
        ("paragraph", "<p>Ce guide réunit les pratiques éprouvées par les organisations publiques du Québec.</p>"),
        ("heading", {"text": first_heading, "level": "h2"}),
        ("paragraph", f"<p>{first_text}</p>"),
    ]
    if illustration is not None:
        body.append(("image", illustration))
    extras = [
        (
            "callout",
            {
                "kind": ["info", "warning", "success", "important"][position % 4],
                "title": "À retenir",
                "text": f"<p>{second_text}</p>",
            },
        ),
        (
            "steps",
            {
                "steps": [
                    {"title": "Cerner le besoin", "text": "Rencontrez les personnes concernées."},
                    {"title": "Planifier", "text": "Fixez des jalons courts."},
                    {"title": "Livrer et mesurer", "text": "Mesurez les résultats pour la population."},
                ]
            },
        ),
        (
            "checklist",
            {
                "title": "Avant de commencer",
                "items": ["Le besoin est documenté", "Les responsables sont nommés", "Les risques sont évalués"],
            },
        ),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Étape", "Durée indicative"], ["Analyse", "2 à 4 semaines"], ["Réalisation", "3 à 6 mois"]],
            },
        ),
        (
            "quote",
            {
                "text": "Le meilleur service est celui que la personne n'a pas à chercher.",
                "source": "Centre québécois d'excellence numérique",
            },
        ),
        ("code", {"language": "bash", "code": "# Vérifier la configuration avant le déploiement\nmake verifier"}),
    ]
    body.append(extras[position % len(extras)])
    body.append(("heading", {"text": second_heading, "level": "h2"}))
    body.append(("paragraph", f"<p>{second_text}</p>"))
    body.append(extras[(position + 2) % len(extras)])
    if position % 3 == 0:
        body.append(("heading", {"text": "Pour aller plus loin", "level": "h3"}))
        body.append(extras[(position + 4) % len(extras)])
    if components:
        body.append(("related_components", {"title": "Composantes utiles", "components": components}))
    return body


def _publish_new(index, page, user):
    """Add and publish a demo page written by the demo editor (the demo stands in for the reviewers)."""
    page.owner = user
    index.add_child(instance=page)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page


# An obsolete component points to the one to use instead (« Remplacée par »).
REPLACEMENTS = {"ancien-portail-formulaires": "bibliotheque-formulaires-accessibles"}


def _usage_steps(maturity):
    """How to start using a component; an obsolete one invites a migration, never an access request."""
    if maturity == "obsolete":
        return [
            {"title": "Ne pas l'utiliser pour un nouveau projet", "text": "Cette composante n'est plus maintenue."},
            {"title": "Migrer vers la composante de remplacement", "text": "Suivez le lien « Remplacée par »."},
        ]
    return [
        {
            "title": "Lire la documentation",
            "text": "Elle décrit l'installation, la configuration et les limites connues.",
        },
        {
            "title": "Demander un accès",
            "text": "Écrivez à l'équipe responsable, qui vous répond en cinq jours ouvrables.",
        },
    ]


def _ensure_components(indexes, organisations, user, images):
    from hub.models import ComponentPage

    fr_index, en_index = indexes["composantes"]["fr"], indexes["composantes"]["en"]
    pages = {}
    for position, (slug, title, summary, kind, maturity, licence, org, techs, version, repo) in enumerate(COMPONENTS):
        page = ComponentPage.objects.filter(locale=fr_index.locale, slug=slug).first()
        if page is None:
            page = ComponentPage(
                title=title,
                slug=slug,
                summary=summary,
                component_type=kind,
                maturity=maturity,
                licence=licence,
                owner_organisation=organisations.get(org),
                version=version,
                repository_url=repo,
                release_date=datetime.date(2026, 1 + position % 10, 1 + position),
                documentation_url=f"https://www.quebec.ca/gouvernement/composantes/{slug}",
                accessibility_level=["AA", "A", "partiel", "non-evalue"][position % 4],
                accessibility_audit_date=datetime.date(2026, 3, 15) if position % 4 < 2 else None,
                security_notes="Revue de sécurité effectuée ; signalez toute vulnérabilité à securite@mcn.gouv.qc.ca."
                if position % 2
                else "",
                contact=f"composantes+{slug[:20]}@cqen.gouv.qc.ca",
                change_note="Publication initiale au catalogue",
                # The body says what the summary does not (a snippet never repeats the summary).
                body=[
                    (
                        "paragraph",
                        "<p>L'organisation responsable maintient cette composante et publie ses changements "
                        "dans le dépôt de code.</p>",
                    ),
                    *([("image", _illustration(slug, images))] if slug in ILLUSTRATIONS else []),
                    ("heading", {"text": "Utiliser la composante", "level": "h2"}),
                    ("steps", {"steps": _usage_steps(maturity)}),
                ],
                replaced_by=pages.get(REPLACEMENTS.get(slug)),
            )
            page.technologies.set(techs)
            _publish_new(fr_index, page, user)
        pages[slug] = page
        if slug in COMPONENTS_EN and page.get_translation_or_none(en_index.locale) is None:
            title_en, summary_en = COMPONENTS_EN[slug]
            english = ComponentPage(
                title=title_en,
                slug=slug,
                summary=summary_en,
                locale=en_index.locale,
                translation_key=page.translation_key,
                component_type=kind,
                maturity=maturity,
                licence=licence,
                owner_organisation=organisations.get(org),
                version=version,
                repository_url=repo,
                release_date=page.release_date,
                accessibility_level=page.accessibility_level,
                contact=page.contact,
                body=[
                    (
                        "paragraph",
                        "<p>The owning organisation maintains this component and publishes its changes "
                        "in the code repository.</p>",
                    )
                ],
            )
            english.technologies.set(techs)
            _publish_new(en_index, english, user)
    return pages


def _ensure_guides(indexes, organisations, components, user, images):
    """The French demo guides (and some English translations); returns the French ones by slug."""
    from hub.models import GuidePage

    fr_index, en_index = indexes["guides"]["fr"], indexes["guides"]["en"]
    component_list = list(components.values())
    pages = {}
    for position, (slug, title, summary, themes, audience, org, sections, reviewed_days) in enumerate(GUIDES):
        page = GuidePage.objects.filter(locale=fr_index.locale, slug=slug).first()
        if page is None:
            related = [
                component_list[position % len(component_list)],
                component_list[(position + 3) % len(component_list)],
            ]
            page = GuidePage(
                title=title,
                slug=slug,
                summary=summary,
                audience=audience,
                owner_organisation=organisations.get(org),
                last_reviewed=datetime.date.today() - datetime.timedelta(days=reviewed_days),
                change_note="Première publication",
                body=_guide_body(position, sections, related if position % 2 == 0 else [], _illustration(slug, images)),
            )
            page.themes.set(themes)
            _publish_new(fr_index, page, user)
        pages[slug] = page
        if slug in GUIDES_EN and page.get_translation_or_none(en_index.locale) is None:
            title_en, summary_en = GUIDES_EN[slug]
            english = GuidePage(
                title=title_en,
                slug=slug,
                summary=summary_en,
                locale=en_index.locale,
                translation_key=page.translation_key,
                audience=audience,
                owner_organisation=organisations.get(org),
                last_reviewed=page.last_reviewed,
                body=[
                    ("paragraph", "<p>This guide gathers practices proven by Québec's public organisations.</p>"),
                    ("heading", {"text": "Key points", "level": "h2"}),
                    (
                        "checklist",
                        {"title": "Before you start", "items": ["The need is documented", "Owners are named"]},
                    ),
                ],
            )
            english.themes.set(themes)
            _publish_new(en_index, english, user)
    return pages


def _ensure_usages(components, organisations, user):
    from hub.models import ComponentUsage
    from hub.services import declare_usage

    for slug, org, use_case in USAGES:
        organisation = organisations.get(org)
        if (
            organisation is None
            or ComponentUsage.objects.filter(component=components[slug], organisation=organisation).exists()
        ):
            continue
        declare_usage(components[slug], organisation, user, use_case)


@transaction.atomic
def load(stdout):
    from demo.images import ensure_demo_images
    from hub.models import ComponentUsage, GuidePage, Organisation

    indexes = index_pages()
    missing = [
        f"{slug} ({code})" for slug in ("guides", "composantes") for code in ("fr", "en") if code not in indexes[slug]
    ]
    if missing:
        stdout.write(f"Guides et composantes : index absents ({', '.join(missing)}), contenu non chargé.")
        return
    organisations = {org.slug: org for org in Organisation.objects.all()}
    user = _editor()
    images = ensure_demo_images()
    components = _ensure_components(indexes, organisations, user, images)
    guides = _ensure_guides(indexes, organisations, components, user, images)
    _ensure_illustrations({**components, **guides}, images, user)
    _ensure_usages(components, organisations, user)
    stdout.write(
        f"Guides et composantes : {GuidePage.objects.count()} guides, "
        f"{len(components)} composantes, {ComponentUsage.objects.count()} déclarations d'utilisation, "
        f"{len(images)} illustrations."
    )
