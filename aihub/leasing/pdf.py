"""Invoice PDFs in Korean or English, with a Korean font embedded (subset).

The font is Noto Sans CJK KR from Debian's ``fonts-noto-cjk`` package, found at run time
with ``fc-match`` or at its usual path; ``FontMissing`` says how to install it. fpdf2
embeds the CFF outlines of the OpenType collection, subset to the characters used.
"""

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from aihub.core.models import pick
from aihub.leasing.billing import ROUNDING_RULE, VAT_RATE
from aihub.leasing.enums import InvoiceStatus
from aihub.leasing.models import Invoice

FONT_FAMILY = "Noto Sans CJK KR"
KNOWN_FONTS = {
    "": [
        (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 1),
        (Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"), 0),
    ],
    "B": [
        (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"), 1),
        (Path("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"), 0),
    ],
}
ISSUER_KO = "서울 AI 허브 운영사무국 · 서울특별시 서초구 태봉로 108"
ISSUER_EN = "Seoul AI Hub office · 108 Taebong-ro, Seocho-gu, Seoul"


class FontMissing(RuntimeError):
    """No Korean font is installed, so no invoice PDF can be made."""


def _fc_match(style: str) -> tuple[Path, int] | None:
    if shutil.which("fc-match") is None:
        return None
    pattern = f"{FONT_FAMILY}:style={'Bold' if style == 'B' else 'Regular'}"
    result = subprocess.run(  # noqa: S603 (fixed local tool, no shell, no user input)
        ["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],  # noqa: S607 (found on PATH)
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    file, _sep, rest = result.stdout.partition("|")
    index, _sep, family = rest.partition("|")
    if result.returncode == 0 and "CJK KR" in family and Path(file).is_file():
        return Path(file), int(index or 0)
    return None


@lru_cache(maxsize=2)
def korean_font(style: str = "") -> tuple[Path, int]:
    """The Korean font file and its index in a collection, for ``""`` or bold ``"B"``."""
    found = _fc_match(style)
    if found is not None:
        return found
    for path, index in KNOWN_FONTS[style]:
        if path.is_file():
            return path, index
    raise FontMissing(
        "No Korean font found for invoice PDFs. Install Debian's fonts-noto-cjk "
        "(apt-get install fonts-noto-cjk) or fonts-nanum."
    )


def _won(amount: int) -> str:
    return f"{amount:,}"


class _InvoicePDF(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT_FAMILY, size=8)
        self.cell(0, 10, f"{self.page_no()}", align="C")


def invoice_pdf(invoice: Invoice, *, language: str) -> bytes:
    """The invoice as PDF bytes in ``language`` (``ko`` or ``en``).

    Reads the invoice's company, lines and payments (use ``queries.invoice_for_user``,
    which prefetches them). A cancelled invoice is marked as such on every page.
    """
    english = language.startswith("en")
    with translation.override("en" if english else "ko"):
        return _render(invoice, english=english)


def _render(invoice: Invoice, *, english: bool) -> bytes:
    pdf = _InvoicePDF(format="A4")
    pdf.set_title(f"{_('Invoice')} {invoice.display_number}")
    pdf.set_creator("Seoul AI Hub")
    for style in ("", "B"):
        path, index = korean_font(style)
        pdf.add_font(FONT_FAMILY, style=style, fname=str(path), collection_font_number=index)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, style="B", size=18)
    pdf.cell(0, 12, _("Invoice"), new_x="LMARGIN", new_y="NEXT")
    if invoice.status == InvoiceStatus.CANCELLED:
        pdf.set_text_color(180, 0, 0)
        pdf.cell(0, 8, _("CANCELLED"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT_FAMILY, size=10)
    company = invoice.company
    rows = [
        (_("Invoice number"), invoice.display_number),
        (_("Billed month"), invoice.month.strftime("%Y-%m")),
        (_("Issued on"), invoice.issued_on.isoformat()),
        (_("Due on"), invoice.due_on.isoformat()),
        (_("Billed to"), pick(company.name_ko, company.name_en, english=english)),
        (_("Business registration number"), company.registration_number_display),
        (_("Issued by"), ISSUER_EN if english else ISSUER_KO),
    ]
    for label, value in rows:
        pdf.cell(55, 7, label)
        pdf.cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (86, 18, 28, 28, 30)
    headers = (_("Description"), _("Days"), _("Unit price"), _("Discount"), _("Amount"))
    pdf.set_font(FONT_FAMILY, style="B", size=9)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 8, header, border="B", align="L" if width == widths[0] else "R")
    pdf.ln()
    pdf.set_font(FONT_FAMILY, size=9)
    for line in invoice.lines.all():
        description = pick(line.description_ko, line.description_en, english=english)
        wrapped = pdf.multi_cell(widths[0], 6, description, dry_run=True, output="LINES")
        height = 6 * max(1, len(wrapped)) + 1
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        pdf.multi_cell(widths[0], 6, description, new_x="RIGHT", new_y="TOP")
        days = f"{line.days}/{line.days_in_month}" if line.is_prorated else "-"
        pdf.cell(widths[1], 6, days, align="R")
        pdf.cell(widths[2], 6, _won(line.unit_price), align="R")
        pdf.cell(widths[3], 6, _won(line.discount), align="R")
        pdf.cell(widths[4], 6, _won(line.amount), align="R")
        pdf.set_xy(pdf.l_margin, top + height)
    pdf.ln(3)
    vat_label = _("VAT (%(rate)s%%)") % {"rate": int(VAT_RATE * 100)}
    totals = [(_("Subtotal"), invoice.subtotal), (vat_label, invoice.vat)]
    totals.append((_("Total (KRW)"), invoice.total))
    paid = sum(payment.amount for payment in invoice.payments.all())
    if paid:
        totals += [(_("Paid"), paid), (_("Still owed"), invoice.total - paid)]
    for label, amount in totals:
        pdf.set_font(FONT_FAMILY, style="B" if label == totals[2][0] else "", size=10)
        pdf.cell(sum(widths[:3]), 7, "")
        pdf.cell(widths[3], 7, label, align="R")
        pdf.cell(widths[4], 7, _won(amount), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT_FAMILY, size=8)
    pdf.multi_cell(0, 5, str(ROUNDING_RULE), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        5,
        _(
            "Lines are prorated by day: the monthly price times the days leased "
            "over the days in the month."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
