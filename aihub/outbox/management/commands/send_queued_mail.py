"""``manage.py send_queued_mail``: send every due mail now, without waiting for a worker.

Also queues again mails that a stopped worker had claimed and never finished. Safe beside
running workers: each mail is claimed before it is sent.
"""

from typing import Any

from django.core.management.base import BaseCommand

from aihub.outbox import delivery


class Command(BaseCommand):
    help = "Send every queued mail that is due, and requeue mails a stopped worker left."

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = delivery.requeue_stuck()
        sent = delivery.deliver()
        self.stdout.write(f"{sent} mails sent ({requeued} requeued after a stopped worker).")
