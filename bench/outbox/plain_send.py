#!/usr/bin/env python3
"""The outbox benchmark's baseline: every stored mail sent again with Django's ``send_mail``.

Run by ``bench/outbox/run.py`` as a process of its own (so it shares the machine with the
SMTP sink the way the worker does), with the settings in its environment. Reads the mails'
address, subject and text from the database, then calls ``send_mail`` once per message:
one SMTP connection each, as the hub sent its notices before the outbox.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aihub.settings.production")
    import django

    django.setup()
    from django.core.mail import send_mail

    from aihub.outbox.models import Mail

    messages = list(Mail.objects.order_by("pk").values_list("to_address", "subject", "body"))
    for address, subject, body in messages:
        send_mail(subject, body, None, [address])
    return 0


if __name__ == "__main__":
    sys.exit(main())
