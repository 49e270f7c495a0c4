"""The outbox's task: the worker sends queued mail (``manage.py db_worker``)."""

from django_tasks import task

from aihub.outbox import delivery


@task()
def deliver_mail(mail_ids: list[int]) -> int:
    """Send the due mails among ``mail_ids``; returns how many went out."""
    return delivery.deliver(ids=mail_ids)
