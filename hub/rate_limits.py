"""Fixed-window counters in the cache, for the public forms that limit how often one sender may write.

Reader feedback (per hashed IP), messages to referents and component proposals (per member) each
name their key, limit and window; the counting is written once, here.
"""

from django.core.cache import cache


def count_within_limit(key, limit, window):
    """Count one more use of `key` and say whether it is still within `limit` uses per `window` seconds.

    The first use creates the counter with its expiry, the next ones increment it atomically.
    """
    if cache.add(key, 1, window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window)
        return True
