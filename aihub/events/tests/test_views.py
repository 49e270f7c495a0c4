import pytest
from django.urls import reverse

from aihub.events import demoday, services
from aihub.events.enums import DemoDayStatus, RegistrationStatus
from aihub.events.models import Interest, Registration
from aihub.jobs.models import Job
from conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_is_flat(client, make_event, count, django_assert_num_queries):
    for n in range(count):
        make_event(title=f"세미나 {n}")
    with django_assert_num_queries(2):
        response = client.get(reverse("events:list"))
    assert response.content.decode().count('data-testid="event-card"') == count


def test_event_feed_lists_public_events(client, event):
    response = client.get(reverse("events:feed"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"SUMMARY:AI" in response.content


def test_register_view_then_confirmation_shows_qr(owner_client, event):
    response = owner_client.post(reverse("events:register", args=[event.pk]))
    registration = Registration.objects.get()
    assert response.url == reverse("events:registration", args=[registration.pk])
    page = owner_client.get(response.url).content.decode()
    assert 'data-testid="qr-code"' in page
    assert "<svg" in page


def test_register_twice_shows_message_in_language(owner_client, owner, event):
    owner.language = "en"
    owner.save()
    owner_client.post(reverse("events:register", args=[event.pk]))
    response = owner_client.post(
        reverse("events:register", args=[event.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def test_registration_of_another_person_is_not_found(member_client, owner, event):
    registration = services.register(event=event, user=owner)
    assert (
        member_client.get(reverse("events:registration", args=[registration.pk])).status_code == 404
    )


def test_cancel_view_promotes(owner_client, owner, event, make_user):
    mine = services.register(event=event, user=owner)
    services.register(event=event, user=make_user())
    waiting = services.register(event=event, user=make_user())
    owner_client.post(reverse("events:registration_cancel", args=[mine.pk]))
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_check_in_view_is_staff_only(owner_client, staff_client, owner, event):
    registration = services.register(event=event, user=owner)
    url = reverse("events:check_in", args=[registration.token])
    assert owner_client.post(url).status_code == 403
    staff_client.post(url)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_attendee_export(staff_client, owner, event, fmt):
    services.register(event=event, user=owner)
    response = staff_client.get(reverse("events:attendees", args=[event.pk]) + f"?format={fmt}")
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_attendee_export_is_denied_to_members(owner_client, event):
    assert (
        owner_client.get(reverse("events:attendees", args=[event.pk]) + "?format=csv").status_code
        == 403
    )


def test_create_event_view(staff_client):
    response = staff_client.post(
        reverse("events:create"),
        {
            "kind": "seminar",
            "title_ko": "세미나",
            "title_en": "Seminar",
            "address": "Seoul",
            "starts_at": "2030-01-02T10:00",
            "ends_at": "2030-01-02T12:00",
            "capacity": "30",
            "is_public": "on",
        },
    )
    assert response.status_code == 302


def test_create_event_view_bad_input_is_400(staff_client):
    response = staff_client.post(
        reverse("events:create"),
        {
            "kind": "seminar",
            "title_ko": "세미나",
            "title_en": "Seminar",
            "starts_at": "2030-01-02T10:00",
            "ends_at": "2030-01-02T09:00",
            "capacity": "30",
        },
    )
    assert response.status_code == 400


def test_setup_page_is_denied_to_members(owner_client, demo_day):
    assert owner_client.get(reverse("events:demoday", args=[demo_day.event_id])).status_code == 403


def test_startup_marks_interest_through_page(owner_client, seats, demo_day):
    (inv, _), (st, _) = seats
    url = reverse(
        "events:startup_interests", kwargs={"event_pk": demo_day.event_id, "pk": st.company_id}
    )
    owner_client.post(url, {"other": inv.pk, "score": "no", "reason": "Not our market"})
    interest = Interest.objects.get(investor=inv, startup=st, side="startup")
    assert (interest.no_thanks, interest.reason) == (True, "Not our market")


def test_participation_bad_slot_is_a_message(owner_client, seats, demo_day):
    st = seats[1][0]
    url = reverse(
        "events:startup_participation", kwargs={"event_pk": demo_day.event_id, "pk": st.company_id}
    )
    response = owner_client.post(
        url, {"available": "1-3, x", "min_meetings": "0", "max_meetings": "2"}, follow=True
    )
    assert response.status_code == 200
    st.refresh_from_db()
    assert st.available == [0, 1, 2, 3]


def test_investor_sees_only_own_seat(seats, demo_day, investor):
    other = seats[0][1]
    client = signed_in(investor)
    url = reverse(
        "events:investor_interests", kwargs={"event_pk": demo_day.event_id, "seat_pk": other.pk}
    )
    assert client.get(url).status_code == 404


def test_schedule_run_publish_and_agenda_ics(staff_client, seats, demo_day, investor, run_tasks):
    url = reverse("events:schedule", args=[demo_day.event_id])
    started = staff_client.post(url, {"action": "run"})
    job = Job.objects.get(kind="events.schedule_demo_day")
    assert started.url == job.get_absolute_url()
    again = staff_client.post(url, {"action": "run"}, follow=True)
    assert again.redirect_chain[-1][0] == job.get_absolute_url()
    assert Job.objects.count() == 1
    run_tasks()
    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.result["url"] == url
    staff_client.post(url, {"action": "publish"})
    demo_day.refresh_from_db()
    assert demo_day.status == DemoDayStatus.PUBLISHED
    seat = seats[0][0]
    agenda = reverse(
        "events:investor_agenda", kwargs={"event_pk": demo_day.event_id, "seat_pk": seat.pk}
    )
    client = signed_in(investor)
    assert client.get(agenda).content.decode().count('data-testid="agenda-row"') == 2
    assert client.get(agenda + "?format=ics").content.count(b"BEGIN:VEVENT") == 2
    cards = staff_client.get(
        reverse("events:table_cards", args=[demo_day.event_id])
    ).content.decode()
    assert cards.count('data-testid="table-card"') == 2


def test_pin_with_slot_outside_range_is_a_message(staff_client, seats, demo_day):
    (inv, _), (st, _) = seats
    url = reverse("events:schedule", args=[demo_day.event_id])
    response = staff_client.post(
        url, {"action": "pin", "investor": inv.pk, "startup": st.pk, "slot": "9"}, follow=True
    )
    assert response.status_code == 200
    assert demo_day.decisions.count() == 0


def test_unknown_demo_day_is_404(staff_client, event):
    assert staff_client.get(reverse("events:schedule", args=[event.pk])).status_code == 404
    assert staff_client.get(reverse("events:schedule", args=[99999])).status_code == 404


def test_my_events_lists_seats(owner_client, seats):
    assert (
        owner_client.get(reverse("events:mine")).content.decode().count('data-testid="agenda-link"')
        == 1
    )


def test_schedule_lists_people_below_their_minimum(
    staff_client, seats, demo_day, company, run_tasks
):
    (_, _), (st, _) = seats
    demoday.set_participation(
        seat=st, available=[0, 1, 2, 3], min_meetings=3, max_meetings=4, actor=None
    )
    url = reverse("events:schedule", args=[demo_day.event_id])
    staff_client.post(url, {"action": "run"})
    run_tasks()
    page = staff_client.get(url).content.decode()
    assert page.count('data-testid="below-minimum"') == 1
    assert company.name in page.split('data-testid="below-minimum"')[1]
