import datetime
import io
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from aihub.core.errors import Conflict, NotFound, ValidationFailed
from aihub.core.models import AuditEntry
from aihub.events import services
from aihub.events.enums import RegistrationStatus
from aihub.events.models import Event, Registration
from aihub.events.tests.conftest import soon

pytestmark = pytest.mark.django_db


def test_register_confirmed_while_places_last(
    event, make_user, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(event=event, user=make_user())
    run_tasks()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(mail.outbox) == 1


def test_register_after_full_goes_to_waiting_list(event, make_user):
    for _ in range(2):
        services.register(event=event, user=make_user())
    assert services.register(event=event, user=make_user()).status == RegistrationStatus.WAITING


def test_register_twice_is_refused(event, make_user):
    user = make_user()
    services.register(event=event, user=user)
    with pytest.raises(Conflict) as error:
        services.register(event=event, user=user)
    assert error.value.code == "already_registered"
    assert Registration.objects.filter(user=user).count() == 1


def test_register_after_closing_is_refused(event, make_user):
    services.change_event(
        event=event, actor=None, registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(services.RegistrationClosed):
        services.register(event=event, user=make_user())
    assert Registration.objects.count() == 0


def test_cancel_promotes_the_first_waiting(
    event, make_user, django_capture_on_commit_callbacks, run_tasks
):
    first, _second = (services.register(event=event, user=make_user()) for _ in range(2))
    waiting = services.register(event=event, user=make_user())
    later = services.register(event=event, user=make_user())
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first, actor=None)
    run_tasks()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (waiting.status, later.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )
    assert mail.outbox[-1].to == [waiting.user.email]


def test_cancel_twice_is_refused(event, make_user):
    registration = services.register(event=event, user=make_user())
    services.cancel_registration(registration=registration, actor=None)
    with pytest.raises(Conflict):
        services.cancel_registration(registration=registration, actor=None)


def test_check_in_by_token(event, make_user, staff):
    registration = services.register(event=event, user=make_user())
    done = services.check_in(token=str(registration.token), actor=staff)
    assert done.checked_in_at is not None
    with pytest.raises(Conflict):
        services.check_in(token=registration.token, actor=staff)


def test_check_in_unknown_token_is_not_found(staff):
    with pytest.raises(NotFound):
        services.check_in(token="not-a-uuid", actor=staff)
    with pytest.raises(NotFound):
        services.check_in(token=uuid.uuid4(), actor=staff)


def test_create_event_with_bad_input_saves_nothing(staff):
    with pytest.raises(ValidationFailed) as error:
        services.create_event(
            kind="party",
            title_ko="",
            title_en="x",
            starts_at=soon(2, 12),
            ends_at=soon(2, 10),
            capacity=0,
            actor=staff,
        )
    assert set(error.value.errors) == {"kind", "title_ko", "address", "ends_at", "capacity"}
    assert Event.objects.count() == 0


def test_send_reminders_once(event, make_user, django_capture_on_commit_callbacks, run_tasks):
    services.register(event=event, user=make_user(language="en"))
    now = event.starts_at - datetime.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_reminders(now=now, within=datetime.timedelta(hours=24))
    run_tasks()
    assert sent == 1
    assert "Reminder" in mail.outbox[-1].subject
    assert services.send_reminders(now=now, within=datetime.timedelta(hours=24)) == 0


def test_register_is_audited(event, make_user):
    registration = services.register(event=event, user=make_user())
    assert (
        AuditEntry.objects.filter(
            action="events.registration.created", object_id=registration.pk
        ).count()
        == 1
    )


def test_reminder_command_reports_count(make_event, make_user):
    event = make_event(days=0)
    services.change_event(
        event=event,
        actor=None,
        starts_at=timezone.now() + datetime.timedelta(hours=2),
        ends_at=timezone.now() + datetime.timedelta(hours=4),
    )
    services.register(event=event, user=make_user())
    out = io.StringIO()
    call_command("send_event_reminders", "--hours", "24", stdout=out)
    assert out.getvalue() == "1 reminders queued.\n"
