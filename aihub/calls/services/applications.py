"""Applicants write: start an application (signing up if needed), save drafts, upload
documents, submit before the deadline, withdraw, decline a selection."""

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts import services as account_services
from aihub.accounts.models import User
from aihub.calls import consent, eligibility, formschema
from aihub.calls.enums import ApplicationStatus, FieldType, HeadOffice
from aihub.calls.files import check_document
from aihub.calls.models import Application, Call, Document
from aihub.calls.services.status import set_application_status
from aihub.companies import services as company_services
from aihub.companies.models import AIDomain, Company
from aihub.core.errors import Conflict, Expired, PermissionDenied, ValidationFailed


def _deadline_passed(call: Call) -> Expired:
    closes = timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")
    return Expired(
        _("The call closed at %(time)s (Seoul time); applications can no longer change.")
        % {"time": closes},
        code="deadline_passed",
    )


def _check_open(call: Call, now: datetime.datetime) -> None:
    if call.published_at is None or now < call.opens_at:
        raise Conflict(_("This call is not open for applications yet."), code="call_not_open")
    if now >= call.closes_at or call.decided_at is not None:
        raise _deadline_passed(call)


def _locked_draft(application: Application, now: datetime.datetime) -> Application:
    """The application row locked for writing, if it is still an editable draft."""
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict(
            _("A submitted application is locked and can no longer be changed."),
            code="application_locked",
        )
    if now >= application.call.closes_at:
        raise _deadline_passed(application.call)
    return application


def _check_head_office(head_office: str) -> None:
    if head_office and head_office not in HeadOffice.values:
        raise ValidationFailed(_("Choose where the head office is."), field="head_office")


@transaction.atomic
def start_application(
    *,
    call: Call,
    company: Company,
    applicant: User,
    consent_given: bool,
    head_office: str = "",
    now: datetime.datetime | None = None,
) -> Application:
    """A draft application of ``company``, made by one of its members, with the consent.

    The consent shown (purpose, items, retention period, right to refuse) is stored in the
    active language. Refused without consent, outside the call's open time, for a person
    who is not a member of the company, or when the company already applied.
    """
    now = now or timezone.now()
    if not consent_given:
        raise ValidationFailed(
            _("Consent to the collection of personal data is needed to apply."), field="consent"
        )
    _check_head_office(head_office)
    call = Call.objects.select_for_update().get(pk=call.pk)
    _check_open(call, now)
    if not company.members.filter(user=applicant).exists():
        raise PermissionDenied(_("Only a member of the company can apply for it."))
    if Application.objects.filter(call=call, company=company).exists():
        raise Conflict(
            _("%(company)s has already applied to this call.") % {"company": company.name},
            code="already_applied",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                company=company,
                applicant=applicant,
                head_office=head_office,
                consent=consent.record(),
                consented_at=now,
                retain_until=consent.retain_until(call.closes_at),
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(company)s has already applied to this call.") % {"company": company.name},
            code="already_applied",
        ) from exc
    application.log_action("calls.application.started", actor=applicant)
    return application


@transaction.atomic
def sign_up_and_apply(
    *,
    call: Call,
    email: str,
    password: str,
    full_name: str,
    language: str,
    company_name_ko: str,
    company_name_en: str,
    registration_number: str,
    founded_on: datetime.date,
    representative: str,
    ai_domains: list[AIDomain],
    head_office: str,
    consent_given: bool,
    now: datetime.datetime | None = None,
) -> Application:
    """Create the account, register its company with the account as owner, and start a draft.

    One transaction: a refusal at any step (taken email, invalid business number, closed
    call, no consent) leaves no account or company behind.
    """
    now = now or timezone.now()
    if not consent_given:
        raise ValidationFailed(
            _("Consent to the collection of personal data is needed to apply."), field="consent"
        )
    _check_open(call, now)
    user = account_services.create_user(
        email=email, password=password, full_name=full_name, language=language
    )
    company = company_services.register_company(
        name_ko=company_name_ko,
        name_en=company_name_en,
        registration_number=registration_number,
        founded_on=founded_on,
        representative=representative,
        ai_domains=ai_domains,
        owner=user,
        actor=user,
    )
    return start_application(
        call=call,
        company=company,
        applicant=user,
        consent_given=True,
        head_office=head_office,
        now=now,
    )


