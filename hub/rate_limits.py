"""Fixed windows for the public forms that limit how often one sender may write.

Reader feedback (per hashed address), messages to referents and component proposals (per member)
each name their key, limit and window; the counting is written once, here, on `hub.windows`: one
statement that counts and answers, so one sender's simultaneous requests are counted one after the
other (the cache's increment read then wrote with the database cache, and let them through).
"""

import time

from hub.models import SenderWindow
from hub.windows import count_in_window

LONGEST_WINDOW = 24 * 60 * 60  # no window is longer: one opened a day ago is closed


def count_within_limit(key, limit, window):
    """Count one more use of `key` and say whether it is still within `limit` uses per `window` seconds.

    Each window that opens deletes the windows opened a day ago or more, all closed: the table
    holds the senders of the last day, and a reader's hashed address is kept no longer.
    """
    if window > LONGEST_WINDOW:
        raise ValueError(f"{key}: a window is at most {LONGEST_WINDOW} seconds")
    count = count_in_window(SenderWindow, {"key": key}, window)
    if count == 1:
        SenderWindow.objects.filter(started__lte=time.time() - LONGEST_WINDOW).delete()
    return count <= limit
