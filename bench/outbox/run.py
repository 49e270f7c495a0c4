#!/usr/bin/env python3
"""The outbox benchmark: 10,000 notices queued, then sent by a real worker to a local sink.

Builds a fresh SQLite file under ``bench/out/``, queues 10,000 mails the way the hub queues
notices (100 calls of ``queue_mail`` with 100 recipients each, half in Korean, half in
English), then starts the worker as production runs it, ``manage.py db_worker --batch
--interval 0`` in a process of its own on the same file, with its mail settings
(``AIHUB_EMAIL_HOST``/``AIHUB_EMAIL_PORT``) pointing at a real SMTP server on loopback
(``aihub.outbox.tests.smtp.smtp_sink``). Sending time runs from the worker's start (its
Django start-up included) until the sink has counted every mail; the time from the first
to the last accepted mail is printed too.

Baseline, in the same run and against a fresh sink: the same 10,000 messages sent with
Django's ``send_mail``, one SMTP connection per message (how the hub sent mail before the
outbox), also from a process of its own (``bench/outbox/plain_send.py``).

Exits 1 unless the sinks received exactly 10,000 mails each, one per address, and every
``Mail`` row is ``sent``. No speed target.

    python bench/outbox/run.py [--calls 100] [--recipients 100]
"""

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "bench" / "out"
SETTINGS = "aihub.settings.production"
SEND_TIMEOUT = 120.0
POLL = 0.002


