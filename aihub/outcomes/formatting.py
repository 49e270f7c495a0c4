"""KRW amounts as people read them: 억/조 units in Korean, billions in English.

Exports keep exact integers; these strings are for pages and charts only.
"""

from django.utils.translation import gettext as _

from aihub.core.models import is_english

MAN = 10_000
EOK = 100_000_000
JO = 1_000_000_000_000


def krw_korean(amount: int) -> str:
    """``3,659억 원``, ``1조 5,000억 원``, ``1억 5,000만 원``, ``5,000만 원`` or ``9,500원``.

    From 100억 up the amount is rounded to the nearest 억; below, to the nearest 만.
    """
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount >= 100 * EOK:
        eok = round(amount / EOK)
        jo, eok = divmod(eok, 10_000)
        if jo:
            return f"{sign}{jo:,}조 {eok:,}억 원" if eok else f"{sign}{jo:,}조 원"
        return f"{sign}{eok:,}억 원"
    if amount >= MAN:
        man = round(amount / MAN)
        eok, man = divmod(man, 10_000)
        if eok:
            return f"{sign}{eok:,}억 {man:,}만 원" if man else f"{sign}{eok:,}억 원"
        return f"{sign}{man:,}만 원"
    return f"{sign}{amount:,}원"


def krw_english(amount: int) -> str:
    """``365.9 billion KRW``, ``1.5 trillion KRW``, ``12.3 million KRW`` or ``950,000 KRW``."""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    for size, word in ((JO, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million")):
        if amount >= size:
            return f"{sign}{amount / size:,.1f} {word} KRW"
    return f"{sign}{amount:,} KRW"


def krw(amount: int | None) -> str:
    """An amount in the active language; an em dash when unknown."""
    if amount is None:
        return "—"
    return krw_english(amount) if is_english() else krw_korean(amount)


def krw_exact(amount: int | None) -> str:
    """Every digit, with separators: ``365,900,000,000원`` or ``365,900,000,000 KRW``."""
    if amount is None:
        return "—"
    return _("%(amount)s KRW") % {"amount": f"{amount:,}"}
