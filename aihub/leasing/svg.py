"""A bar chart of monthly revenue as inline SVG: attributes only, no style, no script,
so the strict Content Security Policy holds."""

from dataclasses import dataclass

from aihub.leasing.dashboard import MonthFigure

WIDTH = 720
HEIGHT = 220
BASELINE = 190
TOP = 20


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    value: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    invoiced: list[Bar]
    received: list[Bar]
    labels: list[tuple[int, str]]
    maximum: int


def revenue_chart(months: list[MonthFigure]) -> Chart:
    """Two bars per month (invoiced, received), scaled to the largest figure."""
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
        invoiced.append(Bar(x, BASELINE - h, bar, h, month.invoiced, label))
        h = height(month.received)
        received.append(Bar(x + bar, BASELINE - h, bar, h, month.received, label))
        labels.append((x + bar, month.month.strftime("%y.%m")))
    return Chart(WIDTH, HEIGHT, BASELINE, invoiced, received, labels, maximum)
