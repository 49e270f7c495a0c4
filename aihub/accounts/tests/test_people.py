import pytest
from django.core import mail
from django.urls import reverse

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from conftest import signed_in

pytestmark = pytest.mark.django_db


def test_people_list_searches_and_filters(staff_client, make_user):
    judge = make_user("judge@example.com", roles=(Role.JUDGE,))
    make_user("someone@example.com")
    by_role = staff_client.get(reverse("accounts:people"), {"role": "judge"})
    assert list(by_role.context["page"].object_list) == [judge]
    by_text = staff_client.get(reverse("accounts:people"), {"q": "someone@"})
    assert [p.email for p in by_text.context["page"].object_list] == ["someone@example.com"]


def test_people_list_company_member_filter(staff_client, member, owner):
    response = staff_client.get(reverse("accounts:people"), {"role": "company_member"})
    assert {p.email for p in response.context["page"].object_list} == {member.email, owner.email}


@pytest.mark.parametrize("count", [1, 3])
def test_people_list_query_count_constant(
    staff_client, make_user, django_assert_num_queries, count
):
    for _ in range(count):
        make_user(roles=(Role.TRAINEE,))
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("accounts:people"))
    assert response.context["page"].paginator.count == count + 1


def test_people_pages_refused_to_non_staff(member_client, staff):
    assert member_client.get(reverse("accounts:people")).status_code == 403
    assert member_client.get(reverse("accounts:person", args=[staff.pk])).status_code == 403
    response = member_client.post(
        reverse("accounts:person_role", args=[staff.pk]), {"role": "judge", "grant": "on"}
    )
    assert response.status_code == 403
    assert Role.JUDGE not in User.objects.get(pk=staff.pk).role_set


def test_staff_grants_and_revokes_role(staff_client, make_user):
    person = make_user()
    url = reverse("accounts:person_role", args=[person.pk])
    staff_client.post(url, {"role": "investor", "grant": "on"})
    assert User.objects.get(pk=person.pk).role_set == {Role.INVESTOR}
    staff_client.post(url, {"role": "investor"})
    assert User.objects.get(pk=person.pk).role_set == frozenset()


def test_staff_cannot_revoke_own_staff_role(staff_client, staff):
    staff_client.post(reverse("accounts:person_role", args=[staff.pk]), {"role": "hub_staff"})
    assert Role.HUB_STAFF in User.objects.get(pk=staff.pk).role_set


def test_unknown_role_is_refused(staff_client, make_user):
    person = make_user()
    response = staff_client.post(
        reverse("accounts:person_role", args=[person.pk]), {"role": "king", "grant": "on"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).role_set == frozenset()


@pytest.mark.django_db(transaction=True)
def test_staff_adds_person_who_gets_password_link(make_user, run_tasks):
    staff = make_user("boss@hub.example", roles=(Role.HUB_STAFF,))
    response = signed_in(staff).post(
        reverse("accounts:person_create"),
        {"full_name": "Ada Kim", "email": "ada@example.com", "language": "en", "roles": ["mentor"]},
    )
    person = User.objects.get(email="ada@example.com")
    assert response.status_code == 302
    assert person.role_set == {Role.MENTOR}
    assert not person.has_usable_password()
    run_tasks()
    assert mail.outbox[-1].to == ["ada@example.com"]
    assert "/accounts/password-reset/" in mail.outbox[-1].body
    assert "Choose your password" in mail.outbox[-1].body


def test_add_person_duplicate_email_shows_error(staff_client, make_user):
    make_user("taken@example.com")
    response = staff_client.post(
        reverse("accounts:person_create"),
        {"full_name": "Dup", "email": "taken@example.com", "language": "ko"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]
