import json

import pytest
from django.test import Client

from aihub.accounts import services as account_services
from aihub.companies.models import Company
from aihub.core.models import AuditEntry

pytestmark = pytest.mark.django_db
API = "/api/v1/companies/"


def test_list_companies_for_staff(staff_client, company, other_company):
    response = staff_client.get(API)
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 2
    assert {item["id"] for item in body["items"]} == {company.pk, other_company.pk}
    assert body["items"][0]["status"] == "resident"


def test_list_companies_for_member_shows_only_own(member_client, company, other_company):
    body = member_client.get(API).json()
    assert [item["id"] for item in body["items"]] == [company.pk]


def test_list_companies_filters_by_search(staff_client, company, other_company):
    body = staff_client.get(API, {"q": "베타"}).json()
    assert [item["id"] for item in body["items"]] == [other_company.pk]


def test_list_companies_page_out_of_range_is_404_json(staff_client, company):
    response = staff_client.get(API, {"page": 5})
    assert response.status_code == 404
    assert response.json()["code"] == "page_out_of_range"


def test_list_companies_bad_page_size_is_422_json(staff_client):
    response = staff_client.get(API, {"page_size": 1000})
    assert response.status_code == 422
    assert set(response.json()) == {"message", "code", "errors"}
    assert list(response.json()["errors"]) == ["page_size"]


def test_list_companies_requires_authentication(client):
    response = client.get(API)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("count", [1, 3])
def test_list_companies_query_count_constant(
    staff_client, make_company, django_assert_num_queries, count
):
    for _ in range(count):
        make_company()
    with django_assert_num_queries(7):
        body = staff_client.get(API).json()
    assert body["count"] == count


