"""Email leaves through real SMTP when EMAIL_URL says so: a local sink receives what a member would."""

import email
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    sink = Sink()
    with socket.socket() as probe:  # a free port on loopback (the controller checks it can connect)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.OUTBOX = {**settings.OUTBOX, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield sink
    controller.stop()


def test_password_reset_email_arrives_over_smtp(smtp_sink):
    UserFactory(email="ada@example.com", first_name="Ada", verified=True)
    Client().post("/accounts/password/reset/", {"email": "ada@example.com"})
    assert len(smtp_sink.messages) == 1
    recipients, message = smtp_sink.messages[0]
    assert recipients == ["ada@example.com"]
    assert message["Subject"].startswith("[Limber] ")
    assert message["From"] == "Limber <hello@limber.localhost>"
    body = message.get_payload(decode=True).decode()
    assert "Hello Ada," in body
    assert re.search(r"http://testserver/accounts/password/reset/key/\S+", body)
