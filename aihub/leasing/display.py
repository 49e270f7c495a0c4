"""The staff dashboard as the page shows it: every number formatted, every label resolved
and every link built once, in the active language, so the template only places strings.

The rows of the occupancy table (one per facility and floor) and the items of the lists of
leases ending and vacant offices are built here as markup, every text in them escaped: a
handful of template nodes for each instead of a dozen per row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape

from django.urls import get_script_prefix, reverse
from django.utils.formats import get_format, number_format
from django.utils.safestring import SafeString, mark_safe

from aihub.core.models import is_english, pick
from aihub.leasing.dashboard import Dashboard, Occupancy
from aihub.leasing.svg import Chart, revenue_chart
from aihub.spaces.enums import SpaceStatus

ONE = Decimal(1)


@lru_cache(maxsize=8)
def _prefix(script_prefix: str) -> str:
    return reverse("leasing:dashboard")


def floor_url(pk: int) -> str:
    """The address of a floor's page, without resolving the URL patterns every time."""
    return f"{_prefix(get_script_prefix())}floors/{pk}/"


def lease_url(company_pk: int, pk: int) -> str:
    """The address of a lease's page, without resolving the URL patterns every time."""
    return f"{_prefix(get_script_prefix())}companies/{company_pk}/leases/{pk}/"


def grouped() -> Callable[[int | Decimal], str]:
    """A formatter of whole numbers with the active language's thousands separator, as the
    ``intcomma`` filter writes them (decimals are rounded half up first, as ``floatformat:0``
    does)."""
    separator = get_format("THOUSAND_SEPARATOR")
    if get_format("NUMBER_GROUPING") != 3:
        return lambda value: number_format(whole(value), force_grouping=True)
    if separator == ",":
        return lambda value: f"{whole(value):,}"
    return lambda value: f"{whole(value):,}".replace(",", separator)


def whole(value: int | Decimal) -> int:
    if isinstance(value, Decimal):
        return int(value.quantize(ONE, rounding=ROUND_HALF_UP))
    return int(value)


FACILITY_HEAD = '<th scope="row">{}</th>'
FLOOR_HEAD = '<td><a href="{}">{}</a></td>'
AREA_TITLE = ' title="{}%"'
ENDING_ITEM = '<li><a href="{url}">{number}</a> {company} — {ends_on}</li>'
VACANT_ITEM = '<li>{facility} {floor} · <a href="{url}">{code}</a> {name} ({area} m²){badge}</li>'
BADGE = ' <span class="badge">{}</span>'
OCCUPANCY_ROW = (
    '<tr>{head}<td class="num">{offices}</td><td class="num">{area}</td>'
    '<td><meter min="0" max="100" value="{area_percent}"{title}>{area_percent}%</meter>'
    ' {area_percent}%</td><td class="num">{seats}</td>'
    '<td><meter min="0" max="100" value="{seats_percent}">{seats_percent}%</meter>'
    " {seats_percent}%</td></tr>"
)


def _occupancy_row(
    head: str, occupancy: Occupancy, group: Callable[[int | Decimal], str], title: bool
) -> SafeString:
    """One row of the occupancy table after ``head`` (escaped markup of its first cell);
    ``title`` repeats the area percentage as the first meter's title (facility rows).
    Every other value is a number written here, so nothing else needs escaping."""
    area_percent = occupancy.area_percent
    return mark_safe(  # noqa: S308
        OCCUPANCY_ROW.format(
            head=head,
            offices=f"{occupancy.offices_leased} / {occupancy.offices}",
            area=escape(f"{group(occupancy.area_leased)} / {group(occupancy.area)}"),
            area_percent=area_percent,
            title=AREA_TITLE.format(area_percent) if title else "",
            seats=f"{occupancy.seats_leased} / {occupancy.seats}",
            seats_percent=occupancy.seats_percent,
        )
    )


@dataclass(frozen=True)
class DashboardPage:
    """What ``leasing/dashboard.html`` shows; every value a ready string (or list of dicts of
    strings, the cheapest lookups for the template engine)."""

    today: str
    figures: dict[str, str]
    occupancy: list[SafeString]
    ending: list[tuple[int, int]]
    ending_soon: list[SafeString]
    vacant: list[SafeString]
    revenue: list[dict[str, str]]
    chart: Chart


def dashboard_page(data: Dashboard) -> DashboardPage:
    """Rows for the dashboard in the active language; no queries."""
    english = is_english()
    group = grouped()
    occupancy = []
    for facility in data.facilities:
        name = pick(facility.name_ko, facility.name_en, english=english)
        head = FACILITY_HEAD.format(escape(name))
        occupancy.append(_occupancy_row(head, facility.occupancy, group, title=True))
        for floor in facility.floors:
            head = FLOOR_HEAD.format(escape(floor_url(floor.pk)), escape(floor.label))
            occupancy.append(_occupancy_row(head, floor.occupancy, group, title=False))
    reserved = str(SpaceStatus.RESERVED.label)
    return DashboardPage(
        today=data.today.isoformat(),
        figures={
            "area_percent": str(data.total.area_percent),
            "seats_percent": str(data.total.seats_percent),
            "vacant": group(data.vacant_count),
            "outstanding": group(data.receivables.outstanding),
            "overdue": group(data.receivables.overdue),
        },
        occupancy=occupancy,
        ending=list(data.ending.items()),
        ending_soon=[
            mark_safe(  # noqa: S308
                ENDING_ITEM.format(
                    url=escape(lease_url(lease.company_id, lease.pk)),
                    number=escape(lease.number),
                    company=escape(
                        pick(lease.company_name_ko, lease.company_name_en, english=english)
                    ),
                    ends_on=lease.ends_on.isoformat(),
                )
            )
            for lease in data.ending_soon
        ],
        vacant=[
            mark_safe(  # noqa: S308
                VACANT_ITEM.format(
                    facility=escape(
                        pick(space.facility_name_ko, space.facility_name_en, english=english)
                    ),
                    floor=escape(space.floor_label),
                    url=escape(floor_url(space.floor_id)),
                    code=escape(space.code),
                    name=escape(pick(space.name_ko, space.name_en, english=english)),
                    area=whole(space.area_m2),
                    badge=BADGE.format(escape(reserved))
                    if space.status == SpaceStatus.RESERVED
                    else "",
                )
            )
            for space in data.vacant
        ],
        revenue=[
            {
                "month": figure.month.strftime("%Y-%m"),
                "invoiced": group(figure.invoiced),
                "received": group(figure.received),
            }
            for figure in data.revenue
        ],
        chart=revenue_chart(data.revenue, group=group),
    )
