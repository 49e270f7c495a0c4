"""The menus come from the entries each app registers, filtered by who is looking."""

import pytest
from django.urls import reverse

from aihub.accounts.enums import Role
from aihub.core.navigation import NavEntry, entries, menus_for, register
from conftest import signed_in

pytestmark = pytest.mark.django_db


def _keys(response, section):
    return [link.key for link in response.context["menus"][section]]


def test_anonymous_visitor_sees_only_the_public_menu(client):
    response = client.get(reverse("site:home"))
    assert _keys(response, "public") == [
        "spaces.list",
        "partners.list",
        "calls.list",
        "events.list",
        "outcomes.public",
    ]
    assert _keys(response, "work") == []
    assert _keys(response, "staff") == []


def test_staff_see_the_staff_tools(staff_client):
    response = staff_client.get(reverse("site:dashboard"))
    assert _keys(response, "staff") == [
        "companies.list",
        "accounts.people",
        "leasing.dashboard",
        "bookings.approvals",
        "outcomes.dashboard",
        "calls.manage",
        "matching.stats",
        "outbox.list",
        "site.admin",
    ]
    assert "calls.mine" not in _keys(response, "work")


def test_company_member_sees_applications_and_invoices_but_no_staff_tools(member_client):
    response = member_client.get(reverse("site:dashboard"))
    assert _keys(response, "work") == [
        "site.dashboard",
        "bookings.index",
        "matching.demands",
        "events.mine",
        "calls.mine",
        "leasing.mine",
    ]
    assert _keys(response, "staff") == []


def test_judge_and_mentor_get_their_own_entries(make_user):
    person = make_user(roles=(Role.JUDGE, Role.MENTOR))
    response = signed_in(person).get(reverse("site:dashboard"))
    assert {"calls.queue", "matching.mine"} <= set(_keys(response, "work"))
    assert f'<a href="{reverse("calls:queue")}">' in response.content.decode()


def test_menu_links_are_rendered_in_the_page_language(client):
    client.post(reverse("site:language"), {"language": "en", "next": "/"})
    page = client.get(reverse("site:home")).content.decode()
    assert f'<a href="{reverse("calls:list")}">Open recruitment</a>' in page


def test_an_entry_cannot_be_registered_twice_with_other_details():
    first = entries()[0]
    with pytest.raises(ValueError, match="already registered"):
        register(NavEntry(first.key, first.label, first.url_name, first.section, first.order + 1))


def test_role_entries_stay_hidden_from_people_without_the_role():
    menus = menus_for(authenticated=True, roles={"trainee"}, script_prefix="/")
    assert menus["staff"] == []
    assert "calls.queue" not in [link.key for link in menus["work"]]
