"""The staff page that changes an event through ``change_event``."""

import pytest
from django.core import mail
from django.urls import reverse

from aihub.core.models import AuditEntry
from aihub.events import services
from aihub.events.enums import RegistrationStatus
from aihub.events.models import Event

pytestmark = pytest.mark.django_db


def _fields(event: Event, **changes: str) -> dict[str, str]:
    data = {
        "kind": event.kind,
        "title_ko": event.title_ko,
        "title_en": event.title_en,
        "description_ko": event.description_ko,
        "description_en": event.description_en,
        "address": event.address,
        "starts_at": "2030-01-02T10:00",
        "ends_at": "2030-01-02T12:00",
        "capacity": str(event.capacity),
        "is_public": "on",
    }
    return data | changes


def test_event_edit_page_shows_current_values(staff_client, event):
    response = staff_client.get(reverse("events:edit", args=[event.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{event.title_en}"' in page
    assert 'name="capacity"' in page


def test_event_detail_links_edit_for_staff_only(staff_client, owner_client, event):
    url = reverse("events:detail", args=[event.pk])
    assert 'data-testid="edit-event"' in staff_client.get(url).content.decode()
    assert 'data-testid="edit-event"' not in owner_client.get(url).content.decode()


def test_event_edit_saves_and_promotes_waiting_list(staff_client, event, make_user):
    for _ in range(2):
        services.register(event=event, user=make_user())
    waiting = services.register(event=event, user=make_user())
    mail.outbox.clear()
    response = staff_client.post(
        reverse("events:edit", args=[event.pk]),
        _fields(event, title_en="Bigger seminar", capacity="3"),
    )
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[event.pk])
    event.refresh_from_db()
    waiting.refresh_from_db()
    assert (event.title_en, event.capacity) == ("Bigger seminar", 3)
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert AuditEntry.objects.filter(action="events.event.changed").count() == 1


def test_event_edit_is_refused_to_members(owner_client, event):
    url = reverse("events:edit", args=[event.pk])
    assert owner_client.get(url).status_code == 403
    response = owner_client.post(url, _fields(event, title_en="Taken over"))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title_en == "AI 세미나 (en)"


def test_event_edit_bad_input_is_400_next_to_field_and_nothing_saved(staff_client, event):
    before = (event.title_en, event.starts_at, event.ends_at)
    response = staff_client.post(
        reverse("events:edit", args=[event.pk]),
        _fields(event, title_en="Changed", ends_at="2030-01-02T09:00"),
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["ends_at"]
    event.refresh_from_db()
    assert (event.title_en, event.starts_at, event.ends_at) == before
    assert AuditEntry.objects.filter(action="events.event.changed").count() == 0


def test_event_edit_without_room_or_address_is_400(staff_client, event):
    response = staff_client.post(
        reverse("events:edit", args=[event.pk]), _fields(event, address="")
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["address"]
    event.refresh_from_db()
    assert event.address == "서울시 서초구 태봉로 108"
