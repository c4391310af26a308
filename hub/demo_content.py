"""Demo guides, components and adoption declarations. Idempotent: natural keys first, then create.

`load(stdout)` is the load_demo step; `ensure_index_pages()` is also used by tests and the importer.
"""

from django.db import transaction
from wagtail.models import Locale

from hub.models import ComponentIndexPage, GuideIndexPage, HomePage

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


def _publish(page, user=None):
    page.save_revision(user=user).publish(user=user)


@transaction.atomic
def ensure_index_pages():
    """The guide index and the component catalogue under the French home and its English translation.

    Returns {"guides": {"fr": page, "en": page}, "composantes": {...}}. Needs hub.demo's site structure.
    """
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    home_fr = HomePage.objects.get(locale=fr)
    home_en = home_fr.get_translation(en)
    result = {}
    for model, slug, title, intro, title_en, intro_en in INDEX_PAGES:
        page_fr = model.objects.filter(locale=fr).first()
        if page_fr is None:
            page_fr = model(title=title, slug=slug, locale=fr, intro=intro, show_in_menus=True)
            home_fr.add_child(instance=page_fr)
            _publish(page_fr)
        page_en = page_fr.get_translation_or_none(en)
        if page_en is None:
            page_en = model(
                title=title_en,
                slug=slug,
                locale=en,
                intro=intro_en,
                show_in_menus=True,
                translation_key=page_fr.translation_key,
            )
            home_en.add_child(instance=page_en)
            _publish(page_en)
        result[slug] = {"fr": page_fr.specific, "en": page_en.specific}
    return result


def load(stdout):
    ensure_index_pages()
    stdout.write("Guides et composantes : pages d'index prêtes.")
