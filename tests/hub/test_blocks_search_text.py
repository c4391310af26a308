"""What a guide's blocks give to the search index: the editor's words, not the editor's options."""

from hub.blocks import CalloutBlock, HeadingBlock


def test_heading_level_label_is_not_indexed_as_text():
    block = HeadingBlock()
    content = block.get_searchable_content(block.to_python({"text": "Préparer la migration", "level": "h2"}))
    assert content == ["Préparer la migration"]


def test_callout_kind_label_is_not_indexed_as_text():
    block = CalloutBlock()
    value = block.to_python({"kind": "warning", "text": "<p>Sauvegardez avant de migrer.</p>"})
    text = " ".join(str(part) for part in block.get_searchable_content(value))
    assert "Sauvegardez" in text
    assert "Avertissement" not in text


def test_link_labels_are_not_indexed_as_text():
    from hub.blocks import DocumentBlock, RelatedComponentsBlock

    related = RelatedComponentsBlock()
    assert related.get_searchable_content(related.to_python({"title": "Voir aussi", "components": []})) == []
    document = DocumentBlock()
    value = document.to_python({"document": None, "description": "Gabarit à remplir"})
    assert "Gabarit à remplir" not in [str(part) for part in document.get_searchable_content(value)]
