"""The foundation: French by default, English under /en/, accessible layout, error pages."""

import importlib
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext


def test_home_is_french_whatever_the_browser_prefers(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr-CA">' in html
    assert "Passer au contenu principal" in html
    assert "<h1>Hub du CQEN</h1>" in html


def test_english_home_lives_under_en(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>CQEN Hub</h1>" in html


def test_home_has_one_h1_landmarks_and_hreflang(client, home_page):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    for landmark in (
        '<header class="site-header">',
        '<main id="contenu"',
        '<footer class="site-footer">',
        'role="search"',
    ):
        assert landmark in html
    assert 'hreflang="en" href="http://testserver/en/"' in html
    assert 'hreflang="fr-CA" href="http://testserver/"' in html


def test_language_switcher_keeps_the_same_page(client, home_page):
    html = client.get("/politique-de-confidentialite/").content.decode()
    assert 'href="/en/politique-de-confidentialite/" lang="en"' in html
    english = client.get("/en/politique-de-confidentialite/").content.decode()
    assert "<h1>Privacy policy</h1>" in english
    assert 'href="/politique-de-confidentialite/" lang="fr-CA"' in english


def test_page_without_translation_leads_to_a_polite_notice(client, home_page):
    from hub.models import StandardPage

    page = StandardPage(title="Seulement en français", slug="seulement-fr", body="<p>Texte</p>")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/seulement-fr/").content.decode()
    match = re.search(r'<a href="([^"]+)" lang="en"', html)
    assert match, html
    notice = client.get(match.group(1).replace("&amp;", "&"))
    assert notice.status_code == 200
    with translation.override("en"):
        expected = gettext("Cette page n'est pas encore traduite")
    assert expected != "Cette page n'est pas encore traduite", "the English catalogue lacks this notice"
    assert expected in notice.content.decode()
    assert 'href="/seulement-fr/"' in notice.content.decode()


def test_translation_notice_refuses_foreign_redirects(client, home_page):
    html = client.get("/traduction-indisponible/?from=https://evil.example/").content.decode()
    assert 'href="https://evil.example/"' not in html


def test_unknown_url_gives_a_french_404_in_the_site_layout(client, home_page):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'class="site-header"' in html


@pytest.mark.urls("tests.test_foundation_urls")
def test_server_error_shows_a_french_page_without_traceback(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert "secret traceback detail" not in html
    assert "Traceback" not in html


@pytest.mark.sqlite
@pytest.mark.urls("tests.test_foundation_urls")
def test_database_away_shows_a_french_503_not_a_500(db):
    """The whole stack is tested in tests/faults/ (PostgreSQL really restarted); here, the page alone."""
    client = Client(raise_request_exception=False)
    response = client.get("/base-absente/")
    assert response.status_code == 503 and response["Retry-After"]
    html = response.content.decode()
    assert "Service temporairement indisponible" in html and "Connection refused" not in html
    answer = client.get("/api/base-absente/")
    assert answer.status_code == 503 and "temporairement indisponible" in answer.json()["error"]


def test_health_endpoint(client, db):
    assert client.get("/sante/").json() == {"status": "ok"}


def test_security_headers_and_strict_csp(client, home_page):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "default-src 'self'" in csp
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_asset_from_another_origin(client, home_page):
    html = client.get("/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//(?!testserver)', html.replace('href="http://testserver', "")), html


@pytest.mark.django_db
def test_media_files_are_served_only_when_asked_for(client, settings, tmp_path):
    """DEBUG off (production): /media/ is a 404 unless SERVE_MEDIA is on (docker compose); even then
    it serves images only (documents go through Wagtail's document view, which checks privacy)."""
    from django.urls import clear_url_caches

    import hub.urls

    settings.MEDIA_ROOT = tmp_path
    for folder in ("original_images", "documents"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "illustration.txt").write_text("illustration")
    try:
        for serve_media, expected in ((False, 404), (True, 200)):
            settings.SERVE_MEDIA = serve_media
            importlib.reload(hub.urls)
            clear_url_caches()
            assert client.get("/media/original_images/illustration.txt").status_code == expected
            assert client.get("/media/documents/illustration.txt").status_code == 404
    finally:
        settings.SERVE_MEDIA = False
        importlib.reload(hub.urls)
        clear_url_caches()
