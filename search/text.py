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


def fold_query(q):
    """A query as it is matched and counted: lower case, no accents, single spaces."""
    return " ".join(fold(q).split())


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


# The typo rule, shared by both engines (as Meilisearch and Algolia do it): no edit in a word under
# 5 letters, one from 5, two from 9, never on the first letter.
TYPO_MIN_LENGTH = 5
TWO_TYPOS_MIN_LENGTH = 9


def allowed_edits(word):
    """How many typos a query word may carry under the rule (words with digits carry none)."""
    if len(word) < TYPO_MIN_LENGTH or any(c.isdigit() for c in word):
        return 0
    return 1 if len(word) < TWO_TYPOS_MIN_LENGTH else 2


def edit_distance(a, b, limit):
    """Edits (insertion, deletion, substitution, swap of two neighbours) from `a` to `b`, or
    `limit + 1` as soon as it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
    return current[-1]
