import pytest
from django.db import transaction
from django.utils import translation

from aihub.core import audit
from aihub.core.models import AuditEntry
from aihub.partners import services

pytestmark = pytest.mark.django_db


def test_every_registered_action_is_dotted_and_translated():
    actions = audit.known_actions()
    assert len(actions) >= 20
    for code, label in actions.items():
        assert code.count(".") >= 2
        with translation.override("ko"):
            korean = str(label)
        with translation.override("en"):
            english = str(label)
        assert korean != english, f"{code} has no Korean text"


def test_unregistered_action_is_refused(company):
    with pytest.raises(KeyError):
        company.log_action("companies.company.teleported")


def test_audit_entry_rolls_back_with_the_write(staff):
    before = AuditEntry.objects.count()

    def create_then_fail() -> None:
        with transaction.atomic():
            services.create_partner(
                name_ko="가", name_en="A", kind="company", country="KR", actor=staff
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        create_then_fail()
    assert AuditEntry.objects.count() == before


def test_audit_entry_records_actor_action_and_data(staff):
    partner = services.create_partner(
        name_ko="가", name_en="A", kind="company", country="kr", actor=staff
    )
    entry = AuditEntry.objects.get(action__startswith="partners.")
    assert (entry.actor, entry.action, entry.object_id, entry.data) == (
        staff,
        "partners.partner.created",
        partner.pk,
        {"name_en": "A"},
    )


def test_changed_fields_read_as_labels_in_each_language(company, owner):
    from aihub.companies import services as company_services

    company_services.update_company(company=company, actor=owner, headcount=9)
    entry = AuditEntry.objects.filter(action="companies.company.changed").get()
    with translation.override("en"):
        assert entry.description == "Company details changed: headcount"
    with translation.override("ko"):
        assert entry.description == "기업 정보 변경됨: 임직원 수"
