"""The pages every browser check walks through (accessibility, budgets): one list, grown per feature.

Each entry is (label, path). A page joins the list when its feature has landed.
"""

FOUNDATION_PAGES = [
    ("accueil", "/"),
    ("accueil-en", "/en/"),
    ("politique-de-confidentialite", "/politique-de-confidentialite/"),
    ("accessibilite", "/accessibilite/"),
    ("accessibility-en", "/en/accessibilite/"),
    ("page-introuvable", "/cette-page-nexiste-pas/"),
    ("traduction-indisponible", "/en/traduction-indisponible/?from=/"),
]

PUBLIC_PAGES = FOUNDATION_PAGES
