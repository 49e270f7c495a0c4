"""A real SMTP server on loopback for tests and benchmarks (aiosmtpd), which can refuse
chosen addresses the way a mail server does (550) and counts what it accepted."""

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Sink:
    refuse: set[str] = field(default_factory=set)
    """Addresses answered with ``550 No such user here``."""
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_sink(refuse: set[str] = frozenset()) -> Iterator[tuple[Sink, int]]:
    """Run the sink on a free loopback port for the duration of the block."""
    sink = Sink(refuse={a.lower() for a in refuse})
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()