@transaction.atomic
def save_answers(
    *,
    application: Application,
    answers: dict[str, Any],
    head_office: str | None = None,
    actor: User,
    now: datetime.datetime | None = None,
) -> Application:
    """Save draft answers; empty answers are kept empty. Locked after submission or deadline."""
    now = now or timezone.now()
    application = _locked_draft(application, now)
    cleaned = formschema.clean_answers(application.call.fields, answers)
    if head_office is not None:
        _check_head_office(head_office)
        application.head_office = head_office
    application.answers = {**application.answers, **cleaned}
    application.save(update_fields=["answers", "head_office", "updated_at"])
    application.log_action("calls.application.saved", actor=actor)
    return application


@transaction.atomic
def upload_document(
    *,
    application: Application,
    key: str,
    upload: UploadedFile,
    actor: User,
    now: datetime.datetime | None = None,
) -> Document:
    """Attach a file to a file field of the form, replacing an earlier one.

    The file is checked by content and size before anything is written; the replaced file
    is deleted from storage after commit.
    """
    now = now or timezone.now()
    kind = check_document(upload)
    application = _locked_draft(application, now)
    field = next((f for f in application.call.documents if f["key"] == key), None)
    if field is None:
        raise ValidationFailed(_("This form has no such document."), field="key")
    old = Document.objects.filter(application=application, key=key).first()
    old_name = old.file.name if old else ""
    if old:
        old.delete()
    document = Document(
        application=application,
        key=key,
        original_name=(upload.name or key)[-200:],
        kind=kind,
        size=upload.size,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    if old_name and old_name != document.file.name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    application.log_action(
        "calls.application.document_uploaded",
        actor=actor,
        data={"field": field["label_ko"], "field_en": field["label_en"], "file": upload.name},
    )
    return document


def submission_problems(application: Application) -> dict[str, list[str]]:
    """What stops the application from being submitted: missing answers and failed rules."""
    documents = {d.key for d in application.documents.all()}
    problems: dict[str, list[str]] = {}
    for field in formschema.missing_answers(
        application.call.fields, application.answers, documents
    ):
        message = (
            _("Upload this document.")
            if field["type"] == FieldType.FILE
            else _("This answer is required.")
        )
        problems[field["key"]] = [message]
    if not application.head_office:
        problems["head_office"] = [_("Choose where the head office is.")]
    failed = [
        result.label
        for result in eligibility.evaluate(
            application.call.eligibility,
            company=application.company,
            head_office=application.head_office,
        )
        if not result.passed
    ]
    if failed:
        problems["__all__"] = [
            _("The company does not meet these eligibility rules: %(rules)s")
            % {"rules": "; ".join(failed)}
        ]
    return problems


@transaction.atomic
def submit_application(
    *, application: Application, actor: User, now: datetime.datetime | None = None
) -> Application:
    """Submit: the deadline is the server's clock; every required answer and document and
    every eligibility rule must pass. The application is then locked and enters the first
    stage; a receipt is mailed after commit."""
    now = now or timezone.now()
    application = _locked_draft(application, now)
    problems = submission_problems(application)
    if problems:
        message = problems.get("__all__", [_("Complete the application before submitting.")])[0]
        raise ValidationFailed(message, errors=problems, code="incomplete")
    application.submitted_at = now
    application.stage = application.call.stages.order_by("order").first()
    return set_application_status(
        application=application,
        to=ApplicationStatus.SUBMITTED,
        actor=actor,
        fields=("submitted_at", "stage"),
    )


WITHDRAWABLE = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED)


@transaction.atomic
def withdraw_application(*, application: Application, actor: User) -> Application:
    """Withdraw a draft, a submitted or a waitlisted application; it leaves judging."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    refusal = Conflict(
        _("An application that is %(status)s cannot be withdrawn.")
        % {"status": application.get_status_display()},
        code="not_withdrawable",
    )
    application.withdrawn_at = timezone.now()
    application.waitlist_position = None
    return set_application_status(
        application=application,
        to=ApplicationStatus.WITHDRAWN,
        actor=actor,
        fields=("withdrawn_at", "waitlist_position"),
        refusal=refusal,
    )
