import pytest
from django.urls import reverse

from aihub.core.errors import Conflict, ValidationFailed
from aihub.partners import services
from aihub.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def mila(staff):
    partner = services.create_partner(
        name_ko="밀라", name_en="Mila", kind="global_network", country="CA", actor=staff
    )
    services.record_agreement(
        partner=partner,
        title="MOU",
        signed_on=__import__("datetime").date(2021, 6, 1),
        items=["공동 연구", "기술 매칭"],
        actor=staff,
    )
    services.add_contact(partner=partner, name="Jane Roe", email="jane@mila.example", actor=staff)
    return partner


def test_partner_list_is_public(client, mila):
    response = client.get(reverse("partners:list"))
    assert list(response.context["page"].object_list) == [mila]


def test_partner_list_filters_by_kind(client, mila, staff):
    services.create_partner(
        name_ko="카이스트", name_en="KAIST", kind="university", country="KR", actor=staff
    )
    response = client.get(reverse("partners:list"), {"kind": "university"})
    assert [p.name_en for p in response.context["page"].object_list] == ["KAIST"]


def test_partner_detail_hides_contacts_from_visitors(client, mila):
    content = client.get(mila.get_absolute_url()).content.decode()
    assert "공동 연구" in content
    assert "jane@mila.example" not in content


def test_partner_detail_shows_contacts_to_signed_in(member_client, mila):
    assert "jane@mila.example" in member_client.get(mila.get_absolute_url()).content.decode()


def test_staff_creates_partner(staff_client):
    response = staff_client.post(
        reverse("partners:create"),
        {"name_ko": "아이바도", "name_en": "IVADO", "kind": "research_institute", "country": "ca"},
    )
    partner = Partner.objects.get(name_en="IVADO")
    assert response.status_code == 302
    assert partner.country == "CA"


def test_create_partner_duplicate_name_refused(staff, mila):
    with pytest.raises(Conflict):
        services.create_partner(
            name_ko="밀라2", name_en="mila", kind="company", country="CA", actor=staff
        )


def test_create_partner_bad_country_refused(staff):
    with pytest.raises(ValidationFailed) as caught:
        services.create_partner(
            name_ko="가", name_en="A", kind="company", country="Korea", actor=staff
        )
    assert list(caught.value.errors) == ["country"]


def test_member_cannot_edit_partner(member_client, mila):
    assert member_client.get(reverse("partners:edit", args=[mila.pk])).status_code == 403


def test_staff_records_agreement(staff_client, mila):
    staff_client.post(
        reverse("partners:agreement_add", args=[mila.pk]),
        {"title": "Batch programme", "signed_on": "2025-01-10", "items": "Batch\n\nResearch"},
    )
    assert mila.agreements.get(title="Batch programme").items == ["Batch", "Research"]


@pytest.mark.parametrize("count", [1, 3])
def test_partner_list_query_count_constant(client, staff, django_assert_num_queries, count):
    for i in range(count):
        services.create_partner(
            name_ko=f"기관{i}", name_en=f"Org {i}", kind="company", country="KR", actor=staff
        )
    with django_assert_num_queries(2):
        client.get(reverse("partners:list"))


def test_api_partner_list_and_detail(client, mila):
    body = client.get("/api/v1/partners/").json()
    assert [p["name_en"] for p in body["items"]] == ["Mila"]
    detail = client.get(f"/api/v1/partners/{mila.pk}").json()
    assert detail["agreements"][0]["items"] == ["공동 연구", "기술 매칭"]


def test_api_partner_create_by_staff(staff_client):
    response = staff_client.post(
        "/api/v1/partners/",
        {"name_ko": "엔비디아", "name_en": "NVIDIA Korea", "kind": "company", "country": "KR"},
        content_type="application/json",
    )
    assert response.status_code == 201


def test_api_partner_create_refused_to_member(member_client):
    response = member_client.post(
        "/api/v1/partners/",
        {"name_ko": "엔비디아", "name_en": "NVIDIA Korea", "kind": "company", "country": "KR"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_api_partner_patch_invalid_country_is_400(staff_client, mila):
    response = staff_client.patch(
        f"/api/v1/partners/{mila.pk}", {"country": "1x"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["country"]


def test_api_partner_contact_added_by_staff(staff_client, mila):
    response = staff_client.post(
        f"/api/v1/partners/{mila.pk}/contacts",
        {"name": "Yoshua", "email": "y@mila.example"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert mila.contacts.filter(name="Yoshua").exists()


def test_api_partner_contact_bad_email_is_400(staff_client, mila):
    response = staff_client.post(
        f"/api/v1/partners/{mila.pk}/contacts",
        {"name": "Nobody", "email": "not-an-email"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]


def test_api_partner_contact_refused_to_member(member_client, mila):
    response = member_client.post(
        f"/api/v1/partners/{mila.pk}/contacts", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
