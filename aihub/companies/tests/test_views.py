import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from aihub.companies.models import Company
from aihub.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _png(size: tuple[int, int] = (32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 95, 191)).save(buffer, format="PNG")
    return buffer.getvalue()


def _edit_data(company: Company, **overrides: object) -> dict:
    data = {
        "name_ko": company.name_ko,
        "name_en": company.name_en,
        "registration_number": company.registration_number_display,
        "founded_on": company.founded_on.isoformat(),
        "representative": company.representative,
        "stage": company.stage,
        "headcount": company.headcount,
        "homepage": company.homepage,
        "description_ko": company.description_ko,
        "description_en": company.description_en,
    }
    data.update(overrides)
    return data


def test_company_list_shows_companies_to_staff(staff_client, company, other_company):
    response = staff_client.get(reverse("companies:list"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].object_list] == sorted(
        [company.pk, other_company.pk], key=lambda pk: Company.objects.get(pk=pk).name_ko
    )


def test_company_list_search_by_name(staff_client, company, other_company):
    response = staff_client.get(reverse("companies:list"), {"q": "베타"})
    assert [c.pk for c in response.context["page"].object_list] == [other_company.pk]


def test_company_list_search_by_registration_number(staff_client, company, other_company):
    number = company.registration_number_display
    response = staff_client.get(reverse("companies:list"), {"q": number[:6]})
    assert company in response.context["page"].object_list
    assert other_company not in response.context["page"].object_list


def test_company_list_filters_by_status(staff_client, company, make_company):
    newcomer = make_company()
    response = staff_client.get(reverse("companies:list"), {"status": "none"})
    assert list(response.context["page"].object_list) == [newcomer]


def test_company_list_htmx_returns_results_fragment(staff_client, company):
    response = staff_client.get(
        reverse("companies:list"), {"q": "알파"}, headers={"HX-Request": "true"}
    )
    assert response.templates[0].name == "companies/_results.html"
    assert "<html" not in response.content.decode()


def test_company_list_page_out_of_range_is_404_with_message(staff_client, company):
    response = staff_client.get(reverse("companies:list"), {"page": 9})
    assert response.status_code == 404
    assert "페이지 9" in response.content.decode() or "Page 9" in response.content.decode()


def test_company_list_page_not_a_number_is_404(staff_client, company):
    response = staff_client.get(reverse("companies:list"), {"page": "abc"})
    assert response.status_code == 404


def test_company_list_refused_to_outsider(make_user, company):
    from conftest import signed_in

    response = signed_in(make_user()).get(reverse("companies:list"))
    assert response.status_code == 403


def test_company_list_sends_member_to_own_company(member_client, company):
    response = member_client.get(reverse("companies:list"))
    assert response.status_code == 302
    assert response.url == company.get_absolute_url()


