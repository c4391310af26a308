"""Cache keys that hold no personal data (Loi 25).

Rate limits are kept in the cache under keys that name who is limited: allauth's name the client's
IP address or a hash of the email address, the idea board's a member's id. `hashed_key` is the
`KEY_FUNCTION` of every cache: the stored key is an HMAC of the readable key, keyed with the
project's secret, so neither the cache table nor a cache dump ever holds a raw address.
"""

from django.utils.crypto import salted_hmac


def hashed_key(key, key_prefix, version):
    digest = salted_hmac("hub.cache.key", key, algorithm="sha256").hexdigest()
    return f"{key_prefix}:{version}:{digest}"
