import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from aihub.companies import queries, services
from aihub.companies.enums import CompanyStatus, MemberRole, MembershipKind
from aihub.companies.models import Company, CompanyMember, Invitation
from aihub.core.audit import history_for
from aihub.core.errors import Conflict, Expired, NotFound, ValidationFailed
from aihub.core.models import AuditEntry
from conftest import PASSWORD, valid_registration_number

pytestmark = pytest.mark.django_db


def _register(**overrides):
    fields = {
        "name_ko": "코어에이아이",
        "name_en": "Core AI",
        "registration_number": "220-81-62517",
        "founded_on": datetime.date(2021, 1, 4),
        "representative": "김민준",
        "actor": None,
    }
    fields.update(overrides)
    return services.register_company(**fields)


def test_register_company_records_audit_entry():
    company = _register()
    assert company.registration_number == "2208162517"
    assert [e.action for e in history_for(company)] == ["companies.company.registered"]


def test_register_company_refuses_duplicate_number_without_writing():
    _register()
    audit_before = AuditEntry.objects.count()
    with pytest.raises(Conflict) as caught:
        _register(name_ko="다른회사", name_en="Other", registration_number="2208162517")
    assert caught.value.code == "duplicate_registration_number"
    assert Company.objects.count() == 1
    assert AuditEntry.objects.count() == audit_before


def test_register_company_refuses_invalid_number_without_writing():
    with pytest.raises(ValidationFailed):
        _register(registration_number="220-81-62518")
    assert Company.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_register_company_refuses_future_founding_date():
    with pytest.raises(ValidationFailed) as caught:
        _register(founded_on=timezone.localdate() + datetime.timedelta(days=1))
    assert list(caught.value.errors) == ["founded_on"]


def test_update_company_logs_only_changed_fields(company, owner):
    services.update_company(company=company, actor=owner, headcount=12, representative="홍길동")
    entry = history_for(company).first()
    assert entry.action == "companies.company.changed"
    assert entry.data["changes"] == {"headcount": [1, 12]}
    assert entry.actor == owner


def test_update_company_without_changes_logs_nothing(company, owner):
    before = history_for(company).count()
    services.update_company(company=company, actor=owner, representative="홍길동")
    assert history_for(company).count() == before


def test_update_company_refuses_number_of_another_company(company, other_company, owner):
    with pytest.raises(Conflict):
        services.update_company(
            company=company, actor=owner, registration_number=other_company.registration_number
        )
    company.refresh_from_db()
    assert company.registration_number != other_company.registration_number


def test_invite_and_accept_creates_member_and_sends_mail(company, owner):
    with translation.override("en"):
        invitation, _token = services.invite_member(
            company=company, email="New.Person@Example.com", actor=owner
        )
    assert invitation.email == "new.person@example.com"
    assert len(mail.outbox) == 0  # queued: the worker sends it


def test_invitation_mail_goes_out_from_the_worker_in_the_inviters_language(
    make_company, make_user, run_tasks
):
    owner = make_user("boss@gamma.example")
    company = make_company(owner=owner)
    with translation.override("en"):
        _invitation, token = services.invite_member(
            company=company, email="new@gamma.example", actor=owner
        )
    run_tasks()
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert mail.outbox[0].to == ["new@gamma.example"]
    assert mail.outbox[0].subject.startswith("Invitation to join")


@pytest.mark.django_db(transaction=True)
def test_invitation_is_not_sent_when_the_change_rolls_back(make_company, make_user, run_tasks):
    owner = make_user("boss@delta.example")
    company = make_company(owner=owner)

    def invite_then_fail() -> None:
        with transaction.atomic():
            services.invite_member(company=company, email="new@delta.example", actor=owner)
            raise RuntimeError("the surrounding change failed")

    with pytest.raises(RuntimeError):
        invite_then_fail()
    run_tasks()
    assert mail.outbox == []


def test_accept_invitation_signs_up_new_person(company, owner):
    _invitation, token = services.invite_member(
        company=company, email="new@alpha.example", role=MemberRole.MEMBER, actor=owner
    )
    member = services.accept_invitation(token=token, full_name="새 직원", password=PASSWORD)
    assert member.company == company
    assert member.user.email == "new@alpha.example"
    assert history_for(company).first().action == "companies.member.joined"


def test_accept_invitation_refuses_reuse(company, owner):
    _invitation, token = services.invite_member(
        company=company, email="new@alpha.example", actor=owner
    )
    services.accept_invitation(token=token, full_name="새 직원", password=PASSWORD)
    with pytest.raises(Conflict) as caught:
        services.accept_invitation(token=token, full_name="또 다른", password=PASSWORD)
    assert caught.value.code == "invitation_used"
    assert CompanyMember.objects.filter(company=company).count() == 2


