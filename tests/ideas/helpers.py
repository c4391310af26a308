import html


def page_text(response):
    """The response body with HTML entities decoded, to assert on French messages."""
    return html.unescape(response.content.decode())
