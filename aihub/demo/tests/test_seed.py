"""Tests for the demo data set: its content, its history and that it can run twice."""

import datetime

import pytest

from aihub.accounts.enums import Role
from aihub.accounts.models import RoleAssignment, User
from aihub.companies.enums import CompanyStatus, MemberRole, MembershipKind
from aihub.companies.models import AIDomain, Company, CompanyMember, MembershipPeriod
from aihub.companies.queries import filter_by_status, status_counts, with_periods
from aihub.companies.validators import normalize_registration_number
from aihub.core.models import AuditEntry
from aihub.demo import names
from aihub.demo.seed import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    PEOPLE_COMPANIES,
    SeedReport,
    plan_companies,
    seed_demo,
)
from aihub.partners.models import Partner
from aihub.spaces.models import Facility

EXPECTED_PARTNERS = {
    "SNU AI Institute": ("서울대학교 AI연구원", "KR"),
    "ETRI": ("한국전자통신연구원", "KR"),
    "Kookmin University": ("국민대학교", "KR"),
    "KAIST Kim Jaechul Graduate School of AI": ("KAIST 김재철AI대학원", "KR"),
    "Republic of Korea Air Force AI Centre": ("공군 AI 센터", "KR"),
    "NVIDIA Korea": ("엔비디아 코리아", "KR"),
    "Mila": ("밀라", "CA"),
    "IVADO": ("아이바도", "CA"),
    "Cyber Valley": ("사이버밸리", "DE"),
    "IIT Delhi": ("인도공과대학교 델리", "IN"),
}

COUNTED_MODELS = (Company, MembershipPeriod, User, AuditEntry, Partner, Facility, CompanyMember)


