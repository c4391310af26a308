"""A person's browser, reduced to HTTP, behind the TLS-terminating proxy of a production instance.

Every request carries `X-Forwarded-Proto: https` (SECURE_PROXY_SSL_HEADER) and an https Referer
(Django's CSRF check on secure requests). Cookies are kept by hand: production marks them Secure,
which an HTTP client would otherwise refuse to send back over the proxy's plain-HTTP hop.
"""

import http.client
import http.cookies
import re
import urllib.parse
from dataclasses import dataclass

from tests.form_fields import FormFields


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str
    path: str

    @property
    def location(self):
        location = self.headers.get("Location", "")
        parts = urllib.parse.urlsplit(location)
        return urllib.parse.urlunsplit(("", "", parts.path or self.path, parts.query, ""))

    def __str__(self):
        return f"{self.status} {self.path}\n{self.text[:3000]}"


class Visitor:
    def __init__(self, host):
        self.host = host
        self.cookies = {}

    def request(self, method, path, data=None, headers=None, proxy=True):
        connection = http.client.HTTPConnection(self.host, timeout=60)
        sent = {"Host": self.host, "Accept-Language": "fr-CA,fr", "Referer": f"https://{self.host}{path}"}
        if proxy:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        answer = Answer(response.status, response.headers, response.read().decode(errors="replace"), path)
        connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post(self, path, data, **options):
        """A form post with the CSRF token the hub set in its cookie (Django accepts the secret)."""
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request("POST", path, data=data, **options)

    def follow(self, answer, limit=10):
        """Follow redirects with GET, as a browser does after a form; return the final answer."""
        for _ in range(limit):
            if answer.status not in (301, 302, 303):
                return answer
            answer = self.get(answer.location)
        raise AssertionError(f"Trop de redirections depuis {answer.path}")

    def form(self, path, selector_id=None):
        """GET a page and return (answer, its form's fields as a browser would send them)."""
        answer = self.follow(self.get(path))
        assert answer.status == 200, str(answer)
        fields = FormFields(selector_id)
        fields.feed(answer.text)
        return answer, fields.data


def first_link(pattern, text):
    """The path of the first absolute link matching `pattern` in a message or a page."""
    found = re.search(pattern, text)
    assert found, f"Aucun lien {pattern} dans :\n{text[:2000]}"
    return urllib.parse.urlsplit(found.group(0)).path


def sign_in_as(visitor, email, password, totp_secret=None):
    """allauth's sign-in, then whatever it asks next (the authenticator's code, the password again)."""
    from tests.browser.helpers import totp

    visitor.form("/comptes/login/")
    answer = visitor.post("/comptes/login/", {"login": email, "password": password})
    assert answer.status == 302, f"Connexion refusée pour {email} :\n{answer}"
    for _ in range(5):
        path = answer.location
        if "2fa/authenticate" in path and totp_secret:
            visitor.form(path)
            answer = visitor.post(path, {"code": totp(totp_secret)})
        elif "reauthenticate" in path:
            visitor.form(path)
            answer = visitor.post(path, {"password": password})
        else:
            return visitor.follow(answer)
        assert answer.status == 302, f"Étape {path} refusée pour {email} :\n{answer}"
    raise AssertionError(f"La connexion de {email} ne s'achève pas : {answer.location}")
