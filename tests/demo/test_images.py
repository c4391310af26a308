"""Demo illustrations: drawn once by load_demo, shown light (responsive, modern formats) and described."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.images import get_image_model

from demo.catalogue import ILLUSTRATIONS
from demo.images import COLLECTION_NAME, DEMO_IMAGES, ensure_demo_images
from hub.models import ComponentPage, GuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Originals and renditions go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def load_demo():
    with open("/dev/null", "w") as devnull:
        call_command("load_demo", "--force-demo", stdout=devnull)  # DEBUG is off in tests


def image_blocks(page):
    return [block for block in page.body if block.block_type == "image"]


class PictureParser(HTMLParser):
    """The <source> and <img> tags inside <figure class="captioned-image">."""

    def __init__(self):
        super().__init__()
        self.in_figure = False
        self.sources = []
        self.images = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "captioned-image" in (attrs.get("class") or ""):
            self.in_figure = True
        elif self.in_figure and tag == "source":
            self.sources.append(attrs)
        elif self.in_figure and tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "figure":
            self.in_figure = False


@override_settings(DEBUG=False)
def test_load_demo_draws_the_illustrations_once_and_places_each_once():
    load_demo()
    images = get_image_model().objects.filter(collection__name=COLLECTION_NAME)
    assert images.count() == len(DEMO_IMAGES) >= 4
    first_ids = set(images.values_list("pk", flat=True))
    load_demo()
    assert set(images.values_list("pk", flat=True)) == first_ids
    assert all(image.width == 1600 and image.height == 900 for image in images)
    illustrated = [
        page
        for model in (GuidePage, ComponentPage)
        for page in model.objects.filter(locale__language_code="fr", slug__in=ILLUSTRATIONS)
    ]
    assert len(illustrated) == len(ILLUSTRATIONS)
    assert sum(isinstance(page, ComponentPage) for page in illustrated) >= 1
    for page in illustrated:
        (block,) = image_blocks(page)
        assert block.value["image"].collection.name == COLLECTION_NAME
        assert block.value["alt"] == ILLUSTRATIONS[page.slug][1]


def test_an_illustration_whose_file_was_lost_is_redrawn_not_duplicated(home_page):
    images = ensure_demo_images()
    image = images["parcours"]
    image.file.storage.delete(image.file.name)
    again = ensure_demo_images()
    assert again["parcours"].pk == image.pk
    assert again["parcours"].file.storage.exists(again["parcours"].file.name)
    assert get_image_model().objects.filter(collection__name=COLLECTION_NAME).count() == len(DEMO_IMAGES)


@override_settings(DEBUG=False)
def test_demo_guide_image_is_responsive_lazy_and_described(client):
    load_demo()
    guide = GuidePage.objects.get(locale__language_code="fr", slug="cartographier-le-parcours-citoyen")
    response = client.get(guide.url)
    assert response.status_code == 200
    parser = PictureParser()
    parser.feed(response.content.decode())
    (img,) = parser.images
    assert img["alt"] == ILLUSTRATIONS[guide.slug][1]
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert int(img["width"]) >= 768 and int(img["height"]) > 0  # at least the column's width, scaled down by CSS
    assert abs(int(img["width"]) / int(img["height"]) - 16 / 9) < 0.01  # no layout shift: the real ratio
    assert img["sizes"] and len(img["srcset"].split(",")) == 3
    assert {source["type"] for source in parser.sources} == {"image/avif", "image/webp"}
    assert all(source["sizes"] and len(source["srcset"].split(",")) == 3 for source in parser.sources)
    storage = get_image_model()().file.storage
    urls = [img["src"]] + [
        candidate.split()[0] for tag in parser.sources + [img] for candidate in tag["srcset"].split(",")
    ]
    for url in urls:
        assert re.match(r"^/media/images/demo-parcours\.[^/]+\.(avif|webp|jpg)$", url), url
        assert storage.exists(url.removeprefix("/media/")), f"rendu absent : {url}"
