"""Staff's view of the outbox: every notice sent or waiting, its failures, and resending."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aihub.core.audit import history_for
from aihub.core.errors import HubError
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.outbox import queries, services
from aihub.outbox.enums import MailState
from aihub.outbox.forms import MailFilterForm


@login_required
@require_GET
def mail_list(request: HttpRequest) -> HttpResponse:
    require(request, "outbox.view_outbox")
    form = MailFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    mails = queries.mails_for_staff(q=filters.get("q", ""), state=filters.get("state", ""))
    page = paginate(mails, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    counts = queries.state_counts()
    return render(
        request,
        "outbox/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": [(state, label, counts.get(state, 0)) for state, label in MailState.choices],
        },
    )


@login_required
@require_GET
def mail_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "outbox.view_outbox")
    mail = queries.mail_for_staff(pk=pk)
    return render(request, "outbox/detail.html", {"mail": mail, "history": history_for(mail)[:10]})


@login_required
@require_POST
def mail_resend(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "outbox.resend_mail")
    mail = queries.mail_for_staff(pk=pk)
    try:
        services.resend_mail(mail=mail, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The mail to %(to)s is queued again.") % {"to": mail.to_address}
        )
    return redirect(mail.get_absolute_url())
