"""The idea board's rate limits: how many ideas, comments and votes one member may send per window.

A window opens at the member's first action and lasts `window` seconds; the action is refused once
`limit` were counted in it. `hub.windows` counts in one statement that locks the member's row, so
two requests sent at the same instant are counted one after the other. The rows are the member's
(`RateWindow`), deleted with the account.
"""

from hub.windows import count_in_window

from .models import RateWindow


def count_and_check(user, action, limit, window):
    """Count one more `action` by `user`: True while the window holds no more than `limit` of them."""
    return count_in_window(RateWindow, {"user": user.pk, "action": action}, window) <= limit
