"""StreamField blocks of guides and component pages.

Each block is a small class with a docstring, an icon, a template under templates/blocks/ and a
preview_value. Nesting stays shallow (one level of ListBlock at most) to keep migrations small.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section title (h2 or h3); the page builds its "Sur cette page" table of contents from them."""

    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Préparer le projet", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


def heading_anchor(text):
    """The id of a heading, shared by the heading and the table of contents."""
    return "section-" + (slugify(text) or "titre")


class RichTextBlock(blocks.RichTextBlock):
    """Running text: paragraphs, lists, links."""

    class Meta:
        icon = "pilcrow"
        label = _("Texte")
        template = "blocks/rich_text_block.html"
        features = ["bold", "italic", "link", "document-link", "ol", "ul", "code"]
        preview_value = "<p>Un paragraphe qui explique la démarche en langage clair.</p>"


class CalloutBlock(blocks.StructBlock):
    """A highlighted message: information, warning, success or important."""

    kind = blocks.ChoiceBlock(
        label=_("Type"),
        search_index=False,
        choices=[
            ("info", _("Information")),
            ("warning", _("Avertissement")),
            ("success", _("Réussite")),
            ("important", _("Important")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150)
    text = blocks.RichTextBlock(label=_("Texte"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "blocks/callout_block.html"
        preview_value = {"kind": "info", "title": "À retenir", "text": "<p>Consultez votre équipe juridique tôt.</p>"}


class CodeBlock(blocks.StructBlock):
    """A code sample with its language, shown as preformatted text."""

    language = blocks.ChoiceBlock(
        label=_("Langage"),
        search_index=False,
        choices=[
            ("text", _("Texte brut")),
            ("bash", "Bash"),
            ("python", "Python"),
            ("javascript", "JavaScript"),
            ("json", "JSON"),
            ("yaml", "YAML"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("sql", "SQL"),
            ("java", "Java"),
            ("csharp", "C#"),
        ],
        default="text",
    )
    code = blocks.TextBlock(label=_("Code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "blocks/code_block.html"
        preview_value = {"language": "bash", "code": "pip install hub-cqen"}


class StepsBlock(blocks.StructBlock):
    """A numbered procedure: each step has a title and an explanation."""

    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Titre de l'étape"), max_length=150)),
                ("text", blocks.TextBlock(label=_("Explication"), required=False)),
            ],
            icon="order",
        ),
        label=_("Étapes"),
        min_num=1,
    )

    class Meta:
        icon = "list-ol"
        label = _("Étapes numérotées")
        template = "blocks/steps_block.html"
        preview_value = {
            "steps": [
                {"title": "Cerner le besoin", "text": "Rencontrez les personnes utilisatrices."},
                {"title": "Prototyper", "text": "Testez une première version."},
            ]
        }


class ChecklistBlock(blocks.StructBlock):
    """A list of things to check before going further."""

    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Élément"), max_length=300), label=_("Éléments"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Liste de vérification")
        template = "blocks/checklist_block.html"
        preview_value = {"title": "Avant de commencer", "items": ["Le besoin est documenté", "Le budget est approuvé"]}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with a required text alternative and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Texte de remplacement"),
        max_length=250,
        help_text=_("Décrivez ce que l'image montre pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"

    def get_preview_value(self):
        """Preview with the latest image of the library (nothing to show in an empty library)."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python({"image": image.pk if image else None, "alt": "Illustration", "caption": "Légende"})


class HubTableBlock(TableBlock):
    """A data table; the first row holds the column headers."""

    class Meta:
        icon = "table"
        label = _("Tableau")
        template = "blocks/table_block.html"
        preview_value = {
            "first_row_is_table_header": True,
            "data": [["Critère", "Valeur"], ["Délai", "10 jours"]],
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label=_("Citation"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"
        preview_value = {"text": "Dites-le-nous une fois.", "source": "Principe gouvernemental"}


class RelatedComponentsBlock(blocks.StructBlock):
    """Links to reusable components of the catalogue. Its title labels links (« Voir aussi »): not
    prose, so not search text (the components are found by their own pages)."""

    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150, search_index=False)
    components = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="hub.ComponentPage", label=_("Composante")), label=_("Composantes")
    )

    class Meta:
        icon = "link"
        label = _("Composantes liées")
        template = "blocks/related_components_block.html"
        preview_value = {"title": "Composantes liées", "components": []}


class DocumentBlock(blocks.StructBlock):
    """A downloadable document with a short description. The description is the download link's
    text (« Gabarit à remplir »): not prose, so not search text."""

    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250, search_index=False)

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "blocks/document_block.html"

    def get_preview_value(self):
        """Preview with the latest document of the library."""
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("-created_at").first()
        return self.to_python({"document": document.pk if document else None, "description": "Gabarit à remplir"})


class BodyStreamBlock(blocks.StreamBlock):
    """Everything a guide or a component page body can hold."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    callout = CalloutBlock()
    code = CodeBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
    image = CaptionedImageBlock()
    table = HubTableBlock()
    quote = QuoteBlock()
    related_components = RelatedComponentsBlock()
    document = DocumentBlock()