def _clear_seeded_data() -> None:
    AuditEntry.objects.all().delete()
    Company.objects.all().delete()
    Partner.objects.all().delete()
    Facility.objects.all().delete()
    AIDomain.objects.all().delete()
    User.objects.all().delete()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo data set, seeded once for the module and removed afterwards."""
    with django_db_blocker.unblock():
        report = seed_demo()
    yield report
    with django_db_blocker.unblock():
        _clear_seeded_data()


@pytest.fixture
def first_company(seeded):
    return Company.objects.get(registration_number=plan_companies()[0].registration_number)


# --- Planning (no database) ------------------------------------------------------------


@pytest.mark.django_db
def test_seed_mails_nobody(seeded):
    from aihub.outbox.models import Mail

    assert seeded.total_created > 0
    assert not Mail.objects.exists()


def test_plan_companies_same_on_every_call():
    assert plan_companies(scale=1) == plan_companies(scale=1)


def test_plan_companies_smaller_scale_is_prefix():
    assert plan_companies(scale=2)[:360] == plan_companies(scale=1)


def test_plan_companies_periods_never_overlap():
    for plan in plan_companies(scale=1):
        for period in plan.periods:
            assert period.ends_on is None or period.ends_on >= period.starts_on
        for earlier, later in zip(plan.periods, plan.periods[1:], strict=False):
            assert earlier.ends_on is not None
            assert earlier.ends_on < later.starts_on


def test_plan_companies_founded_before_first_period():
    for plan in plan_companies(scale=1):
        assert datetime.date(2010, 1, 1) <= plan.founded_on < plan.periods[0].starts_on


def test_plan_companies_scale_zero_refused():
    with pytest.raises(ValueError, match="scale"):
        plan_companies(scale=0)


# --- Facilities ------------------------------------------------------------------------


@pytest.mark.django_db
def test_facilities_five_totalling_hub_area(seeded):
    areas = list(Facility.objects.values_list("area_m2", flat=True))
    assert len(areas) == 5
    assert sum(areas) == 28_233


@pytest.mark.django_db
def test_anchor_facility_matches_hub_facts(seeded):
    anchor = Facility.objects.get(is_anchor=True)
    assert anchor.address_ko == "서울특별시 서초구 태봉로 108"
    assert anchor.address_en == "108 Taebong-ro, Seocho-gu, Seoul"
    assert anchor.area_m2 == 10_020
    assert anchor.opened_on == datetime.date(2024, 5, 29)


@pytest.mark.django_db
def test_anchor_floors_b1_to_7f_each_with_lounge(seeded):
    floors = list(Facility.objects.get(is_anchor=True).floors.order_by("level"))
    assert [floor.label for floor in floors] == ["B1", "1F", "2F", "3F", "4F", "5F", "6F", "7F"]
    assert sum(floor.area_m2 for floor in floors) == 10_020
    for floor in floors:
        assert "오픈 라운지" in floor.uses_ko
        assert "co-working space" in floor.uses_en
    assert sum("KAIST" in floor.uses_en for floor in floors) == 1


@pytest.mark.django_db
def test_original_facility_opened_2017_with_4000_m2(seeded):
    first = Facility.objects.order_by("opened_on").first()
    assert (first.opened_on.year, first.opened_on.month) == (2017, 12)
    assert first.area_m2 == 4_000
    assert first.address_ko == "서울특별시 서초구 태봉로 114"


# --- Partners --------------------------------------------------------------------------


@pytest.mark.django_db
def test_partners_match_hub_facts(seeded):
    partners = {p.name_en: (p.name_ko, p.country) for p in Partner.objects.all()}
    assert partners == EXPECTED_PARTNERS


@pytest.mark.django_db
def test_partners_each_with_agreement_and_contact(seeded):
    for partner in Partner.objects.all():
        assert partner.agreements.count() == 1
        assert partner.contacts.exists()
        assert partner.description_ko
        assert partner.description_en


@pytest.mark.django_db
def test_cyber_valley_agreement_signed_2024_02_15_with_five_items(seeded):
    agreement = Partner.objects.get(name_en="Cyber Valley").agreements.get()
    assert agreement.signed_on == datetime.date(2024, 2, 15)
    assert len(agreement.items) == 5


@pytest.mark.django_db
def test_researcher_linked_to_etri_contact(seeded):
    contact = Partner.objects.get(name_en="ETRI").contacts.get(user__isnull=False)
    assert contact.user.email == "researcher@aihub.example"


# --- AI domains and companies ----------------------------------------------------------


@pytest.mark.django_db
def test_ai_domains_match_names_module(seeded):
    codes = set(AIDomain.objects.values_list("code", flat=True))
    assert codes == {domain.code for domain in names.AI_DOMAINS}


@pytest.mark.django_db
def test_companies_360_at_scale_one(seeded):
    assert Company.objects.count() == 360


@pytest.mark.django_db
def test_companies_registration_numbers_valid(seeded):
    numbers = list(Company.objects.values_list("registration_number", flat=True))
    assert [normalize_registration_number(number) for number in numbers] == numbers
    assert len(set(numbers)) == 360


@pytest.mark.django_db
def test_companies_each_with_domains_and_history(seeded):
    bare = Company.objects.filter(ai_domains__isnull=True).count()
    unsupported = Company.objects.filter(membership_periods__isnull=True).count()
    assert (bare, unsupported) == (0, 0)


@pytest.mark.django_db
def test_companies_history_starts_from_december_2017(seeded):
    first = MembershipPeriod.objects.order_by("starts_on").first()
    assert first.starts_on >= datetime.date(2017, 12, 1)


@pytest.mark.django_db
def test_status_counts_today_within_ranges(seeded):
    counts = status_counts()
    assert 80 <= counts[CompanyStatus.RESIDENT] <= 100
    assert 140 <= counts[CompanyStatus.MEMBERSHIP] <= 160
    assert counts[CompanyStatus.NONE] == 0
    assert sum(counts.values()) == 360


@pytest.mark.django_db
def test_current_residents_at_anchor_and_other_facilities(seeded):
    residents = with_periods(filter_by_status(Company.objects.all(), CompanyStatus.RESIDENT))
    facility_ids = {company.current_period().facility_id for company in residents}
    assert Facility.objects.get(is_anchor=True).pk in facility_ids
    assert len(facility_ids) > 1


@pytest.mark.django_db
def test_first_company_current_resident_at_anchor(first_company):
    company = with_periods(Company.objects.filter(pk=first_company.pk)).get()
    anchor = Facility.objects.get(is_anchor=True)
    assert (company.status, company.current_period().facility_id) == (
        MembershipKind.RESIDENT,
        anchor.pk,
    )


@pytest.mark.django_db
def test_first_company_owner_and_member_are_demo_users(first_company):
    members = dict(first_company.members.values_list("user__email", "role"))
    assert members == {
        "owner@aihub.example": MemberRole.OWNER,
        "member@aihub.example": MemberRole.MEMBER,
    }


@pytest.mark.django_db
def test_first_companies_have_owners(seeded):
    plans = plan_companies()[:PEOPLE_COMPANIES]
    numbers = [plan.registration_number for plan in plans]
    with_owner = CompanyMember.objects.filter(
        company__registration_number__in=numbers, role=MemberRole.OWNER
    ).count()
    assert with_owner == PEOPLE_COMPANIES


# --- Demo accounts ---------------------------------------------------------------------


@pytest.mark.django_db
def test_roles_one_demo_user_each(seeded):
    holders = sorted(RoleAssignment.objects.values_list("role", "user__email"))
    assert holders == sorted(
        [
            (Role.HUB_STAFF, "staff@aihub.example"),
            (Role.JUDGE, "judge@aihub.example"),
            (Role.INVESTOR, "investor@aihub.example"),
            (Role.MENTOR, "mentor@aihub.example"),
            (Role.RESEARCHER, "researcher@aihub.example"),
            (Role.TRAINEE, "trainee@aihub.example"),
        ]
    )
    assert {role for role, _email in holders} == set(Role)


@pytest.mark.django_db
def test_demo_logins_sign_in_with_demo_password(seeded):
    for email, _label in DEMO_LOGINS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_investor_prefers_english(seeded):
    languages = dict(
        User.objects.filter(email__in=[email for email, _ in DEMO_LOGINS]).values_list(
            "email", "language"
        )
    )
    assert languages.pop("investor@aihub.example") == "en"
    assert set(languages.values()) == {"ko"}


# --- Running again ---------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_second_run_creates_nothing(seeded):
    before = [model.objects.count() for model in COUNTED_MODELS]
    report = seed_demo()
    after = [model.objects.count() for model in COUNTED_MODELS]
    assert after == before
    assert report.total_created == 0
    assert report.skipped["companies"] == 360


@pytest.mark.django_db
def test_seed_demo_first_run_report_counts(seeded):
    assert isinstance(seeded, SeedReport)
    assert seeded.created["companies"] == 360
    assert seeded.created["facilities"] == 5
    assert seeded.created["partners"] == 10
    assert seeded.created["membership_periods"] == MembershipPeriod.objects.count()


# --- Password hashing while seeding ----------------------------------------------------

PBKDF2 = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_quick_demo_hashing_few_rounds_then_full_strength_at_sign_in():
    from django.contrib.auth.hashers import check_password, make_password
    from django.test import override_settings

    from aihub.demo.seed import quick_demo_hashing

    with override_settings(PASSWORD_HASHERS=PBKDF2):
        with quick_demo_hashing():
            encoded = make_password(DEMO_PASSWORD)
        assert encoded.startswith("pbkdf2_sha256$10000$")
        upgraded = []
        assert check_password(DEMO_PASSWORD, encoded, setter=upgraded.append)
        assert upgraded == [DEMO_PASSWORD]


def test_quick_demo_hashing_leaves_other_hashers_alone():
    from django.contrib.auth.hashers import identify_hasher, make_password

    from aihub.demo.seed import quick_demo_hashing

    with quick_demo_hashing():
        encoded = make_password(DEMO_PASSWORD)
    assert identify_hasher(encoded).algorithm != "pbkdf2_sha256"
