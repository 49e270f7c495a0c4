import pytest
from django.conf import settings
from django.urls import reverse

from aihub.accounts.enums import Role
from conftest import signed_in

pytestmark = pytest.mark.django_db


def test_home_shows_live_figures(client, company, other_company, facility):
    response = client.get(reverse("site:home"))
    assert response.status_code == 200
    assert response.context["supported"] == 2
    assert response.context["current_companies"] == 2
    assert response.context["total_area"] == 10_020
    assert facility.name_ko in response.content.decode()


def test_home_is_korean_by_default(client, facility):
    response = client.get(reverse("site:home"))
    assert response["Content-Language"] == "ko"
    assert '<html lang="ko">' in response.content.decode()


def test_language_switch_sets_cookie_and_redirects(client, facility):
    response = client.post(reverse("site:language"), {"language": "en", "next": "/facilities/"})
    assert response.status_code == 302
    assert response.url == "/facilities/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/facilities/")
    assert page["Content-Language"] == "en"
    assert "Facilities" in page.content.decode()


def test_language_switch_remembers_user_preference(make_user):
    user = make_user()
    client = signed_in(user)
    client.post(reverse("site:language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    fresh = signed_in(user)
    assert fresh.get(reverse("site:dashboard"))["Content-Language"] == "en"


def test_language_switch_refuses_unknown_code(client):
    response = client.post(reverse("site:language"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "xx" in response.content.decode()


def test_language_switch_ignores_foreign_next(client):
    response = client.post(
        reverse("site:language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_language_switch_is_post_only(client):
    assert client.get(reverse("site:language")).status_code == 405


def test_dashboard_requires_sign_in(client):
    response = client.get(reverse("site:dashboard"))
    assert response.status_code == 302


def test_dashboard_for_staff_shows_counts(staff_client, company, make_company):
    make_company()
    response = staff_client.get(reverse("site:dashboard"))
    staff = response.context["staff"]
    assert staff["status_counts"]["resident"] == 1
    assert staff["status_counts"]["none"] == 1
    assert [f.current_companies for f in staff["facilities"]] == [1]
    assert len(staff["newest"]) == 2


def test_dashboard_for_member_shows_own_company(member_client, company):
    response = member_client.get(reverse("site:dashboard"))
    assert response.context["my_companies"] == [company]
    assert "staff" not in response.context


@pytest.mark.parametrize(
    "role", [Role.JUDGE, Role.INVESTOR, Role.MENTOR, Role.RESEARCHER, Role.TRAINEE]
)
def test_dashboard_for_each_role_names_the_role(make_user, role):
    response = signed_in(make_user(roles=(role,), language="en")).get(reverse("site:dashboard"))
    assert response.status_code == 200
    assert response.context["role_labels"] == [role.label]
    assert str(role.label) in response.content.decode()


def test_pages_send_content_security_policy(client):
    response = client.get(reverse("site:home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_healthz_is_trivial(client):
    assert client.get(reverse("core:healthz")).content == b"ok"


def test_unknown_url_is_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404


def test_admin_open_to_staff_only(staff_client, member_client):
    assert staff_client.get("/admin/companies/company/").status_code == 200
    assert member_client.get("/admin/companies/company/").status_code == 302


@pytest.mark.parametrize("count", [1, 3])
def test_staff_home_query_count_constant(
    staff_client, make_company, django_assert_num_queries, count
):
    for _ in range(count):
        make_company()
    with django_assert_num_queries(10):
        response = staff_client.get(reverse("site:dashboard"))
    assert len(response.context["staff"]["newest"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_public_home_query_count_constant(client, make_company, django_assert_num_queries, count):
    for _ in range(count):
        make_company()
    with django_assert_num_queries(5):
        response = client.get(reverse("site:home"))
    assert response.context["supported"] == 0
