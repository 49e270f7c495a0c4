"""Leasing endpoints under ``/api/v1/leasing/``: the same gate, rules and services as the pages.

Company-owned objects are addressed under ``/companies/{pk}/…`` with the company's id, so
the cross-company access matrix covers them.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from aihub.core.api import Error, page_of
from aihub.core.errors import ValidationFailed
from aihub.core.permissions import require
from aihub.jobs.api import job_out
from aihub.jobs.services import start_job
from aihub.leasing import queries, services
from aihub.leasing.billing import parse_month
from aihub.leasing.models import Invoice, Lease, Payment
from aihub.leasing.pdf import invoice_pdf
from aihub.leasing.schemas import (
    CancelIn,
    CancelOut,
    EndDateIn,
    InvoiceChangeIn,
    InvoiceDetailOut,
    InvoicePage,
    InvoiceRunIn,
    InvoiceRunOut,
    LeaseIn,
    LeaseOut,
    LeasePage,
    PaymentIn,
    PaymentOut,
    PaymentPage,
    SpaceIn,
    SpaceOut,
    SpacePage,
    SpaceStatusIn,
)
from aihub.leasing.services.invoices import check_month_begun
from aihub.spaces import services as space_services
from aihub.spaces.models import Floor, Space

router = Router(tags=["leasing"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _lease(request: HttpRequest, pk: int, lease_pk: int) -> Lease:
    company = queries.company_leasing_for_user(user=request.user, pk=pk)
    require(request, "leasing.view_company_leasing", company)
    return queries.lease_for_user(user=request.user, company_pk=pk, pk=lease_pk)


def _invoice(request: HttpRequest, pk: int, invoice_pk: int) -> Invoice:
    company = queries.company_leasing_for_user(user=request.user, pk=pk)
    require(request, "leasing.view_company_leasing", company)
    return queries.invoice_for_user(user=request.user, company_pk=pk, pk=invoice_pk)


def _month(text: str):
    try:
        return parse_month(text)
    except ValueError as exc:
        raise ValidationFailed(
            _("Enter a month as year and month, for example 2026-11."), field="month"
        ) from exc


@router.get("/spaces", response={200: SpacePage, **ERRORS}, summary="List spaces")
def list_spaces(
    request: HttpRequest,
    facility: str = "",
    kind: str = "",
    status: str = "",
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    require(request, "leasing.view_spaces")
    spaces = queries.spaces_for_user(user=request.user, facility=facility, kind=kind, status=status)
    return page_of(spaces, page=page, page_size=page_size)


@router.post("/spaces", response={201: SpaceOut, **ERRORS}, summary="Create a space")
def create_space(request: HttpRequest, payload: SpaceIn) -> Status[Space]:
    require(request, "leasing.manage_spaces")
    floor = (
        Floor.objects.select_related("facility")
        .filter(facility__slug=payload.facility, label=payload.floor)
        .first()
    )
    if floor is None:
        raise ValidationFailed(_("Unknown facility or floor."), field="floor")
    data = payload.dict(exclude={"facility", "floor"})
    space = space_services.create_space(
        facility=floor.facility, floor=floor, actor=request.user, **data
    )
    return Status(201, queries.space_for_user(user=request.user, pk=space.pk))


@router.post(
    "/spaces/{int:space_id}/status",
    response={200: SpaceOut, **ERRORS},
    summary="Mark a space available, under maintenance or reserved",
)
def set_space_status(request: HttpRequest, space_id: int, payload: SpaceStatusIn) -> Space:
    require(request, "leasing.manage_spaces")
    space = queries.space_for_user(user=request.user, pk=space_id)
    space_services.set_space_status(space=space, status=payload.status, actor=request.user)
    return queries.space_for_user(user=request.user, pk=space_id)


@router.get("/leases", response={200: LeasePage, **ERRORS}, summary="List leases")
def list_leases(
    request: HttpRequest,
    status: str = "",
    facility: str = "",
    company: int | None = None,
    q: str = "",
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    """Staff see every lease, company members their companies' leases."""
    filters = queries.LeaseFilters(status=status, facility=facility, company=company, q=q)
    return page_of(
        queries.leases_for_user(user=request.user, filters=filters), page=page, page_size=page_size
    )


