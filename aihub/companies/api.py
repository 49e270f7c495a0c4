"""Company endpoints: the same gate, permissions and services as the pages."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from aihub.companies import queries, services
from aihub.companies.models import AIDomain, Company
from aihub.companies.schemas import (
    CompanyDetailOut,
    CompanyIn,
    CompanyPage,
    CompanyPatchIn,
    EndPeriodIn,
    InvitationIn,
    InvitationOut,
    PeriodIn,
    PeriodOut,
)
from aihub.core.api import Error, page_of
from aihub.core.errors import NotFound, ValidationFailed
from aihub.core.permissions import require
from aihub.spaces.models import Facility

router = Router(tags=["companies"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _domains(codes: list[str]) -> list[AIDomain]:
    domains = list(AIDomain.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {d.code for d in domains})
    if unknown:
        raise ValidationFailed(
            _("Unknown AI domains: %(codes)s") % {"codes": ", ".join(unknown)}, field="ai_domains"
        )
    return domains


def _company(request: HttpRequest, pk: int, perm: str = "companies.view_company") -> Company:
    company = queries.company_for_user(user=request.user, pk=pk)
    require(request, perm, company)
    return company


@router.get("/", response={200: CompanyPage, **ERRORS}, summary="List companies")
def list_companies(
    request: HttpRequest,
    q: str = "",
    status: str = "",
    facility: str = "",
    domain: str = "",
    stage: str = "",
    sort: str = "name",
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    """Staff see every company, members their own; search and filters as on the list page."""
    filters = queries.CompanyFilters(
        q=q, status=status, facility=facility, domain=domain, stage=stage, sort=sort
    )
    companies = queries.company_list_for_user(user=request.user, filters=filters)
    return page_of(companies, page=page, page_size=page_size)


@router.post("/", response={201: CompanyDetailOut, **ERRORS}, summary="Register a company")
def create_company(request: HttpRequest, payload: CompanyIn) -> Status[Company]:
    require(request, "companies.add_company")
    data = payload.dict()
    data["ai_domains"] = _domains(data["ai_domains"])
    company = services.register_company(actor=request.user, **data)
    return Status(201, queries.company_for_user(user=request.user, pk=company.pk))


@router.get("/{int:pk}", response={200: CompanyDetailOut, **ERRORS}, summary="One company")
def get_company(request: HttpRequest, pk: int) -> Company:
    return _company(request, pk)


@router.patch("/{int:pk}", response={200: CompanyDetailOut, **ERRORS}, summary="Change a company")
def update_company(request: HttpRequest, pk: int, payload: CompanyPatchIn) -> Company:
    company = _company(request, pk, "companies.change_company")
    data = payload.dict(exclude_unset=True)
    if "ai_domains" in data:
        data["ai_domains"] = _domains(data["ai_domains"] or [])
    for key, value in list(data.items()):
        if value is None and key != "ai_domains":
            raise ValidationFailed(_("This field cannot be empty."), field=key)
    services.update_company(company=company, actor=request.user, **data)
    return queries.company_for_user(user=request.user, pk=pk)


@router.post(
    "/{int:pk}/invitations",
    response={201: InvitationOut, **ERRORS},
    summary="Invite a member by email",
)
def invite_member(request: HttpRequest, pk: int, payload: InvitationIn) -> Status[object]:
    company = _company(request, pk, "companies.manage_members")
    invitation, _token = services.invite_member(
        company=company, email=payload.email, role=payload.role, actor=request.user
    )
    return Status(201, invitation)


@router.post(
    "/{int:pk}/memberships",
    response={201: PeriodOut, **ERRORS},
    summary="Record a residency or membership period",
)
def record_membership(request: HttpRequest, pk: int, payload: PeriodIn) -> Status[object]:
    company = _company(request, pk, "companies.record_membership")
    facility = None
    if payload.facility:
        facility = Facility.objects.filter(slug=payload.facility).first()
        if facility is None:
            raise ValidationFailed(_("Unknown facility."), field="facility")
    period = services.record_membership(
        company=company,
        kind=payload.kind,
        facility=facility,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        actor=request.user,
    )
    return Status(201, period)


@router.post(
    "/{int:pk}/memberships/{int:period_pk}/end",
    response={200: PeriodOut, **ERRORS},
    summary="End a membership period",
)
def end_membership(request: HttpRequest, pk: int, period_pk: int, payload: EndPeriodIn) -> object:
    company = _company(request, pk, "companies.record_membership")
    period = company.membership_periods.filter(pk=period_pk).first()
    if period is None:
        raise NotFound()
    return services.end_membership(period=period, ends_on=payload.ends_on, actor=request.user)


@router.delete(
    "/{int:pk}/members/{int:member_pk}",
    response={204: None, **ERRORS},
    summary="Remove a member",
)
def remove_member(request: HttpRequest, pk: int, member_pk: int) -> Status[None]:
    company = _company(request, pk, "companies.manage_members")
    member = queries.member_of_company(company=company, pk=member_pk)
    services.remove_member(member=member, actor=request.user)
    return Status(204, None)


@router.delete(
    "/{int:pk}/invitations/{int:invitation_pk}",
    response={204: None, **ERRORS},
    summary="Withdraw an invitation",
)
def revoke_invitation(request: HttpRequest, pk: int, invitation_pk: int) -> Status[None]:
    company = _company(request, pk, "companies.manage_members")
    invitation = queries.invitation_of_company(company=company, pk=invitation_pk)
    services.revoke_invitation(invitation=invitation, actor=request.user)
    return Status(204, None)


@router.post(
    "/{int:pk}/logo",
    response={200: CompanyDetailOut, **ERRORS},
    summary="Upload the company's logo (PNG, JPEG, WebP or GIF, at most 2 MB)",
)
def upload_logo(request: HttpRequest, pk: int, logo: File[UploadedFile]) -> Company:
    company = _company(request, pk, "companies.change_company")
    services.update_company(company=company, actor=request.user, logo=logo)
    return queries.company_for_user(user=request.user, pk=pk)
