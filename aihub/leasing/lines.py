"""Lines from other apps on the monthly invoices: a small registry of line sources.

Another app (never imported from here) registers a source in its ``AppConfig.ready``::

    register_line_source(source)

A source has a unique ``key`` and three methods, each called inside the invoice service's
transaction, after it holds the year's invoice counter lock:

- ``open_lines(*, month, company_ids)`` returns the ``ExtraLine`` objects still to be billed
  on the invoice of ``month`` for those companies (``None``: every company). It should lock
  the rows it offers, so nothing changes them before they are marked.
- ``mark_invoiced(*, refs, invoice)`` records that the lines with those ``ref`` strings are
  now on ``invoice``; it raises a ``HubError`` (which rolls the whole run back) when one of
  them is no longer open.
- ``release(*, invoice)`` makes the lines of a cancelled ``invoice`` open again, so they land
  on the reissued invoice or the next run.

Amounts are whole won excluding VAT: the invoice adds VAT on its subtotal by the rule in
``billing``. A company with only extra lines and no lease still gets an invoice.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from aihub.leasing.models import Invoice


@dataclass(frozen=True)
class ExtraLine:
    """One charge of another app for an invoice line; ``ref`` is unique across sources
    (prefix it with the source's key) and is stored on the line as ``source_ref``."""

    company_id: int
    description_ko: str
    description_en: str
    quantity: Decimal
    unit_price: int
    amount: int
    ref: str


class LineSource(Protocol):
    key: str

    def open_lines(
        self, *, month: datetime.date, company_ids: list[int] | None
    ) -> list[ExtraLine]: ...

    def mark_invoiced(self, *, refs: list[str], invoice: "Invoice") -> None: ...

    def release(self, *, invoice: "Invoice") -> None: ...


_sources: dict[str, LineSource] = {}


def register_line_source(source: LineSource) -> None:
    """Add ``source``, replacing one registered earlier under the same key."""
    _sources[source.key] = source


def unregister_line_source(key: str) -> None:
    """Remove the source of ``key``, if any (for tests)."""
    _sources.pop(key, None)


def line_sources() -> list[LineSource]:
    return list(_sources.values())


SourcedLine = tuple[LineSource, ExtraLine]


def open_lines(
    *, month: datetime.date, company_ids: list[int] | None = None
) -> dict[int, list[SourcedLine]]:
    """Every source's open lines for ``month``, by company, each with its source."""
    by_company: dict[int, list[SourcedLine]] = defaultdict(list)
    for source in line_sources():
        for line in source.open_lines(month=month, company_ids=company_ids):
            if company_ids is None or line.company_id in company_ids:
                by_company[line.company_id].append((source, line))
    return dict(by_company)


def mark_invoiced(invoice: "Invoice", lines: list[SourcedLine]) -> None:
    """Tell each source which of its lines went on ``invoice``."""
    refs: dict[str, list[str]] = defaultdict(list)
    sources: dict[str, LineSource] = {}
    for source, line in lines:
        refs[source.key].append(line.ref)
        sources[source.key] = source
    for key, source_refs in refs.items():
        sources[key].mark_invoiced(refs=source_refs, invoice=invoice)


def release(invoice: "Invoice") -> None:
    """Tell every source that ``invoice`` was cancelled."""
    for source in line_sources():
        source.release(invoice=invoice)