@router.post("/leases", response={201: LeaseOut, **ERRORS}, summary="Create a lease")
def create_lease(request: HttpRequest, payload: LeaseIn) -> Status[Lease]:
    require(request, "leasing.manage_leases")
    company = queries.company_leasing_for_user(user=request.user, pk=payload.company)
    space = None
    if payload.space is not None:
        space = Space.objects.filter(pk=payload.space).first()
        if space is None:
            raise ValidationFailed(_("Unknown space."), field="space")
    data = payload.dict(exclude={"company", "space"})
    lease = services.create_lease(company=company, space=space, actor=request.user, **data)
    return Status(
        201, queries.lease_for_user(user=request.user, company_pk=company.pk, pk=lease.pk)
    )


@router.get(
    "/companies/{int:pk}/leases/{int:lease_pk}",
    response={200: LeaseOut, **ERRORS},
    summary="One lease",
)
def get_lease(request: HttpRequest, pk: int, lease_pk: int) -> Lease:
    return _lease(request, pk, lease_pk)


def _after(request: HttpRequest, lease: Lease) -> Lease:
    return queries.lease_for_user(user=request.user, company_pk=lease.company_id, pk=lease.pk)


@router.post(
    "/companies/{int:pk}/leases/{int:lease_pk}/activate",
    response={200: LeaseOut, **ERRORS},
    summary="Sign a draft lease",
)
def activate_lease(request: HttpRequest, pk: int, lease_pk: int) -> Lease:
    lease = _lease(request, pk, lease_pk)
    require(request, "leasing.manage_leases")
    return _after(request, services.activate_lease(lease=lease, actor=request.user))


@router.post(
    "/companies/{int:pk}/leases/{int:lease_pk}/cancel",
    response={200: LeaseOut, **ERRORS},
    summary="Cancel a draft lease",
)
def cancel_lease(request: HttpRequest, pk: int, lease_pk: int) -> Lease:
    lease = _lease(request, pk, lease_pk)
    require(request, "leasing.manage_leases")
    return _after(request, services.cancel_lease(lease=lease, actor=request.user))


@router.post(
    "/companies/{int:pk}/leases/{int:lease_pk}/terminate",
    response={200: LeaseOut, **ERRORS},
    summary="End a lease early",
)
def terminate_lease(request: HttpRequest, pk: int, lease_pk: int, payload: EndDateIn) -> Lease:
    lease = _lease(request, pk, lease_pk)
    require(request, "leasing.manage_leases")
    lease = services.terminate_lease(lease=lease, ends_on=payload.ends_on, actor=request.user)
    return _after(request, lease)


@router.post(
    "/companies/{int:pk}/leases/{int:lease_pk}/renew",
    response={201: LeaseOut, **ERRORS},
    summary="Renew a lease on the same terms",
)
def renew_lease(request: HttpRequest, pk: int, lease_pk: int, payload: EndDateIn) -> Status[Lease]:
    lease = _lease(request, pk, lease_pk)
    require(request, "leasing.manage_leases")
    renewal = services.renew_lease(lease=lease, ends_on=payload.ends_on, actor=request.user)
    return Status(201, _after(request, renewal))


