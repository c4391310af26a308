"""Every public page wears the government signature (PIV header and footer) and reads in Québec French.

The hub is crawled as a visitor would, from the French and English homes; allauth's pages and the
emails they send are read too. The anglicism check looks at what a person reads (text, labels,
placeholders, alternative text), never at markup such as name="email" or mailto: links, and skips
passages marked lang="en".
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ANGLICISMS = re.compile(
    r"\b(e-?mails?|spam|log ?in|log ?out|logout|password|username|sign[ -]?(in|up|out)|token)\b", re.IGNORECASE
)
URL = re.compile(r"https?://\S+")
SKIPPED_PREFIXES = ("/admin", "/django-admin", "/static/", "/media/", "/comptes/logout", "/en/comptes/logout")
CRAWL_LIMIT = 60
READABLE_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ReadableText(HTMLParser):
    """What a person reads in French on a page, and the page's links and forms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self.links = []
        self.forms = []  # [novalidate, has a required field]
        self.skip_tag = None  # a lang="en" element (or script/style) being skipped
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            self.forms.append(["novalidate" in attrs, False])
        if self.forms and "required" in attrs:
            self.forms[-1][1] = True
        if self.skip_tag:
            if tag == self.skip_tag and tag not in VOID:
                self.skip_depth += 1
            return
        lang = (attrs.get("lang") or "").lower()
        if tag in ("script", "style", "template") or (lang and not lang.startswith("fr")):
            if tag not in VOID:
                self.skip_tag, self.skip_depth = tag, 1
            return
        for name in READABLE_ATTRIBUTES:
            if attrs.get(name):
                self.chunks.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skip_tag and tag == self.skip_tag:
            self.skip_depth -= 1
            if self.skip_depth == 0:
                self.skip_tag = None

    def handle_data(self, data):
        if not self.skip_tag and data.strip():
            self.chunks.append(data.strip())


def read(html):
    parser = ReadableText()
    parser.feed(html)
    return parser


def anglicisms(text):
    return sorted({match.group(0) for match in ANGLICISMS.finditer(text)})


def assert_wears_the_piv(path, html):
    assert 'class="qc-piv-header"' in html, f"{path} : pas de bandeau PIV"
    assert "vendor/qc-trousse-sdg/img/QUEBEC_blanc.svg" in html, f"{path} : pas de signature gouvernementale"
    assert 'class="qc-piv-footer"' in html, f"{path} : pas de pied de page PIV"
    assert "© Gouvernement du Québec" in html or "© Government of Québec" in html, path


def crawl(client, starts):
    """Same-site HTML pages reachable from `starts` (a breadth-first walk, CRAWL_LIMIT pages at most)."""
    seen, queue, pages = set(starts), list(starts), {}
    while queue and len(pages) < CRAWL_LIMIT:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in read(html).links:
            parts = urlsplit(urljoin(path, href))
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and not parts.path.startswith(SKIPPED_PREFIXES) and not parts.path.endswith(".xml"):
                seen.add(target)
                queue.append(target)
    return pages


def test_every_public_page_wears_the_piv_and_reads_in_quebec_french(client):
    call_command("load_demo", "--force-demo", verbosity=0)  # DEBUG is off in tests
    pages = crawl(client, ["/", "/en/"])
    french = [path for path in pages if not path.startswith("/en/")]
    english = [path for path in pages if path.startswith("/en/")]
    assert len(french) >= 20 and len(english) >= 10, sorted(pages)
    reached = {path.split("?")[0] for path in pages}
    for path in ("/idees/", "/guides/", "/composantes/", "/recherche/", "/comptes/login/", "/en/idees/"):
        assert path in reached, f"{path} n'a pas été atteint depuis l'accueil : {sorted(pages)}"

    found = {}
    for path, html in pages.items():
        assert_wears_the_piv(path, html)
        page = read(html)
        for novalidate, required in page.forms:
            assert novalidate or not required, f"{path} : un formulaire laisse le navigateur valider (novalidate)"
        if path in french:
            words = anglicisms(" ".join(page.chunks))
            if words:
                found[path] = words
    assert not found, f"Anglicismes dans les pages en français : {found}"


def test_account_pages_and_their_emails_read_in_quebec_french(client, home_page):
    found = {}
    for name in ("/comptes/login/", "/comptes/signup/", "/comptes/password/reset/", "/comptes/password/reset/done/"):
        response = client.get(name)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert_wears_the_piv(name, html)
        words = anglicisms(" ".join(read(html).chunks))
        if words:
            found[name] = words

    # A sign-up (confirmation email and the page that says it was sent), then a forgotten password.
    response = client.post(
        "/comptes/signup/",
        {
            "email": "camille.roy@mcn.gouv.qc.ca",
            "password1": "Un-mot-de-passe-1234",
            "password2": "Un-mot-de-passe-1234",
        },
        follow=True,
    )
    assert response.status_code == 200
    found_page = anglicisms(" ".join(read(response.content.decode()).chunks))
    if found_page:
        found[response.redirect_chain[-1][0] if response.redirect_chain else "inscription"] = found_page
    client.logout()
    response = client.post("/comptes/password/reset/", {"email": "camille.roy@mcn.gouv.qc.ca"}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) >= 2, [message.subject for message in mail.outbox]
    for message in mail.outbox:
        words = anglicisms(URL.sub("", f"{message.subject}\n{message.body}"))  # /confirm-email/… is not prose
        if words:
            found[f"courriel « {message.subject} »"] = words
    assert not found, f"Anglicismes : {found}"


def test_the_anglicism_check_catches_what_allauth_says_by_default():
    """The check is not blind: allauth's own French (before our overrides) is caught, markup is not."""
    assert anglicisms("Nous vous avons envoyé un e-mail. Vérifiez votre dossier spam.") == ["e-mail", "spam"]
    page = read('<p>Adresse courriel</p><input name="email" type="email"><a href="mailto:a@b.c">Écrire</a>')
    assert anglicisms(" ".join(page.chunks)) == []
    page = read('<p lang="en">Email address</p><p>Courriel</p><img src="x.png" alt="Login">')
    assert anglicisms(" ".join(page.chunks)) == ["Login"]
