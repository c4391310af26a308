"""Small text helpers shared by the database engine: folding, tokens, stop words."""

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS_TEXT = (
    "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon ne "
    "nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous "
    "c d j l m n s t y est sont the of and or to in for on with an is"
)
FRENCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
ELISION = re.compile(r"\b(?:l|m|t|qu|n|s|j|d|c|jusqu|quoiqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def fold(text):
    """Lower case, accents removed: 'NUMÉRIQUE' -> 'numerique'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text):
    return WORD.findall(fold(ELISION.sub(" ", text or "")))


def light_stem(word):
    """Plural to singular, enough for prefix matching: 'signatures' -> 'signature'."""
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def query_terms(text):
    """The words of a query worth matching (stop words dropped unless nothing else is left)."""
    tokens = words(text)
    kept = [t for t in tokens if t not in FRENCH_STOP_WORDS]
    return kept or tokens
