"""A bar chart of monthly revenue as inline SVG: attributes only, no style, no script,
so the strict Content Security Policy holds."""

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from aihub.leasing.dashboard import MonthFigure

WIDTH = 720
HEIGHT = 220
BASELINE = 190
TOP = 20
LABEL_Y = HEIGHT - 8
INVOICED = "#1e3a8a"
RECEIVED = "#93c5fd"
RECT = '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>'
TEXT = '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>'


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    value: int
    label: str
    title: str

    def box(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.width, self.height


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    invoiced: list[Bar]
    received: list[Bar]
    labels: list[tuple[int, str]]
    maximum: int
    label_y: int = LABEL_Y

    def marks(self) -> SafeString:
        """The bars (dark: invoiced, light: received, each titled with its month and amount)
        and the month labels, as SVG elements; only the titles and labels are text, and
        they are escaped."""
        parts = [
            RECT.format(*bar.box(), colour, escape(bar.title))
            for bars, colour in ((self.invoiced, INVOICED), (self.received, RECEIVED))
            for bar in bars
        ]
        parts.extend(TEXT.format(x, self.label_y, escape(label)) for x, label in self.labels)
        return mark_safe("".join(parts))  # noqa: S308


def revenue_chart(
    months: list[MonthFigure], *, group: Callable[[int], str] = "{:,}".format
) -> Chart:
    """Two bars per month (invoiced, received), scaled to the largest figure; each bar's
    ``title`` reads "YYYY-MM: amount" with the amount formatted by ``group``."""
    maximum = max([1, *(m.invoiced for m in months), *(m.received for m in months)])
    slot = WIDTH // max(len(months), 1)
    bar = max(slot // 3, 2)
    invoiced, received, labels = [], [], []

    def height(value: int) -> int:
        return round((BASELINE - TOP) * value / maximum)

    for index, month in enumerate(months):
        x = index * slot + slot // 6
        label = month.month.strftime("%Y-%m")
        h = height(month.invoiced)
        invoiced.append(
            Bar(x, BASELINE - h, bar, h, month.invoiced, label, f"{label}: {group(month.invoiced)}")
        )
        h = height(month.received)
        received.append(
            Bar(
                x + bar,
                BASELINE - h,
                bar,
                h,
                month.received,
                label,
                f"{label}: {group(month.received)}",
            )
        )
        labels.append((x + bar, month.month.strftime("%y.%m")))
    return Chart(WIDTH, HEIGHT, BASELINE, invoiced, received, labels, maximum)
