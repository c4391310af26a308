"""Blocks that need files, component pages, English pages, admin preview and publiccode.yml import."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from hub.models import ComponentPage
from hub.publiccode import PubliccodeError, parse_publiccode
from tests.hub.factories import long_ago, make_component, make_guide

pytestmark = pytest.mark.django_db

PUBLICCODE = b"""publiccodeYmlVersion: "0.4"
name: Calendrier des jours feries
url: https://github.com/CQEN-QDCE/jours-feries
softwareVersion: 2.6.0
releaseDate: 2026-10-01
developmentStatus: stable
softwareType: library
legal:
  license: MIT
description:
  fr:
    shortDescription: Calcul des jours feries et ouvrables du Quebec.
    documentation: https://cqen.example/jours-feries/docs
maintenance:
  contacts:
    - name: Equipe CQEN
      email: cqen@mcn.gouv.qc.ca
"""


def test_image_and_document_blocks_render_with_alt_text_and_download_link(client, guide_index):
    image = Image.objects.create(title="Parcours", file=get_test_image_file())
    document = Document.objects.create(title="Gabarit de plan", file=ContentFile(b"%PDF-1.4", name="plan.pdf"))
    guide = make_guide(
        guide_index,
        body=[
            ("image", {"image": image, "alt": "Schéma du parcours citoyen en cinq étapes", "caption": "Le parcours"}),
            ("document", {"document": document, "description": "Modèle à remplir"}),
        ],
    )
    html = client.get(guide.url).content.decode()
    assert 'alt="Schéma du parcours citoyen en cinq étapes"' in html
    assert "<figcaption>Le parcours</figcaption>" in html
    assert f'href="{document.url}" download' in html and "Télécharger « Gabarit de plan »" in html


def test_guide_page_shows_breadcrumbs_toc_metadata_and_history(client, guide_index, organisations):
    from tests.hub.factories import every_block

    guide = make_guide(
        guide_index,
        body=every_block(),
        owner_organisation=organisations.get(slug="cqen"),
        change_note="Ajout des étapes",
    )
    guide.themes.add("accessibilité")
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert 'aria-label="Fil d’Ariane"' in html and f'href="{guide_index.url}"' in html
    assert "Sur cette page" in html and 'href="#section-preparer-le-projet"' in html
    assert "Publié par" in html and "Centre québécois d&#x27;excellence numérique" in html
    assert "Dernière mise à jour" in html
    assert "Historique des modifications" in html and "Ajout des étapes" in html
    assert "?theme=accessibilite" in html
    assert "À réviser" not in html
    guide.last_reviewed = long_ago()
    guide.save_revision().publish()
    assert "À réviser" in client.get(guide.url).content.decode()


def test_component_page_shows_its_metadata_and_related_guides_link_back(
    client, guide_index, component_index, organisations
):
    component = make_component(
        component_index,
        licence="LiLiQ-P-1.1",
        maturity="experimental",
        version="1.2.0",
        repository_url="https://git.example/depot",
        accessibility_level="AA",
        owner_organisation=organisations.get(slug="mcn"),
    )
    component.technologies.add("Python")
    component.save_revision().publish()
    html = client.get(component.url).content.decode()
    assert html.count("<h1") == 1
    assert 'Licence Libre du Québec – Permissive version 1.1 <code class="secondary-label">LiLiQ-P-1.1</code>' in html
    assert "Expérimental" in html and "WCAG 2.1 niveau AA" in html
    assert 'href="https://git.example/depot"' in html and "Python" in html


def test_english_translation_renders_under_en(client, guide_index, index_pages):
    from hub.models import GuidePage

    guide = make_guide(guide_index, title="Guide bilingue")
    english = GuidePage(
        title="Bilingual guide",
        slug="guide-bilingue",
        summary="In English.",
        locale=index_pages["guides"]["en"].locale,
        translation_key=guide.translation_key,
    )
    index_pages["guides"]["en"].add_child(instance=english)
    english.save_revision().publish()
    response = client.get("/en/guides/guide-bilingue/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bilingual guide" in html and 'hreflang="fr-CA"' in html


def test_preview_renders_drafts_of_guides_components_and_indexes(guide_index, component_index):
    from tests.hub.factories import every_block

    draft_guide = make_guide(guide_index, title="Brouillon de guide", body=every_block(), publish=False)
    draft_component = make_component(component_index, title="Brouillon de composante", publish=False)
    for page in (draft_guide, draft_component, guide_index, component_index):
        response = page.get_latest_revision_as_object().make_preview_request()
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_publiccode_file_fills_the_component_metadata():
    fields = parse_publiccode(PUBLICCODE)
    assert fields["licence"] == "MIT" and fields["maturity"] == "stable" and fields["component_type"] == "bibliotheque"
    assert fields["version"] == "2.6.0" and str(fields["release_date"]) == "2026-10-01"
    assert fields["documentation_url"] == "https://cqen.example/jours-feries/docs"
    assert fields["contact"] == "cqen@mcn.gouv.qc.ca"


def test_invalid_publiccode_lists_every_field_at_fault():
    with pytest.raises(PubliccodeError) as failure:
        parse_publiccode(b"name: X\nurl: pas-une-url\nlegal:\n  license: Maison\ndevelopmentStatus: fini\n")
    errors = failure.value.errors
    assert "champ publiccodeYmlVersion : obligatoire" in errors
    assert "champ url : adresse du dépôt obligatoire et valide" in errors
    assert any(error.startswith("champ legal.license") for error in errors)
    assert any(error.startswith("champ developmentStatus") for error in errors)
    assert any(error.startswith("champ description") for error in errors)
    with pytest.raises(PubliccodeError):
        parse_publiccode(b"{{{ pas du yaml")


def test_admin_uploads_a_publiccode_into_a_draft(admin_client_with_mfa, component_index):
    component = make_component(component_index, title="Calendrier", licence="Apache-2.0")
    url = reverse("hub_import_publiccode", args=[component.pk])
    assert admin_client_with_mfa.get(url).status_code == 200
    bad = admin_client_with_mfa.post(url, {"file": SimpleUploadedFile("publiccode.yml", b"name: X\n")})
    assert bad.status_code == 400 and "champ url" in bad.content.decode()
    good = admin_client_with_mfa.post(url, {"file": SimpleUploadedFile("publiccode.yml", PUBLICCODE)})
    assert good.status_code == 302
    component = ComponentPage.objects.get(pk=component.pk)
    assert component.licence == "Apache-2.0"  # the live page is untouched...
    draft = component.get_latest_revision_as_object()
    assert draft.licence == "MIT" and draft.version == "2.6.0"  # ...the draft holds the imported metadata
    edit = admin_client_with_mfa.get(reverse("wagtailadmin_pages:edit", args=[component.pk])).content.decode()
    assert url in edit


def test_every_block_renders_its_admin_preview_value():
    from hub.blocks import BodyStreamBlock

    for name, block in BodyStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.__doc__, name
        assert block.meta.template.startswith("blocks/"), name
        block.render(block.get_preview_value())  # no exception, even with an empty media library