def test_token_authentication(company, owner):
    _token, key = account_services.create_api_token(user=owner, name="ci")
    response = Client().get(f"{API}{company.pk}", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert response.json()["registration_number"] == company.registration_number


def test_wrong_token_is_401(company):
    response = Client().get(f"{API}{company.pk}", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401


def test_session_write_needs_csrf_token(owner, company):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.patch(f"{API}{company.pk}", {"headcount": 3}, content_type="application/json")
    assert response.status_code == 403


def test_create_company_by_staff(staff_client, ai_domains):
    payload = {
        "name_ko": "마인즈그램",
        "name_en": "Mindsgram",
        "registration_number": "124-81-00998",
        "founded_on": "2019-05-01",
        "representative": "박지훈",
        "ai_domains": ["nlp"],
    }
    response = staff_client.post(API, payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["ai_domains"] == ["nlp"]
    assert Company.objects.get(registration_number="1248100998").name_en == "Mindsgram"


def test_create_company_duplicate_number_is_409(staff_client, company):
    payload = {
        "name_ko": "중복",
        "name_en": "Duplicate",
        "registration_number": company.registration_number,
        "founded_on": "2019-05-01",
        "representative": "박지훈",
    }
    response = staff_client.post(API, payload, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["errors"] == {"registration_number": [response.json()["message"]]}


def test_create_company_invalid_number_is_400(staff_client):
    payload = {
        "name_ko": "틀림",
        "name_en": "Wrong",
        "registration_number": "220-81-62518",
        "founded_on": "2019-05-01",
        "representative": "박지훈",
    }
    response = staff_client.post(API, payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_registration_number"
    assert Company.objects.count() == 0


def test_create_company_unknown_domain_is_400_and_nothing_saved(staff_client, ai_domains):
    payload = {
        "name_ko": "도메인",
        "name_en": "Domain",
        "registration_number": "220-81-62517",
        "founded_on": "2019-05-01",
        "representative": "박지훈",
        "ai_domains": ["telepathy"],
    }
    response = staff_client.post(API, payload, content_type="application/json")
    assert response.status_code == 400
    assert "ai_domains" in response.json()["errors"]
    assert Company.objects.count() == 0


def test_create_company_refused_to_member(member_client):
    response = member_client.post(API, {}, content_type="application/json")
    assert response.status_code in {403, 422}


def test_create_company_malformed_json_is_4xx_json(staff_client):
    response = staff_client.post(API, "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert set(response.json()) == {"message", "code", "errors"}


def test_create_company_wrong_types_lists_fields(staff_client):
    response = staff_client.post(
        API, {"name_ko": 5, "founded_on": "yesterday"}, content_type="application/json"
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"founded_on", "name_en", "registration_number", "representative"} <= set(errors)


def test_patch_company_by_member(member_client, company, member):
    response = member_client.patch(
        f"{API}{company.pk}",
        {"headcount": 17, "ai_domains": ["robotics"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["headcount"] == 17
    assert response.json()["ai_domains"] == ["robotics"]
    assert AuditEntry.objects.filter(action="companies.company.changed", actor=member).count() == 1


def test_patch_company_null_is_400(member_client, company):
    response = member_client.patch(
        f"{API}{company.pk}", {"name_ko": None}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["name_ko"]


def test_patch_other_company_is_404(member_client, other_company):
    response = member_client.patch(
        f"{API}{other_company.pk}", {"headcount": 3}, content_type="application/json"
    )
    assert response.status_code == 404


def test_invite_by_owner(owner_client, company):
    response = owner_client.post(
        f"{API}{company.pk}/invitations",
        {"email": "api@alpha.example"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["email"] == "api@alpha.example"


def test_invite_by_member_is_403(member_client, company):
    response = member_client.post(
        f"{API}{company.pk}/invitations",
        {"email": "api@alpha.example"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_record_membership_by_staff(staff_client, make_company, facility):
    company = make_company()
    response = staff_client.post(
        f"{API}{company.pk}/memberships",
        {"kind": "resident", "facility": facility.slug, "starts_on": "2025-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["facility"] == facility.slug


def test_errors_follow_user_language(staff, staff_client, company):
    korean = staff_client.get(API, {"page": 5})
    assert korean.json()["message"].startswith("페이지 5")
    staff.language = "en"
    staff.save()
    english = staff_client.get(API, {"page": 5})
    assert english.json()["message"].startswith("Page 5 does not exist")


def test_errors_follow_accept_language_for_visitors(client):
    response = client.get(API, headers={"Accept-Language": "en"})
    assert response.json()["message"] == "Sign in or send a valid API token."


def test_openapi_document_is_committed_and_current():
    from pathlib import Path

    from django.conf import settings

    from aihub.site.management.commands.export_openapi import openapi_document

    committed = Path(settings.BASE_DIR, "docs", "openapi.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(openapi_document()), (
        "docs/openapi.json is stale: run `make openapi`."
    )


def test_openapi_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.json()["info"]["title"] == "Seoul AI Hub API"


def test_end_membership_by_staff(staff_client, company):
    period = company.membership_periods.get()
    response = staff_client.post(
        f"{API}{company.pk}/memberships/{period.pk}/end",
        {"ends_on": "2026-01-31"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["ends_on"] == "2026-01-31"


def test_end_membership_twice_is_409(staff_client, company):
    period = company.membership_periods.get()
    url = f"{API}{company.pk}/memberships/{period.pk}/end"
    staff_client.post(url, {"ends_on": "2026-01-31"}, content_type="application/json")
    again = staff_client.post(url, {"ends_on": "2026-02-28"}, content_type="application/json")
    assert again.status_code == 409


def test_remove_last_owner_is_409(owner_client, company, owner):
    member = company.members.get(user=owner)
    response = owner_client.delete(f"{API}{company.pk}/members/{member.pk}")
    assert response.status_code == 409
    assert company.members.filter(pk=member.pk).exists()


def test_logo_upload_refuses_non_image(owner_client, company):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("logo.png", b"GIF89a but not really", content_type="image/png")
    response = owner_client.post(f"{API}{company.pk}/logo", {"logo": fake})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["logo"]
    company.refresh_from_db()
    assert company.logo.name == ""
