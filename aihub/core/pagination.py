"""Pagination that refuses a page out of range with a clear message."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from aihub.core.errors import NotFound


def paginate(queryset: QuerySet, *, page: str | int | None, per_page: int) -> Page:
    """The requested page of ``queryset``; page 1 when none is asked for.

    Raises ``NotFound`` for a page that is not a number or lies outside the list.
    """
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page or 1)
    except PageNotAnInteger as exc:
        raise NotFound(
            _("“%(page)s” is not a page number.") % {"page": page}, code="invalid_page"
        ) from exc
    except EmptyPage as exc:
        raise NotFound(
            _("Page %(page)s does not exist: there are %(count)d pages.")
            % {"page": page, "count": paginator.num_pages},
            code="page_out_of_range",
        ) from exc