def test_accept_invitation_refuses_expired_link(company, owner):
    invitation, token = services.invite_member(
        company=company, email="late@alpha.example", actor=owner
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(Expired) as caught:
        services.accept_invitation(token=token, full_name="늦은 사람", password=PASSWORD)
    assert caught.value.code == "invitation_expired"
    assert not CompanyMember.objects.filter(user__email="late@alpha.example").exists()


def test_accept_invitation_refuses_unknown_token():
    with pytest.raises(NotFound):
        services.accept_invitation(token="nope", full_name="누구", password=PASSWORD)


def test_accept_invitation_refuses_other_signed_in_user(company, owner, make_user):
    _invitation, token = services.invite_member(
        company=company, email="a@alpha.example", actor=owner
    )
    stranger = make_user("b@elsewhere.example")
    with pytest.raises(ValidationFailed):
        services.accept_invitation(token=token, user=stranger)


def test_accept_invitation_weak_password_leaves_nothing(company, owner):
    _invitation, token = services.invite_member(
        company=company, email="weak@alpha.example", actor=owner
    )
    with pytest.raises(ValidationFailed) as caught:
        services.accept_invitation(token=token, full_name="약한 비번", password="1234")
    assert "password" in caught.value.errors
    assert not CompanyMember.objects.filter(user__email="weak@alpha.example").exists()


def test_invite_refuses_second_open_invitation(company, owner):
    services.invite_member(company=company, email="x@alpha.example", actor=owner)
    with pytest.raises(Conflict):
        services.invite_member(company=company, email="x@alpha.example", actor=owner)


def test_remove_member_keeps_last_owner(company, owner):
    last_owner = company.members.get(user=owner)
    with pytest.raises(Conflict):
        services.remove_member(member=last_owner, actor=owner)


def test_record_membership_refuses_overlap(company, facility):
    with pytest.raises(Conflict):
        services.record_membership(
            company=company,
            kind=MembershipKind.MEMBERSHIP,
            starts_on=datetime.date(2025, 1, 1),
            actor=None,
        )


def test_record_membership_refuses_resident_without_facility(make_company):
    company = make_company()
    with pytest.raises(ValidationFailed) as caught:
        services.record_membership(
            company=company,
            kind=MembershipKind.RESIDENT,
            starts_on=datetime.date(2025, 1, 1),
            actor=None,
        )
    assert list(caught.value.errors) == ["facility"]


def test_status_follows_membership_periods(make_company, facility, staff):
    today = timezone.localdate()
    resident = make_company(resident_at=facility)
    member = make_company()
    services.record_membership(
        company=member,
        kind=MembershipKind.MEMBERSHIP,
        starts_on=today - datetime.timedelta(days=30),
        actor=None,
    )
    alumni = make_company()
    period = services.record_membership(
        company=alumni,
        kind=MembershipKind.RESIDENT,
        facility=facility,
        starts_on=datetime.date(2018, 1, 1),
        actor=None,
    )
    services.end_membership(period=period, ends_on=datetime.date(2020, 12, 31), actor=staff)
    newcomer = make_company()
    statuses = {c.pk: c.status for c in queries.with_periods(Company.objects.all())}
    expected = {
        resident.pk: CompanyStatus.RESIDENT,
        member.pk: CompanyStatus.MEMBERSHIP,
        alumni.pk: CompanyStatus.ALUMNI,
        newcomer.pk: CompanyStatus.NONE,
    }
    assert statuses == expected
    for status in CompanyStatus.values:
        filtered = queries.filter_by_status(Company.objects.all(), status)
        assert set(filtered.values_list("pk", flat=True)) == {
            pk for pk, expected_status in expected.items() if expected_status == status
        }


def test_companies_for_user_gates_by_membership(company, other_company, owner, staff, make_user):
    assert list(queries.companies_for_user(user=owner)) == [company]
    assert set(queries.companies_for_user(user=staff)) == {company, other_company}
    assert list(queries.companies_for_user(user=make_user())) == []


def test_audit_descriptions_read_in_both_languages(company, owner):
    services.invite_member(
        company=company, email="x@alpha.example", role=MemberRole.OWNER, actor=owner
    )
    entry = history_for(company).first()
    with translation.override("en"):
        assert entry.description == "x@alpha.example invited as Owner"
    with translation.override("ko"):
        assert entry.description == "x@alpha.example 님을 소유자(으)로 초대함"


@override_settings(AIHUB_INVITATION_DAYS=1)
def test_invitation_expiry_follows_setting(company, owner):
    invitation, _token = services.invite_member(
        company=company, email="d@alpha.example", actor=owner
    )
    assert (
        datetime.timedelta(hours=23)
        < invitation.expires_at - timezone.now()
        <= datetime.timedelta(days=1)
    )


def test_valid_registration_number_fixture_numbers_are_valid():
    from aihub.companies.validators import normalize_registration_number

    assert normalize_registration_number(valid_registration_number(5)) == valid_registration_number(
        5
    )


def test_status_counts_agree_with_each_company_status(make_company, facility, staff):
    from collections import Counter

    make_company(resident_at=facility)
    make_company()
    alumni = make_company()
    period = services.record_membership(
        company=alumni,
        kind=MembershipKind.MEMBERSHIP,
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2019, 1, 1),
        actor=None,
    )
    assert period.ends_on is not None
    per_company = Counter(c.status for c in queries.with_periods(Company.objects.all()))
    assert queries.status_counts() == {
        status: per_company.get(status, 0) for status in CompanyStatus.values
    }
