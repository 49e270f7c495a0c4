"""The outbox: every notice is stored, rendered in its recipient's language, sent by the
worker after the change commits, retried when the server is away, kept as failed with the
server's answer when it refuses, and resent by staff. Delivery goes to a real SMTP server on
loopback."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aihub.accounts import services as account_services
from aihub.accounts.enums import Role
from aihub.core.models import AuditEntry
from aihub.outbox import delivery
from aihub.outbox.enums import MailState
from aihub.outbox.models import Mail
from aihub.outbox.services import Recipient, queue_mail, resend_mail, suppressed
from aihub.outbox.tests.smtp import free_port, smtp_sink
from conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    """Point Django's SMTP backend at a fresh sink; yields the sink."""

    def use(refuse=frozenset()):
        context = smtp_sink(refuse=refuse)
        sink, port = context.__enter__()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = False
        opened.append(context)
        return sink

    opened = []
    yield use
    for context in opened:
        context.__exit__(None, None, None)


def _welcome(user):
    account_services.send_welcome(user=user)
    return Mail.objects.get(to_address=user.email)


def test_notice_is_rendered_in_the_recipients_language_and_kept(make_user, run_tasks):
    english = make_user("ada@example.com", language="en")
    korean = make_user("minji@example.com", language="ko")
    queued = [_welcome(english), _welcome(korean)]
    assert [m.state for m in queued] == [MailState.QUEUED, MailState.QUEUED]
    assert queued[0].subject == "Your Seoul AI Hub account"
    assert queued[1].subject != queued[0].subject
    assert queued[1].language == "ko"
    assert mail.outbox == []
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.com", "minji@example.com"]
    assert Mail.objects.filter(state=MailState.SENT, attempts=1).count() == 2


def test_refused_address_is_kept_as_failed_with_the_servers_answer(make_user, run_tasks, smtp):
    sink = smtp(refuse={"nobody@example.com"})
    good = _welcome(make_user("ada@example.com", language="en"))
    bad = _welcome(make_user("nobody@example.com", language="en"))
    run_tasks()
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.state == MailState.SENT
    assert (bad.state, bad.attempts) == (MailState.FAILED, 1)
    assert "550" in bad.last_error
    assert "No such user here" in bad.last_error
    assert [to for _sender, to, _content in sink.received] == [["ada@example.com"]]


def test_server_away_is_retried_later_then_sent(make_user, run_tasks, smtp, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    queued = _welcome(make_user("ada@example.com", language="en"))
    run_tasks()
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.QUEUED, 1)
    assert "ConnectionRefusedError" in queued.last_error
    assert queued.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)
    sink = smtp()
    delivery.deliver(now=queued.next_attempt_at)
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.SENT, 2)
    assert len(sink.received) == 1