@router.get("/invoices", response={200: InvoicePage, **ERRORS}, summary="List invoices")
def list_invoices(
    request: HttpRequest,
    month: str = "",
    status: str = Query("", description="issued, paid, cancelled or overdue"),
    company: int | None = None,
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    filters = queries.InvoiceFilters(
        month=_month(month) if month else None, status=status, company=company
    )
    return page_of(
        queries.invoices_for_user(user=request.user, filters=filters),
        page=page,
        page_size=page_size,
    )


@router.post(
    "/invoice-runs",
    response={202: InvoiceRunOut, **ERRORS},
    summary="Start the month's invoice run (idempotent) in the background",
)
def run_invoices(request: HttpRequest, payload: InvoiceRunIn) -> Status[dict]:
    """Queues the run and answers at once; follow ``job`` at ``GET /jobs/{id}`` until its
    ``state`` is ``succeeded`` (``result_message`` gives the count and total). A run of the
    same month already under way answers 409 with code ``job_already_running``."""
    require(request, "leasing.run_invoices")
    month = check_month_begun(_month(payload.month), timezone.localdate())
    label = month.strftime("%Y-%m")
    job = start_job(
        kind="leasing.issue_invoices",
        key=f"month:{label}",
        actor=request.user,
        params={"month": label},
    )
    return Status(202, {"month": label, "job": job_out(job)})


@router.get(
    "/companies/{int:pk}/invoices/{int:invoice_pk}",
    response={200: InvoiceDetailOut, **ERRORS},
    summary="One invoice with its lines",
)
def get_invoice(request: HttpRequest, pk: int, invoice_pk: int) -> Invoice:
    return _invoice(request, pk, invoice_pk)


@router.patch(
    "/companies/{int:pk}/invoices/{int:invoice_pk}",
    response={200: InvoiceDetailOut, **ERRORS},
    summary="Change an invoice: always refused once issued (cancel and reissue instead)",
)
def change_invoice(
    request: HttpRequest, pk: int, invoice_pk: int, payload: InvoiceChangeIn
) -> Invoice:
    invoice = _invoice(request, pk, invoice_pk)
    require(request, "leasing.manage_invoices")
    return services.change_invoice(
        invoice=invoice, actor=request.user, **payload.dict(exclude_unset=True)
    )


@router.get(
    "/companies/{int:pk}/invoices/{int:invoice_pk}/pdf",
    response={200: None, **ERRORS},
    summary="The invoice as PDF (lang=ko or en)",
)
def get_invoice_pdf(
    request: HttpRequest, pk: int, invoice_pk: int, lang: str = "ko"
) -> HttpResponse:
    invoice = _invoice(request, pk, invoice_pk)
    language = "en" if lang.startswith("en") else "ko"
    response = HttpResponse(invoice_pdf(invoice, language=language), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="invoice-{invoice.display_number}-{language}.pdf"'
    )
    return response


@router.post(
    "/companies/{int:pk}/invoices/{int:invoice_pk}/cancel",
    response={200: CancelOut, **ERRORS},
    summary="Cancel an invoice, optionally issuing a new one",
)
def cancel_invoice(request: HttpRequest, pk: int, invoice_pk: int, payload: CancelIn) -> dict:
    invoice = _invoice(request, pk, invoice_pk)
    require(request, "leasing.manage_invoices")
    if payload.reissue:
        new = services.reissue_invoice(invoice=invoice, reason=payload.reason, actor=request.user)
    else:
        new = None
        services.cancel_invoice(invoice=invoice, reason=payload.reason, actor=request.user)
    return {
        "cancelled": queries.invoice_for_user(user=request.user, company_pk=pk, pk=invoice.pk),
        "reissued": (
            queries.invoice_for_user(user=request.user, company_pk=pk, pk=new.pk) if new else None
        ),
    }


@router.post(
    "/companies/{int:pk}/invoices/{int:invoice_pk}/payments",
    response={201: PaymentOut, **ERRORS},
    summary="Record a payment (partial payments add up)",
)
def record_payment(
    request: HttpRequest, pk: int, invoice_pk: int, payload: PaymentIn
) -> Status[Payment]:
    invoice = _invoice(request, pk, invoice_pk)
    require(request, "leasing.record_payments")
    payment = services.record_payment(invoice=invoice, actor=request.user, **payload.dict())
    return Status(201, queries.payments_for_user(user=request.user).get(pk=payment.pk))


@router.get("/payments", response={200: PaymentPage, **ERRORS}, summary="List payments")
def list_payments(
    request: HttpRequest,
    company: int | None = None,
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    payments = queries.payments_for_user(user=request.user)
    if company:
        payments = payments.filter(invoice__company_id=company)
    return page_of(payments, page=page, page_size=page_size)
