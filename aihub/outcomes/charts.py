"""Accessible bar charts drawn on the server as inline SVG.

No script and no ``style`` attribute, so the strict Content Security Policy holds; each
chart has a title and a description for screen readers, and every bar a tooltip. Pages
show the same numbers in a table next to the chart.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 240
MARGIN_LEFT = 8
MARGIN_BOTTOM = 28
MARGIN_TOP = 12
COLOURS = ("#1f5fbf", "#1d7a46", "#b45309")
_ids = count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | None]


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    show: Callable[[int], str] = str,
) -> SafeString:
    """Grouped vertical bars, one group per label and one colour per series."""
    ident = f"chart-{next(_ids)}"
    peak = max((v or 0 for s in series for v in s.values), default=0) or 1
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = (WIDTH - MARGIN_LEFT) / max(1, len(labels))
    bar = max(2.0, slot * 0.8 / max(1, len(series)))
    parts = []
    for index, label in enumerate(labels):
        left = MARGIN_LEFT + index * slot + slot * 0.1
        for number, line in enumerate(series):
            value = line.values[index] or 0
            height = plot_height * value / peak
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} · {}: {}</title></rect>",
                    f"{left + number * bar:.1f}",
                    f"{MARGIN_TOP + plot_height - height:.1f}",
                    f"{bar:.1f}",
                    f"{height:.1f}",
                    COLOURS[number % len(COLOURS)],
                    label,
                    line.name,
                    show(value),
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#1b2330">{}</text>',
                f"{MARGIN_LEFT + index * slot + slot / 2:.1f}",
                HEIGHT - 10,
                label,
            )
        )
    summary = "; ".join(
        f"{line.name}: "
        + ", ".join(f"{label} {show(v or 0)}" for label, v in zip(labels, line.values, strict=True))
        for line in series
    )
    legend = "".join(
        format_html(
            '<rect x="{}" y="0" width="10" height="10" fill="{}"></rect>'
            '<text x="{}" y="9" font-size="11" fill="#1b2330">{}</text>',
            WIDTH - 150 * (len(series) - number),
            COLOURS[number % len(COLOURS)],
            WIDTH - 150 * (len(series) - number) + 14,
            line.name,
        )
        for number, line in enumerate(series)
    )
    return mark_safe(  # noqa: S308 (every piece above is escaped by format_html)
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" data-testid="chart">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(summary)}</desc>'
        f'<line x1="{MARGIN_LEFT}" y1="{HEIGHT - MARGIN_BOTTOM}" x2="{WIDTH}" '
        f'y2="{HEIGHT - MARGIN_BOTTOM}" stroke="#9aa6b8"></line>'
        f"{''.join(parts)}{legend if len(series) > 1 else ''}</svg>"
    )
