"""French first, English under /en/: lang attributes, the language switcher, missing translations."""

import pytest

from .helpers import snap

pytestmark = pytest.mark.browser

FRENCH_ONLY_PAGE = """
from hub.models import HomePage, StandardPage
home = HomePage.objects.get(locale__language_code="fr")
if not StandardPage.objects.filter(slug="seulement-en-francais").exists():
    page = StandardPage(title="Seulement en français", slug="seulement-en-francais", body="<p>Texte</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
"""


def hub_origin(page):
    scheme, _, rest = page.url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def test_french_pages_say_fr_ca_and_english_pages_say_en(page):
    page.goto("/")
    assert html_lang(page) == "fr-CA"
    to_english = page.get_by_role("navigation", name="Choix de la langue").get_by_role("link")
    assert to_english.count() == 1
    assert to_english.get_attribute("lang") == "en"
    assert to_english.get_attribute("hreflang") == "en"

    page.goto("/en/")
    assert html_lang(page) == "en"
    to_french = page.locator(".lang-switcher a")
    assert to_french.count() == 1
    assert to_french.get_attribute("lang") == "fr-CA"


def test_language_switcher_goes_to_the_translation_and_back(page):
    page.goto("/politique-de-confidentialite/")
    assert page.get_by_role("heading", level=1).inner_text() == "Politique de confidentialité"
    page.locator(".lang-switcher a[lang='en']").click()
    page.wait_for_url("**/en/politique-de-confidentialite/")
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy policy"
    snap(page, "langue-politique-en")
    # Not a glob on the path: « **/politique-de-confidentialite/ » matches the English address too.
    with page.expect_navigation(url=f"{hub_origin(page)}/politique-de-confidentialite/"):
        page.locator(".lang-switcher a[lang='fr-CA']").click()
    assert "/en/" not in page.url
    assert html_lang(page) == "fr-CA"
    assert page.get_by_role("heading", level=1).inner_text() == "Politique de confidentialité"


def test_page_without_translation_says_so_politely_and_leads_back(page, hub_server):
    hub_server.shell(FRENCH_ONLY_PAGE)
    page.goto("/seulement-en-francais/")
    with page.expect_navigation():
        page.locator(".lang-switcher a[lang='en']").click()
    assert "/en/" in page.url
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).count() == 1
    back = page.locator("main a[href='/seulement-en-francais/']")
    assert back.is_visible()
    snap(page, "langue-traduction-indisponible")
    with page.expect_navigation(url=f"{hub_origin(page)}/seulement-en-francais/"):
        back.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Seulement en français"


def test_language_switcher_works_with_the_keyboard_alone(page):
    page.goto("/accessibilite/")
    page.locator(".lang-switcher a[lang='en']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/accessibilite/")
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Accessibility statement"


def test_guide_switches_to_its_english_translation_and_back(page, guides):
    from .actions import GUIDE_TITLE, GUIDE_TITLE_EN

    page.goto(guides["guide"])
    assert page.get_by_role("heading", level=1).inner_text() == GUIDE_TITLE
    page.locator(".lang-switcher a[lang='en']").click()
    page.wait_for_url(f"**{guides['guide_en']}")
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).inner_text() == GUIDE_TITLE_EN
    snap(page, "langue-guide-en")
    with page.expect_navigation(url=f"{hub_origin(page)}{guides['guide']}"):
        page.locator(".lang-switcher a[lang='fr-CA']").click()
    assert html_lang(page) == "fr-CA"
    assert page.get_by_role("heading", level=1).inner_text() == GUIDE_TITLE


def test_guide_without_translation_says_so_politely(page, guides):
    page.goto(guides["french_only"])
    with page.expect_navigation():
        page.locator(".lang-switcher a[lang='en']").click()
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).count() == 1
    back = page.locator(f"main a[href='{guides['french_only']}']")
    assert back.is_visible(), "Pas de lien vers la version française."
    snap(page, "langue-guide-sans-traduction")