def test_company_list_requires_sign_in(client):
    response = client.get(reverse("companies:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [1, 3])
def test_company_list_query_count_constant(
    staff_client, make_company, django_assert_num_queries, count
):
    for _ in range(count):
        make_company()
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("companies:list"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_company_page_query_count_constant(
    staff_client, company, make_user, django_assert_num_queries, count
):
    from aihub.companies import services

    for _ in range(count):
        services.invite_member(company=company, email=make_user().email, actor=None)
        services.update_company(company=company, actor=None, headcount=company.headcount + 1)
        company.refresh_from_db()
    with django_assert_num_queries(9):
        response = staff_client.get(company.get_absolute_url())
    assert len(response.context["invitations"]) == count


def test_company_export_xlsx_has_typed_rows(staff_client, company):
    response = staff_client.get(reverse("companies:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "기업명(국문)" or rows[0][0] == "Name (Korean)"
    assert rows[1][0] == company.name_ko
    assert rows[1][7] == company.headcount


def test_company_export_csv_starts_with_bom(staff_client, company):
    response = staff_client.get(reverse("companies:export"), {"format": "csv"})
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[1][0] == company.name_ko
    assert rows[1][2] == company.registration_number_display


def test_company_export_refused_to_member(member_client, company):
    assert member_client.get(reverse("companies:export")).status_code == 403


def test_company_detail_shows_members_and_history(staff_client, company, owner):
    response = staff_client.get(company.get_absolute_url())
    content = response.content.decode()
    assert owner.email in content
    assert [e.action for e in response.context["history"]] == [
        "companies.membership.recorded",
        "companies.member.added",
        "companies.company.registered",
    ]


def test_member_edits_own_company(member_client, company, member):
    response = member_client.post(
        reverse("companies:edit", args=[company.pk]), _edit_data(company, headcount=42)
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.headcount == 42
    assert AuditEntry.objects.filter(action="companies.company.changed", actor=member).count() == 1


def test_member_refused_other_company_edit(member_client, other_company):
    response = member_client.get(reverse("companies:edit", args=[other_company.pk]))
    assert response.status_code == 404
    response = member_client.post(
        reverse("companies:edit", args=[other_company.pk]), _edit_data(other_company, headcount=99)
    )
    assert response.status_code == 404
    other_company.refresh_from_db()
    assert other_company.headcount != 99


def test_edit_refuses_invalid_registration_number_next_to_field(member_client, company):
    response = member_client.post(
        reverse("companies:edit", args=[company.pk]),
        _edit_data(company, registration_number="220-81-62518", headcount=7),
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["registration_number"]
    company.refresh_from_db()
    assert company.headcount == 1


def test_edit_refuses_duplicate_registration_number(member_client, company, other_company):
    response = member_client.post(
        reverse("companies:edit", args=[company.pk]),
        _edit_data(company, registration_number=other_company.registration_number),
    )
    assert response.status_code == 400
    assert "registration_number" in response.context["form"].errors


def test_edit_uploads_logo(member_client, company):
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = member_client.post(
        reverse("companies:edit", args=[company.pk]), {**_edit_data(company), "logo": logo}
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.logo.name.endswith(".png")


def test_edit_refuses_non_image_logo(member_client, company):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = member_client.post(
        reverse("companies:edit", args=[company.pk]),
        {**_edit_data(company, headcount=5), "logo": fake},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["logo"]
    company.refresh_from_db()
    assert (company.logo.name, company.headcount) == ("", 1)


def test_edit_refuses_oversized_logo(member_client, company, settings):
    settings.AIHUB_LOGO_MAX_BYTES = 100
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = member_client.post(
        reverse("companies:edit", args=[company.pk]), {**_edit_data(company), "logo": logo}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["logo"]


def test_staff_registers_company(staff_client, ai_domains):
    response = staff_client.post(
        reverse("companies:create"),
        {
            "name_ko": "뉴로웨이브",
            "name_en": "Neurowave",
            "registration_number": "220-81-62517",
            "founded_on": "2022-02-02",
            "representative": "이서준",
            "stage": "seed",
            "headcount": 4,
            "ai_domains": [ai_domains[0].pk],
        },
    )
    company = Company.objects.get(registration_number="2208162517")
    assert response.status_code == 302
    assert response.url == company.get_absolute_url()
    assert list(company.ai_domains.all()) == [ai_domains[0]]


def test_member_cannot_register_company(member_client):
    assert member_client.get(reverse("companies:create")).status_code == 403


def test_owner_invites_member(owner_client, company):
    response = owner_client.post(
        reverse("companies:invite", args=[company.pk]),
        {"email": "new@alpha.example", "role": "member"},
    )
    assert response.status_code == 302
    assert company.invitations.get().email == "new@alpha.example"


def test_member_cannot_invite(member_client, company):
    response = member_client.post(
        reverse("companies:invite", args=[company.pk]),
        {"email": "new@alpha.example", "role": "member"},
    )
    assert response.status_code == 403
    assert not company.invitations.exists()


def test_invitation_page_signs_up_and_joins(client, company, owner):
    from aihub.companies import services

    _invitation, token = services.invite_member(
        company=company, email="join@alpha.example", actor=owner
    )
    url = reverse("companies:invitation", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"full_name": "합류자", "password": "a-long-enough-passphrase", "language": "en"}
    )
    assert response.status_code == 302
    assert company.members.filter(user__email="join@alpha.example", user__language="en").exists()
    again = client.get(url)
    assert again.status_code == 409


def test_invitation_page_unknown_token_is_404(client):
    response = client.get(reverse("companies:invitation", args=["not-a-token"]))
    assert response.status_code == 404
    assert "초대" in response.content.decode() or "invitation" in response.content.decode()


def test_staff_records_and_ends_membership(staff_client, make_company, facility):
    company = make_company()
    response = staff_client.post(
        reverse("companies:membership_record", args=[company.pk]),
        {"kind": "membership", "starts_on": "2025-03-01"},
    )
    assert response.status_code == 302
    period = company.membership_periods.get()
    staff_client.post(
        reverse("companies:membership_end", args=[company.pk, period.pk]), {"ends_on": "2026-02-28"}
    )
    period.refresh_from_db()
    assert period.ends_on.isoformat() == "2026-02-28"


def test_member_cannot_record_membership(member_client, company):
    response = member_client.post(
        reverse("companies:membership_record", args=[company.pk]),
        {"kind": "membership", "starts_on": "2030-03-01"},
    )
    assert response.status_code == 403


def test_membership_form_shows_overlap_next_to_field(staff_client, company):
    response = staff_client.post(
        reverse("companies:membership_record", args=[company.pk]),
        {"kind": "membership", "starts_on": "2025-01-01"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["starts_on"]
    assert company.membership_periods.count() == 1


def test_company_history_page_lists_every_entry(staff_client, company, owner):
    from aihub.companies import services

    for count in range(20):
        services.update_company(company=company, actor=owner, headcount=count + 2)
    detail = staff_client.get(company.get_absolute_url())
    assert len(detail.context["history"]) == 15
    history = staff_client.get(reverse("companies:history", args=[company.pk]))
    assert history.context["page"].paginator.count == 23


def test_company_list_filters_by_domain_and_facility(
    staff_client, company, make_company, ai_domains
):
    from aihub.companies import services

    other = make_company()
    services.update_company(company=other, actor=None, ai_domains=[ai_domains[2]])
    by_domain = staff_client.get(reverse("companies:list"), {"domain": ai_domains[2].code})
    assert list(by_domain.context["page"].object_list) == [other]
    by_facility = staff_client.get(reverse("companies:list"), {"facility": "anchor"})
    assert list(by_facility.context["page"].object_list) == [company]


def test_company_url_matches_url_pattern(company):
    assert company.get_absolute_url() == reverse("companies:detail", kwargs={"pk": company.pk})
