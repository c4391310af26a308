"""A publiccode.yml uploaded in the admin can be wrong or hostile: never a 500, never a flood.

Types are checked field by field, YAML aliases are refused (a few hundred bytes of nested
aliases expand into gigabytes: « billion laughs ») and the size is capped.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.hub.factories import make_component

pytestmark = pytest.mark.django_db

VALID = """publiccodeYmlVersion: "0.4"
name: Calendrier des jours feries
url: https://github.com/CQEN-QDCE/jours-feries
developmentStatus: stable
softwareType: library
legal:
  license: MIT
description:
  fr:
    shortDescription: Calcul des jours feries et ouvrables du Quebec.
"""

BILLION_LAUGHS = """publiccodeYmlVersion: "0.4"
a: &a ["rire", "rire", "rire", "rire", "rire", "rire", "rire", "rire", "rire"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
legal:
  license: *h
"""


@pytest.fixture
def upload(admin_client_with_mfa, component_index):
    component = make_component(component_index, title="Calendrier", licence="Apache-2.0")
    url = reverse("hub_import_publiccode", args=[component.pk])

    def post(text):
        content = text.encode() if isinstance(text, str) else text
        return admin_client_with_mfa.post(url, {"file": SimpleUploadedFile("publiccode.yml", content)})

    return post


@pytest.mark.parametrize(
    ("replace", "by", "field"),
    [
        ("license: MIT", "license: [MIT, Apache-2.0]", "legal.license"),
        ("developmentStatus: stable", "developmentStatus: [stable]", "developmentStatus"),
        ("softwareType: library", "softwareType: {a: b}", "softwareType"),
        ('publiccodeYmlVersion: "0.4"', "publiccodeYmlVersion: [0.4]", "publiccodeYmlVersion"),
    ],
)
def test_wrong_type_is_reported_on_its_field(upload, replace, by, field):
    response = upload(VALID.replace(replace, by))
    assert response.status_code == 400
    assert f"champ {field} : " in response.content.decode()


def test_nested_aliases_are_refused_at_once(upload):
    assert len(BILLION_LAUGHS.encode()) < 600
    started = time.perf_counter()
    response = upload(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started
    assert response.status_code == 400
    assert "alias" in response.content.decode()
    assert elapsed < 2.0  # 5.6 s and 457 MB before the aliases were refused


def test_list_for_the_repository_address_is_reported_on_its_field(upload):
    response = upload(VALID.replace("url: https://github.com/CQEN-QDCE/jours-feries", "url: [https://a.example]"))
    assert response.status_code == 400
    assert "champ url : " in response.content.decode()


def test_oversized_file_is_refused(upload):
    response = upload(VALID + "#" * (256 * 1024))
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()


def test_valid_file_still_fills_a_draft(upload):
    assert upload(VALID).status_code == 302
