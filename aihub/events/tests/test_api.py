import pytest

from aihub.events import demoday, services
from aihub.events.enums import DemoDayStatus
from conftest import signed_in

pytestmark = pytest.mark.django_db
API = "/api/v1/events"


@pytest.mark.parametrize("count", [1, 3])
def test_list_events_query_count_is_flat(client, make_event, count, django_assert_num_queries):
    for n in range(count):
        make_event(title=f"세미나 {n}")
    with django_assert_num_queries(2):
        response = client.get(f"{API}/")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_registrations_query_count_is_flat(owner, make_event, count, django_assert_num_queries):
    for n in range(count):
        services.register(event=make_event(title=f"세미나 {n}"), user=owner)
    client = signed_in(owner)
    client.get(f"{API}/registrations")
    with django_assert_num_queries(4):
        response = client.get(f"{API}/registrations")
    assert len(response.json()["items"]) == count


def test_register_then_twice_is_409(owner_client, event):
    first = owner_client.post(f"{API}/{event.pk}/registrations")
    assert (first.status_code, first.json()["status"]) == (201, "confirmed")
    second = owner_client.post(f"{API}/{event.pk}/registrations")
    assert (second.status_code, second.json()["code"]) == (409, "already_registered")


def test_register_unknown_event_is_404(owner_client):
    assert owner_client.post(f"{API}/99999/registrations").status_code == 404


def test_register_needs_sign_in(client, event):
    assert client.post(f"{API}/{event.pk}/registrations").status_code == 401


def test_cancel_someone_elses_registration_is_404(member_client, owner, event):
    registration = services.register(event=event, user=owner)
    assert member_client.post(f"{API}/registrations/{registration.pk}/cancel").status_code == 404


def test_investor_marks_and_reads_own_interests(seats, demo_day, investor):
    (inv, _), (st, _) = seats
    client = signed_in(investor)
    url = f"{API}/demodays/{demo_day.event_id}/investors/{inv.pk}/interests"
    marked = client.post(
        url, {"other": st.pk, "score": 5, "reason": "great team"}, content_type="application/json"
    )
    assert (marked.status_code, marked.json()["score"]) == (200, 5)
    assert {i["side"] for i in client.get(url).json()} == {"investor"}


def test_investor_score_outside_range_is_400(seats, demo_day, investor):
    (inv, _), (st, _) = seats
    url = f"{API}/demodays/{demo_day.event_id}/investors/{inv.pk}/interests"
    response = signed_in(investor).post(
        url, {"other": st.pk, "score": 9}, content_type="application/json"
    )
    assert response.status_code == 400


def test_investor_cannot_read_another_investors_interests(seats, demo_day, investor):
    other = seats[0][1]
    response = signed_in(investor).get(
        f"{API}/demodays/{demo_day.event_id}/investors/{other.pk}/interests"
    )
    assert response.status_code == 404


def test_startup_reads_published_agenda(seats, demo_day, owner_client, staff, company):
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    url = f"{API}/demodays/{demo_day.event_id}/companies/{company.pk}/agenda"
    assert owner_client.get(url).json() == []
    demoday.publish(demo_day=demo_day, actor=staff)
    demo_day.refresh_from_db()
    assert demo_day.status == DemoDayStatus.PUBLISHED
    assert len(owner_client.get(url).json()) == 2
