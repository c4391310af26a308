"""Builders of guides and components for the tests (pages are published through Wagtail)."""

import datetime

from hub.models import ComponentPage, GuidePage

RICH = "<p>Un paragraphe clair qui explique la démarche.</p>"


def every_block(components=()):
    """One block of each type (image and document need files: see tests that create them)."""
    return [
        ("heading", {"text": "Préparer le projet", "level": "h2"}),
        ("paragraph", RICH),
        ("callout", {"kind": "warning", "title": "Attention", "text": "<p>Consultez le juridique.</p>"}),
        ("code", {"language": "python", "code": "print('bonjour <monde>')"}),
        (
            "steps",
            {"steps": [{"title": "Cerner le besoin", "text": "Rencontrer"}, {"title": "Prototyper", "text": ""}]},
        ),
        ("checklist", {"title": "Avant de commencer", "items": ["Besoin documenté", "Budget approuvé"]}),
        ("heading", {"text": "Détails techniques", "level": "h3"}),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Critère", "Valeur"], ["Délai", "10 jours"]],
            },
        ),
        ("quote", {"text": "Dites-le-nous une fois.", "source": "Principe gouvernemental"}),
        ("related_components", {"title": "", "components": list(components)}),
    ]


def make_guide(index, title="Guide de l'accessibilité", slug=None, body=None, publish=True, user=None, **fields):
    fields.setdefault("summary", "Comment rendre un service numérique accessible à toutes et à tous.")
    guide = GuidePage(title=title, slug=slug or _slug(title), body=body or [], live=publish, **fields)
    index.add_child(instance=guide)
    revision = guide.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        guide.refresh_from_db()
    return guide


def make_component(index, title="Système de design gouvernemental", slug=None, publish=True, **fields):
    fields.setdefault("summary", "Les composants d'interface communs des services numériques québécois.")
    fields.setdefault("licence", "MIT")
    component = ComponentPage(title=title, slug=slug or _slug(title), live=publish, **fields)
    index.add_child(instance=component)
    revision = component.save_revision()
    if publish:
        revision.publish()
        component.refresh_from_db()
    return component


def long_ago(days=400):
    return datetime.date.today() - datetime.timedelta(days=days)


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)[:80]
