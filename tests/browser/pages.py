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

FEATURE_PAGES = [
    ("connexion", "/comptes/login/"),
    ("inscription", "/comptes/signup/"),
    ("idees", "/idees/"),
    ("idees-en", "/en/idees/"),
    ("idee", "/idees/1/"),
    ("guides", "/guides/"),
    ("composantes", "/composantes/"),
    ("recherche", "/recherche/"),
    ("recherche-resultats", "/recherche/?q=numerique"),
    ("search-results-en", "/en/recherche/?q=digital"),
    ("organisations", "/organisations/"),
    ("organisation", "/organisations/mcn/"),
    ("organisation-en", "/en/organisations/mcn/"),
    ("bilan", "/bilan/"),
    ("publier-un-guide", "/publier-un-guide/"),
]

PUBLIC_PAGES = FOUNDATION_PAGES + FEATURE_PAGES

# Pages of a signed-in member (membre1@gouv.qc.ca, a demo account).
MEMBER_PAGES = [
    ("profil", "/compte/profil/"),
    ("mes-donnees", "/compte/mes-donnees/"),
    ("proposer-une-idee", "/idees/proposer/"),
    ("notifications", "/idees/notifications/"),
    ("proposer-une-composante", "/composantes/proposer/"),
]
