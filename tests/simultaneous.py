"""Requests that reach the live test server at the same instant, as a script sending in parallel would."""

import http.client
import threading

CSRF = "a" * 32
AT_ONCE = 10  # the test server's listen queue holds 10 connections


def post_at_once(live_server, path, body, cookies="", at_once=AT_ONCE):
    """POST `body` to `path` from `at_once` threads released together; the statuses, in any order.

    The CSRF cookie and header are set (CSRF), beside `cookies` (a session, for instance).
    """
    host, port = live_server.url.removeprefix("http://").split(":")
    barrier = threading.Barrier(at_once)
    statuses = []

    def send():
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        headers = {
            "Cookie": "; ".join(filter(None, [cookies, f"csrftoken={CSRF}"])),
            "X-CSRFToken": CSRF,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        try:
            barrier.wait(timeout=30)
            connection.request("POST", path, body=body, headers=headers)
            statuses.append(connection.getresponse().status)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _number in range(at_once)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
