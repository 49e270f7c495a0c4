"""Open-recruitment endpoints under ``/api/v1/calls/``: calls (public read), applications
(the applicant company's own, under ``/companies/{pk}/``) and scores (the judge's own)."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from aihub.calls import queries, services
from aihub.calls.models import Application, Assignment, Call
from aihub.calls.schemas import (
    AnswersIn,
    ApplicationDetailOut,
    ApplicationIn,
    ApplicationPage,
    AssignmentPage,
    CallDetailOut,
    CallPage,
    ScoreOut,
    ScoresIn,
)
from aihub.companies.queries import company_for_user
from aihub.core.api import Error, page_of
from aihub.core.permissions import require

router = Router(tags=["calls"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 410: Error, 422: Error}


@router.get("/calls", response={200: CallPage, **ERRORS}, auth=None, summary="List published calls")
def list_calls(
    request: HttpRequest, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    calls = Call.objects.filter(published_at__isnull=False).order_by("-closes_at", "-id")
    return page_of(calls, page=page, page_size=page_size)


@router.get(
    "/calls/{int:call_id}", response={200: CallDetailOut, **ERRORS}, auth=None, summary="One call"
)
def get_call(request: HttpRequest, call_id: int) -> Call:
    return queries.public_call(pk=call_id)


def _company(request: HttpRequest, pk: int) -> object:
    company = company_for_user(user=request.user, pk=pk)
    require(request, "calls.view_applications", company)
    return company


def _application(request: HttpRequest, pk: int, application_pk: int) -> Application:
    _company(request, pk)
    return queries.application_for_user(user=request.user, company_pk=pk, pk=application_pk)


@router.get(
    "/companies/{int:pk}/applications",
    response={200: ApplicationPage, **ERRORS},
    summary="The company's applications",
)
def list_applications(
    request: HttpRequest, pk: int, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    company = _company(request, pk)
    applications = queries.applications_for_user(user=request.user).filter(company=company)
    return page_of(applications.order_by("-created_at", "-id"), page=page, page_size=page_size)


@router.post(
    "/companies/{int:pk}/applications",
    response={201: ApplicationDetailOut, **ERRORS},
    summary="Start a draft application, with consent",
)
def start_application(request: HttpRequest, pk: int, payload: ApplicationIn) -> Status[Application]:
    company = _company(request, pk)
    require(request, "calls.apply", company)
    call = queries.public_call(pk=payload.call_id)
    application = services.start_application(
        call=call,
        company=company,
        applicant=request.user,
        consent_given=payload.consent,
        head_office=payload.head_office or "",
    )
    return Status(201, _application(request, pk, application.pk))


@router.get(
    "/companies/{int:pk}/applications/{int:application_pk}",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="One application of the company",
)
def get_application(request: HttpRequest, pk: int, application_pk: int) -> Application:
    return _application(request, pk, application_pk)


@router.patch(
    "/companies/{int:pk}/applications/{int:application_pk}",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="Save draft answers",
)
def save_answers(
    request: HttpRequest, pk: int, application_pk: int, payload: AnswersIn
) -> Application:
    application = _application(request, pk, application_pk)
    require(request, "calls.apply", application.company)
    services.save_answers(
        application=application,
        answers=payload.answers,
        head_office=payload.head_office,
        actor=request.user,
    )
    return _application(request, pk, application_pk)


@router.post(
    "/companies/{int:pk}/applications/{int:application_pk}/submit",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="Submit before the deadline",
)
def submit_application(request: HttpRequest, pk: int, application_pk: int) -> Application:
    application = _application(request, pk, application_pk)
    require(request, "calls.apply", application.company)
    services.submit_application(application=application, actor=request.user)
    return _application(request, pk, application_pk)


@router.post(
    "/companies/{int:pk}/applications/{int:application_pk}/withdraw",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="Withdraw the application",
)
def withdraw_application(request: HttpRequest, pk: int, application_pk: int) -> Application:
    application = _application(request, pk, application_pk)
    require(request, "calls.apply", application.company)
    services.withdraw_application(application=application, actor=request.user)
    return _application(request, pk, application_pk)


def _assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    require(request, "calls.judge")
    return queries.assignment_for_judge(judge=request.user, pk=assignment_id)


@router.get(
    "/judging/assignments",
    response={200: AssignmentPage, **ERRORS},
    summary="The judge's open assignments",
)
def list_assignments(
    request: HttpRequest, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    require(request, "calls.judge")
    return page_of(
        queries.assignments_for_judge(judge=request.user), page=page, page_size=page_size
    )


@router.get(
    "/judging/assignments/{int:assignment_id}/scores",
    response={200: list[ScoreOut], **ERRORS},
    summary="The judge's own scores on an assignment",
)
def get_scores(request: HttpRequest, assignment_id: int) -> list:
    return list(_assignment(request, assignment_id).scores.all())


@router.put(
    "/judging/assignments/{int:assignment_id}/scores",
    response={200: list[ScoreOut], **ERRORS},
    summary="Score an assignment (changes are audited; refused once the stage is final)",
)
def put_scores(request: HttpRequest, assignment_id: int, payload: ScoresIn) -> list:
    assignment = _assignment(request, assignment_id)
    services.set_scores(
        assignment=assignment,
        scores=[s.dict() for s in payload.scores],
        actor=request.user,
    )
    return list(assignment.scores.all().order_by("criterion__order"))
