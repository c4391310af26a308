"""Documents of a private collection: only Wagtail's document view serves them, never /media/ (SERVE_MEDIA)."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_served(settings, tmp_path):
    """The hub serving its own media (one container, as in docker compose): the URLconf read with SERVE_MEDIA on."""
    import hub.urls

    settings.SERVE_MEDIA = True
    settings.MEDIA_ROOT = tmp_path
    importlib.reload(hub.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    importlib.reload(hub.urls)
    clear_url_caches()


@pytest.fixture
def private_document(db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Documents internes")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model()(title="Plan de continuité", collection=private)
    document.file.save("plan-continuite.txt", ContentFile(b"Secret: plan de continuite"), save=True)
    return document


def test_a_private_document_downloads_only_through_the_document_view(client, media_served, private_document):
    direct = client.get(f"/media/{private_document.file.name}")
    assert direct.status_code == 404
    assert b"Secret" not in b"".join(getattr(direct, "streaming_content", [direct.content]))
    through_view = client.get(private_document.url)
    assert through_view.status_code == 302  # to a sign-in page, and back
    assert "login/?next=/documents/" in through_view["Location"]


def test_media_still_serves_images(client, media_served):
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