def test_attempts_run_out_and_the_mail_fails(make_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    queued = _welcome(make_user("ada@example.com", language="en"))
    now = timezone.now()
    for _attempt in range(delivery.MAX_ATTEMPTS):
        delivery.deliver(now=now)
        queued.refresh_from_db()
        now = queued.next_attempt_at
    assert (queued.state, queued.attempts) == (MailState.FAILED, delivery.MAX_ATTEMPTS)


def test_staff_resend_a_failed_mail_and_it_goes_out(make_user, run_tasks, smtp, staff):
    sink = smtp(refuse={"ada@example.com"})
    failed = _welcome(make_user("ada@example.com", language="en"))
    run_tasks()
    sink.refuse.clear()
    resend_mail(mail=failed, actor=staff)
    run_tasks()
    failed.refresh_from_db()
    assert failed.state == MailState.SENT
    assert len(sink.received) == 1
    entry = AuditEntry.objects.get(action="outbox.mail.resent")
    assert entry.actor == staff
    assert "550" in entry.data["error"]


def test_only_a_failed_mail_can_be_resent(make_user, staff):
    from aihub.core.errors import Conflict

    queued = _welcome(make_user("ada@example.com"))
    with pytest.raises(Conflict):
        resend_mail(mail=queued, actor=staff)


def test_nothing_is_queued_while_suppressed(make_user):
    with suppressed():
        account_services.send_welcome(user=make_user("ada@example.com"))
    assert not Mail.objects.exists()


def test_inactive_people_and_repeated_addresses_get_nothing(make_user):
    active = make_user("ada@example.com")
    gone = make_user("gone@example.com")
    gone.is_active = False
    gone.save()
    mails = queue_mail(
        recipients=[active, gone, Recipient("ADA@example.com", "en")],
        subject="Hello",
        template="accounts/email/welcome.txt",
        context={"user": active, "link": "https://hub.example/"},
    )
    assert [m.to_address for m in mails] == ["ada@example.com"]


def test_a_worker_stopped_mid_send_leaves_mail_that_is_queued_again(make_user):
    queued = _welcome(make_user("ada@example.com"))
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Mail.objects.filter(pk=queued.pk).update(state=MailState.SENDING, sending_since=long_ago)
    assert delivery.requeue_stuck() == 1
    assert delivery.deliver() == 1


def test_staff_search_filter_and_read_the_outbox(staff_client, make_user, run_tasks, smtp):
    smtp(refuse={"nobody@example.com"})
    make_user("ada@example.com", language="en")
    queue_mail(
        recipients=[make_user("nobody@example.com", language="en")],
        subject="Your room is confirmed",
        template="accounts/email/welcome.txt",
        context={"user": None, "link": "https://hub.example/x"},
    )
    _welcome(make_user("minji@example.com"))
    run_tasks()
    failed = staff_client.get(reverse("outbox:list"), {"state": "failed"})
    assert [m.to_address for m in failed.context["page"].object_list] == ["nobody@example.com"]
    found = staff_client.get(reverse("outbox:list"), {"q": "room is"})
    assert [m.subject for m in found.context["page"].object_list] == ["Your room is confirmed"]
    mail_row = Mail.objects.get(to_address="nobody@example.com")
    page = staff_client.get(mail_row.get_absolute_url()).content.decode()
    assert "550 5.1.1 No such user here" in page
    assert 'data-testid="resend"' in page
    assert "https://hub.example/x" in page


def test_secret_links_are_not_shown_to_staff(staff_client, make_user):
    welcome = _welcome(make_user("ada@example.com"))
    page = staff_client.get(welcome.get_absolute_url()).content.decode()
    assert welcome.confidential
    assert "/accounts/password-reset/" not in page
    assert 'data-testid="mail-confidential"' in page


def test_people_who_are_not_staff_see_no_outbox(member_client, make_user):
    welcome = _welcome(make_user("ada@example.com"))
    assert member_client.get(reverse("outbox:list")).status_code == 403
    assert member_client.get(welcome.get_absolute_url()).status_code == 403
    response = member_client.post(reverse("outbox:resend", args=[welcome.pk]))
    assert response.status_code == 403


def test_resend_view_refuses_a_sent_mail_with_a_message(staff_client, make_user, run_tasks):
    sent = _welcome(make_user("ada@example.com"))
    run_tasks()
    response = staff_client.post(reverse("outbox:resend", args=[sent.pk]), follow=True)
    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.state == MailState.SENT
    assert [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("items", [1, 3])
def test_outbox_list_query_count_does_not_grow(staff, make_user, items, django_assert_num_queries):
    for index in range(items):
        _welcome(make_user(f"p{index}@example.com"))
    client = signed_in(staff)
    client.get(reverse("outbox:list"))
    with django_assert_num_queries(6):
        client.get(reverse("outbox:list"))


def test_staff_role_needed_even_for_a_signed_in_researcher(make_user):
    researcher = make_user(roles=(Role.RESEARCHER,))
    assert signed_in(researcher).get(reverse("outbox:list")).status_code == 403
