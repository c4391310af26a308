"""What a browser would send from a page's form, read from its HTML: shared by the tests that post
forms without a browser (the production smoke visitor, the admin's page-creation race)."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The name/value pairs of a page's POST form (the one with `form_id`, else the last one)."""

    def __init__(self, form_id=None):
        super().__init__()
        self.form_id = form_id
        self.data = {}
        self._collecting = False
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        wanted = self.form_id is None or attrs.get("id") == self.form_id
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and wanted:
            self._collecting = True
            self.data = {}
        if not self._collecting:
            return
        if tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        name = attrs.get("name")
        if not name:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "file", "checkbox", "radio"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and kind in ("checkbox", "radio") and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""
        elif tag == "select":
            self._select = name

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._collecting = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
