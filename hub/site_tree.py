"""The pages every instance has, set up by the bootstrap (hub/bootstrap.py) after `migrate`.

The French home at the site root and its English translation, the privacy policy and the
accessibility statement (both languages), the guide index and the component catalogue (both
languages). Each page is created once under a stable key: an editor's later changes (title,
text, slug) are never reverted, and a page an editor deleted is not brought back.
"""

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from hub.bootstrap import seed_once
from hub.models import ComponentIndexPage, GuideIndexPage, HomePage, StandardPage

PRIVACY_FR = """<p>Le Hub du CQEN recueille uniquement les renseignements personnels nécessaires à son fonctionnement :
votre adresse courriel, votre nom d'affichage, votre organisation
et ce que vous publiez (idées, commentaires, votes).</p>
<h2>Vos droits</h2>
<p>Conformément à la Loi 25, vous pouvez consulter et télécharger toutes vos données à partir de la page
« Mes données », et supprimer votre compte en tout temps.
Aucun outil de suivi ni de mesure d'audience n'est utilisé.</p>
<h2>Responsable de la protection des renseignements personnels</h2>
<p>Pour toute question : <a href="mailto:{email}">{email}</a>.</p>"""

PRIVACY_EN = """<p>The CQEN Hub collects only the personal information it needs to work: your email address,
display name, organisation and what you publish (ideas, comments, votes).</p>
<h2>Your rights</h2>
<p>Under Québec's Law 25, you can view and download all your data from the "My data" page and delete your account at
any time. No tracking or audience measurement tool is used.</p>
<h2>Privacy officer</h2>
<p>For any question: <a href="mailto:{email}">{email}</a>.</p>"""

ACCESSIBILITY_FR = """<p>Le Hub du CQEN vise la conformité au standard SGQRI 008 et aux WCAG 2.1 niveau AA.
Chaque page est vérifiée automatiquement avec axe-core et parcourue au clavier.</p>
<p>Un obstacle ? Écrivez-nous à <a href="mailto:{email}">{email}</a> :
nous répondons dans un délai de 10 jours ouvrables.</p>"""

ACCESSIBILITY_EN = """<p>The CQEN Hub aims to conform to Québec's SGQRI 008 standard and WCAG 2.1 level AA.
Every page is checked automatically with axe-core and walked through with the keyboard.</p>
<p>Found a barrier? Write to <a href="mailto:{email}">{email}</a>: we answer within 10 business days.</p>"""


INDEX_PAGES = [
    # (model, slug, French title, French intro, English title, English intro)
    (
        GuideIndexPage,
        "guides",
        "Guides de bonnes pratiques",
        "<p>Des guides concrets, rédigés et révisés par les organisations publiques du Québec.</p>",
        "Best-practice guides",
        "<p>Practical guides written and reviewed by Québec's public bodies.</p>",
    ),
    (
        ComponentIndexPage,
        "composantes",
        "Catalogue des composantes réutilisables",
        "<p>Bibliothèques, services partagés, gabarits et jeux de données que vous pouvez réutiliser.</p>",
        "Reusable component catalogue",
        "<p>Libraries, shared services, templates and datasets you can reuse.</p>",
    ),
]


def ensure_locales():
    """French (the default) and English: settings-level, not editorial."""
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fr, en


def _publish(page):
    page.save_revision().publish()


def _child(parent, page):
    parent.add_child(instance=page)
    _publish(page)
    return page, True


def _translation(original, locale, **fields):
    """The published translation of `original` in `locale`: (page, created)."""
    existing = original.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translated = original.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    _publish(translated)
    return translated, True


def _seed_page(report, key, model, find_or_create, label):
    page, created = seed_once(key, model, find_or_create)
    if created:
        report.created(label)
    return page


def _home(report, fr):
    def find_or_create():
        home = HomePage.objects.filter(locale=fr).first()
        if home is not None:
            return home, False
        return _child(
            Page.get_first_root_node(),
            HomePage(
                title="Hub du CQEN",
                slug="accueil",
                locale=fr,
                intro="<p>Les bonnes pratiques, les composantes réutilisables et les idées innovantes "
                "des organisations publiques du Québec, au même endroit.</p>",
            ),
        )

    return _seed_page(report, "hub.page:home:fr", HomePage, find_or_create, "page d'accueil (fr)")


