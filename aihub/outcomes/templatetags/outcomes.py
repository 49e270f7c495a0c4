"""Template helpers: KRW amounts as people read them, and the pending-report notice."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from aihub.outcomes import formatting
from aihub.outcomes.queries import pending_reports_for_user

register = template.Library()


@register.filter
def krw(amount: int | None) -> str:
    """``3,659억 원`` or ``365.9 billion KRW``, with every digit in a tooltip."""
    if amount is None:
        return "—"
    if isinstance(amount, int):
        return mark_safe(  # noqa: S308 (an int and two escaped texts)
            f'<data value="{amount}" title="{escape(formatting.krw_exact(amount))}">'
            f"{escape(formatting.krw(amount))}</data>"
        )
    return format_html(
        '<data value="{}" title="{}">{}</data>',
        amount,
        formatting.krw_exact(amount),
        formatting.krw(amount),
    )


@register.filter
def krw_exact(amount: int | None) -> str:
    return formatting.krw_exact(amount)


@register.simple_tag(takes_context=True)
def pending_reports(context: template.Context) -> list:
    """The signed-in company member's reports still to file; no query for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return pending_reports_for_user(user)
