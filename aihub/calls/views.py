"""Public call pages and the applicant's pages: they parse, authorise, call one service, render."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.calls import consent, display, eligibility, queries, services
from aihub.calls.enums import ApplicationStatus, CallPhase
from aihub.calls.forms import AnswersForm, SignUpApplyForm, StartApplicationForm, UploadForm
from aihub.calls.models import Application
from aihub.companies.models import Company
from aihub.companies.queries import companies_of_user, company_for_user
from aihub.core.audit import history_for
from aihub.core.errors import HubError
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.permissions import require


def application_url(application: Application) -> str:
    return reverse(
        "calls:application", kwargs={"pk": application.company_id, "application_pk": application.pk}
    )


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    """Open, upcoming and closed calls with their deadlines (public)."""
    return render(request, "calls/list.html", {"calls": queries.public_calls()})


@require_GET
def call_detail(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = queries.public_call(pk=call_pk)
    return render(
        request,
        "calls/detail.html",
        {
            "call": call,
            "phase": call.phase(),
            "rules": eligibility.describe(call.eligibility),
            "documents": display.document_fields(call),
            "consent": consent.parts(),
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, call_pk: int) -> HttpResponse:
    """Start an application: newcomers sign up with their company, members pick theirs."""
    call = queries.public_call(pk=call_pk)
    if call.phase() != CallPhase.OPEN:
        messages.error(request, _("This call is not open for applications."))
        return redirect("calls:detail", call_pk=call.pk)
    user = request.user
    if user.is_authenticated:
        companies = companies_of_user(user=user)
        form = StartApplicationForm(request.POST or None, companies=companies)
    else:
        form = SignUpApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if user.is_authenticated:
                require(request, "calls.apply", data["company"])
                application = services.start_application(
                    call=call,
                    company=data["company"],
                    applicant=user,
                    consent_given=data["consent"],
                    head_office=data["head_office"],
                )
            else:
                application = services.sign_up_and_apply(
                    call=call,
                    email=data["email"],
                    password=data["password"],
                    full_name=data["full_name"],
                    language=translation.get_language() or "ko",
                    company_name_ko=data["company_name_ko"],
                    company_name_en=data["company_name_en"],
                    registration_number=data["registration_number"],
                    founded_on=data["founded_on"],
                    representative=data["representative"],
                    ai_domains=list(data["ai_domains"]),
                    head_office=data["head_office"],
                    consent_given=data["consent"],
                )
                login(request, application.applicant, backend=_backend())
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("Your draft application was created."))
            return redirect(application_url(application))
    return render(
        request,
        "calls/apply.html",
        {
            "call": call,
            "form": form,
            "consent": consent.parts(),
            "signing_up": not user.is_authenticated,
        },
        status=400 if form.errors else 200,
    )


def _backend() -> str:
    return "aihub.accounts.backends.EmailPasswordBackend"


def _company(request: HttpRequest, pk: int) -> Company:
    company = company_for_user(user=request.user, pk=pk)
    require(request, "calls.view_applications", company)
    return company


def _application(request: HttpRequest, pk: int, application_pk: int) -> Application:
    _company(request, pk)
    return queries.application_for_user(user=request.user, company_pk=pk, pk=application_pk)


@login_required
@require_GET
def company_applications(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    applications = queries.applications_for_user(user=request.user).filter(company=company)
    return render(
        request,
        "calls/company_applications.html",
        {"company": company, "applications": applications.order_by("-created_at")},
    )


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    """A member's way in: their first company's applications."""
    company = companies_of_user(user=request.user).first()
    if company is None:
        return redirect("calls:list")
    return redirect("calls:company", pk=company.pk)


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    """The application: status, eligibility, the form while a draft, the result when decided."""
    application = _application(request, pk, application_pk)
    form = AnswersForm(
        request.POST or None,
        call=application.call,
        initial={"head_office": application.head_office, **application.answers},
    )
    if request.method == "POST":
        require(request, "calls.apply", application.company)
        if form.is_valid():
            try:
                services.save_answers(
                    application=application,
                    answers=form.answers(),
                    head_office=form.cleaned_data["head_office"],
                    actor=request.user,
                )
            except HubError as error:
                add_hub_error(form, error)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect(application_url(application))
    problems = (
        services.submission_problems(application)
        if application.status == ApplicationStatus.DRAFT
        else {}
    )
    return render(
        request,
        "calls/application.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "rows": display.answer_rows(application),
            "rules": display.rule_results(application),
            "problems": problems,
            "upload_form": UploadForm(),
            "can_edit": application.status == ApplicationStatus.DRAFT
            and request.user.has_perm("calls.apply", application.company),
            "can_act": request.user.has_perm("calls.apply", application.company),
            "can_decline": request.user.has_perm("calls.decline", application.company),
            "history": history_for(application)[:30]
            if request.user.has_perm("calls.manage_calls")
            else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def application_upload(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    application = _application(request, pk, application_pk)
    require(request, "calls.apply", application.company)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_document(
                application=application,
                key=form.cleaned_data["key"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except HubError as error:
            messages.error(request, str(error.errors.get("file", [error.message])[0]))
        else:
            messages.success(request, _("The document was uploaded."))
    else:
        report_form_errors(request, form)
    return redirect(application_url(application))


@login_required
@require_GET
def application_document(
    request: HttpRequest, pk: int, application_pk: int, document_pk: int
) -> FileResponse:
    application = _application(request, pk, application_pk)
    document = queries.document_of(application=application, pk=document_pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


def _applicant_action(
    request: HttpRequest, pk: int, application_pk: int, action: str
) -> HttpResponse:
    application = _application(request, pk, application_pk)
    require(request, "calls.decline" if action == "decline" else "calls.apply", application.company)
    try:
        if action == "submit":
            services.submit_application(application=application, actor=request.user)
            messages.success(request, _("The application was submitted. It is now locked."))
        elif action == "withdraw":
            services.withdraw_application(application=application, actor=request.user)
            messages.success(request, _("The application was withdrawn."))
        else:
            services.decline_selection(application=application, actor=request.user)
            messages.success(request, _("The selection was declined."))
    except HubError as error:
        for message in error.errors.get("__all__", [error.message]):
            messages.error(request, str(message))
    return redirect(application_url(application))


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    return _applicant_action(request, pk, application_pk, "submit")


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    return _applicant_action(request, pk, application_pk, "withdraw")


@login_required
@require_POST
def application_decline(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    return _applicant_action(request, pk, application_pk, "decline")
