"""For tests that start real servers of their own (gunicorn, workers, Redis, a mail sink) and
talk to them over the loopback."""

import http.client
import socket
import time
import urllib.parse

from django.db import connection

CSRF = "s" * 32  # a CSRF secret both sides agree on: the cookie and the form field


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The test database, as a DATABASE_URL for a server started by the test."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(port, process, seconds=30):
    """Until something listens on `port`; fails at once if `process` has stopped."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no server on port {port}")


def request(port, method, path, *, cookies=None, data=None):
    """(response, body) of one request, as a browser sends it to the site on `port`."""
    body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        link.request(method, path, body, headers)
        response = link.getresponse()
        return response, response.read().decode()
    finally:
        link.close()