def environment(database: Path, *, smtp_port: int | None = None) -> dict[str, str]:
    """Settings for this process and its workers: production, a bench-only secret, the
    benchmark database, files kept under ``bench/out/``, mail to the sink when given."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        AIHUB_SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
        AIHUB_ALLOWED_HOSTS="testserver",
        AIHUB_DATABASE_URL=f"sqlite:///{database}",
        AIHUB_MEDIA_ROOT=str(OUT / "media"),
        AIHUB_PRIVATE_ROOT=str(OUT / "private"),
    )
    if smtp_port is not None:
        env.update(
            AIHUB_EMAIL_HOST="127.0.0.1",
            AIHUB_EMAIL_PORT=str(smtp_port),
            AIHUB_EMAIL_USE_TLS="0",
            AIHUB_EMAIL_HOST_USER="",
            AIHUB_EMAIL_HOST_PASSWORD="",
        )
    return env


def setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(environment(database))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def queue(calls: int, per_call: int) -> float:
    """Queue ``calls`` notices of ``per_call`` recipients each; the seconds it took."""
    from django.utils.translation import gettext

    from aihub.outbox.services import Recipient, queue_mail

    started = time.perf_counter()
    for call in range(calls):
        queue_mail(
            recipients=[
                Recipient(
                    address=f"person-{call:03d}-{index:03d}@bench.example",
                    language="ko" if index % 2 else "en",
                )
                for index in range(per_call)
            ],
            subject=lambda _recipient: gettext("Your Seoul AI Hub account"),
            template="accounts/email/welcome.txt",
            context={"user": None, "link": f"https://hub.example/x/{call}"},
        )
    return time.perf_counter() - started


@dataclass
class Sending:
    """How one way of sending did: seconds from start until the sink counted every mail
    (or gave up), from the first accepted mail to the last, and what the sink holds."""

    total: float
    first_to_last: float
    received: int
    addresses: list[str]
    exit_code: int | None
    log: str

    def rate(self, expected: int) -> float:
        return expected / self.total if self.received >= expected else 0.0

    def steady_rate(self, expected: int) -> float:
        """Mails per second from the first accepted mail to the last."""
        if self.received < expected or self.first_to_last <= 0:
            return 0.0
        return (expected - 1) / self.first_to_last


def timed_send(command: list[str], *, database: Path, expected: int, log: Path) -> Sending:
    """Start ``command`` against a fresh sink and wait until the sink counted ``expected``."""
    from aihub.outbox.tests.smtp import smtp_sink

    with smtp_sink() as (sink, port), log.open("w", encoding="utf-8") as output:
        env = environment(database, smtp_port=port)
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 (manage.py or plain_send.py, fixed arguments)
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            first, last = _wait(lambda: len(sink.received), expected, process, started)
            exit_code = process.wait(timeout=SEND_TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        time.sleep(0.2)  # anything sent after the count was reached would show up here
        received = len(sink.received)
        addresses = [address for _sender, rcpts, _data in sink.received for address in rcpts]
    return Sending(
        total=last - started,
        first_to_last=last - first,
        received=received,
        addresses=addresses,
        exit_code=exit_code,
        log=log.read_text(encoding="utf-8"),
    )


def _wait(
    count: Callable[[], int], expected: int, process: subprocess.Popen, started: float
) -> tuple[float, float]:
    """Poll the sink until it counted ``expected`` (or the sender stopped, or time ran out);
    when the first mail and the last counted one arrived."""
    first = None
    while True:
        now = time.perf_counter()
        seen = count()
        if seen and first is None:
            first = now
        if seen >= expected:
            return first, now
        if process.poll() is not None and count() == seen:
            return first or now, now
        if now - started > SEND_TIMEOUT:
            return first or now, now
        time.sleep(POLL)


def check_outbox(expected: int, sending: Sending) -> list[str]:
    """What is wrong after the worker's run (nothing when every mail went out once)."""
    from django_tasks_db.models import DBTaskResult

    from aihub.outbox.enums import MailState
    from aihub.outbox.models import Mail

    problems = []
    if sending.received != expected:
        problems.append(f"the sink received {sending.received:,} mails, not {expected:,}")
    wanted = sorted(Mail.objects.values_list("to_address", flat=True))
    if sorted(sending.addresses) != wanted:
        problems.append("the sink's recipients differ from the queued addresses")
    not_sent = Mail.objects.exclude(state=MailState.SENT).count()
    if not_sent or len(wanted) != expected:
        problems.append(f"{not_sent:,} of {len(wanted):,} Mail rows are not sent")
    unfinished = DBTaskResult.objects.exclude(status="SUCCESSFUL").count()
    if unfinished:
        problems.append(f"{unfinished} delivery tasks did not succeed")
    if sending.exit_code != 0:
        problems.append(f"the worker exited with {sending.exit_code}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=100, help="queue_mail calls")
    parser.add_argument("--recipients", type=int, default=100, help="recipients per call")
    args = parser.parse_args()
    expected = args.calls * args.recipients
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "outbox.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup(database)
    from django.db import connection

    queue_seconds = queue(args.calls, args.recipients)
    connection.close()  # the worker gets the file to itself, as in production
    python = sys.executable
    worker = [python, "manage.py", "db_worker", "--batch", "--interval", "0", "--no-reload"]
    outbox = timed_send(worker, database=database, expected=expected, log=OUT / "outbox-worker.log")
    problems = check_outbox(expected, outbox)
    plain = timed_send(
        [python, str(Path(__file__).resolve().parent / "plain_send.py")],
        database=database,
        expected=expected,
        log=OUT / "outbox-plain.log",
    )
    if plain.received != expected or plain.exit_code != 0:
        problems.append(
            f"baseline: the sink received {plain.received:,} mails, not {expected:,} "
            f"(exit {plain.exit_code})"
        )
    outbox_rate, plain_rate = outbox.rate(expected), plain.rate(expected)
    ratio = outbox_rate / plain_rate if plain_rate else 0.0
    end_to_end = queue_seconds + outbox.total
    lines = [
        f"Outbox, {expected:,} mails ({args.calls} queue_mail calls x {args.recipients} "
        "recipients, ko/en), SQLite (WAL), SMTP sink on loopback (aiosmtpd)",
        f"queueing (render + store + enqueue, in process): {queue_seconds:.2f} s, "
        f"{expected / queue_seconds:,.0f} mails/s",
        "sending measured through the worker as a subprocess: "
        "manage.py db_worker --batch --interval 0",
        f"{'way of sending':<44}{'seconds':>9}{'mails/s':>10}{'first->last mails/s':>21}",
        f"{'outbox worker (1 connection per 100)':<44}{outbox.total:>9.2f}"
        f"{outbox_rate:>10,.0f}{outbox.steady_rate(expected):>21,.0f}",
        f"{'send_mail per message (baseline)':<44}{plain.total:>9.2f}"
        f"{plain_rate:>10,.0f}{plain.steady_rate(expected):>21,.0f}",
        f"ratio outbox / baseline (mails/s, start to last mail): {ratio:.2f}",
        f"queue + send through the outbox: {end_to_end:.2f} s "
        f"(baseline sends without rendering: {plain.total:.2f} s)",
        f"sink received {outbox.received:,} (outbox) and {plain.received:,} (baseline)",
    ]
    lines += [f"PROBLEM: {problem}" for problem in problems] or [
        "every mail arrived exactly once and every Mail row is sent"
    ]
    report = "\n".join(lines)
    print(report)
    if problems:
        print("--- worker log (tail) ---\n" + outbox.log[-3000:], file=sys.stderr)
    (OUT / "outbox-latest.txt").write_text(report + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