def _default_site(report, home):
    """The default site points at the home; Wagtail's placeholder welcome page goes (once)."""

    def find_or_create():
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Hub du CQEN"
            )
            return site, True
        if site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Hub du CQEN"
            site.save()
            if old_root.specific_class is Page and old_root.depth == 2:
                old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!"
            return site, True
        return site, False

    seed_once("hub.site:default", Site, find_or_create)
    if Site.objects.filter(is_default_site=True, root_page=home).exists():
        return
    report.note("Le site par défaut ne pointe pas vers la page d'accueil (laissé tel quel).")


@transaction.atomic
def ensure_site_structure(report):
    """Locales, the home pages, the legal pages and both catalogue indexes. Returns the French home."""
    root = Page.get_first_root_node()
    if root is None:
        report.note("Pas de page racine Wagtail (base vidée) : arborescence non créée.")
        return None
    call_command("createcachetable", verbosity=0)  # publishing a page touches the (database) cache
    fr, en = ensure_locales()
    home = _home(report, fr)
    if home is None:
        report.note("La page d'accueil a été supprimée : arborescence laissée telle quelle.")
        return None
    _default_site(report, home)
    home_en = _seed_page(
        report,
        "hub.page:home:en",
        HomePage,
        lambda: _translation(
            home,
            en,
            title="CQEN Hub",
            intro="<p>Best practices, reusable components and innovative ideas from Québec's public bodies, "
            "in one place.</p>",
        ),
        "page d'accueil (en)",
    )
    email, contact = settings.PRIVACY_OFFICER_EMAIL, settings.HUB_CONTACT_EMAIL
    legal_pages = [
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
    for slug, title, body, title_en, body_en in legal_pages:

        def legal_page(slug=slug, title=title, body=body):
            page = StandardPage.objects.filter(locale=fr, slug=slug).first()
            if page is not None:
                return page, False
            return _child(home, StandardPage(title=title, slug=slug, locale=fr, body=body, show_in_menus=False))

        page = _seed_page(report, f"hub.page:{slug}:fr", StandardPage, legal_page, f"{title} (fr)")
        if page is not None:
            _seed_page(
                report,
                f"hub.page:{slug}:en",
                StandardPage,
                lambda page=page, title_en=title_en, body_en=body_en: _translation(
                    page, en, title=title_en, body=body_en
                ),
                f"{title_en} (en)",
            )
    ensure_index_pages(report, home, home_en)
    return home


def ensure_index_pages(report, home, home_en):
    """The guide index and the component catalogue under the French home and the English one."""
    fr, en = home.locale, home_en.locale if home_en is not None else None
    for model, slug, title, intro, title_en, intro_en in INDEX_PAGES:

        def index_fr(model=model, slug=slug, title=title, intro=intro):
            page = model.objects.filter(locale=fr).first()
            if page is not None:
                return page, False
            return _child(home, model(title=title, slug=slug, locale=fr, intro=intro, show_in_menus=True))

        page_fr = _seed_page(report, f"hub.page:{slug}:fr", model, index_fr, f"{title} (fr)")
        if page_fr is None or home_en is None:
            continue

        def index_en(model=model, page_fr=page_fr, slug=slug, title_en=title_en, intro_en=intro_en):
            page = page_fr.get_translation_or_none(en)
            if page is not None:
                return page.specific, False
            translated = model(
                title=title_en,
                slug=slug,
                locale=en,
                intro=intro_en,
                show_in_menus=True,
                translation_key=page_fr.translation_key,
            )
            return _child(home_en, translated)

        _seed_page(report, f"hub.page:{slug}:en", model, index_en, f"{title_en} (en)")


def index_pages():
    """{"guides": {"fr": page, "en": page}, "composantes": {...}}: the catalogue indexes that exist."""
    result = {}
    for model, slug, *_texts in INDEX_PAGES:
        result[slug] = {page.locale.language_code: page for page in model.objects.select_related("locale")}
    return result
