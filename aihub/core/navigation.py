"""One registry of navigation entries and page notices; each app contributes its own.

An app registers its entries from its ``nav.py`` (imported by its ``AppConfig.ready``); the
site app builds the menus of a page from the entries the signed-in user may see. Nothing
here knows which apps exist.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.urls import reverse
from django.utils.functional import Promise

SECTIONS = ("public", "work", "staff", "account")
"""Where an entry sits: the public menu, a signed-in person's work, hub staff's tools, the
account corner."""


@dataclass(frozen=True)
class NavEntry:
    """One link of the navigation.

    Shown to everyone when ``signed_in`` is false and ``roles`` is empty; to anyone signed in
    when ``signed_in``; to holders of any of ``roles`` (role codes such as ``hub_staff`` or
    ``company_member``) otherwise.
    """

    key: str
    label: Promise
    url_name: str
    section: str
    order: int
    signed_in: bool = False
    roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise ValueError(f"Unknown navigation section {self.section!r} for {self.key}")
        if "." not in self.key:
            raise ValueError(f"Navigation keys are app.name: {self.key}")

    def visible_to(self, *, authenticated: bool, roles: Iterable[str]) -> bool:
        if self.roles:
            return authenticated and any(role in self.roles for role in roles)
        return authenticated or not self.signed_in


_ENTRIES: dict[str, NavEntry] = {}
_NOTICES: list[str] = []


def register(*entries: NavEntry) -> None:
    """Add entries; registering the same key twice with a different entry is an error."""
    for entry in entries:
        existing = _ENTRIES.get(entry.key)
        if existing is not None and existing != entry:
            raise ValueError(f"Navigation entry {entry.key} is already registered")
        _ENTRIES[entry.key] = entry
    _resolved.cache_clear()


def register_notice(template_name: str) -> None:
    """A template shown at the top of every page for signed-in people (it decides itself
    whether there is anything to say)."""
    if template_name not in _NOTICES:
        _NOTICES.append(template_name)


def notices() -> tuple[str, ...]:
    return tuple(_NOTICES)


def entries() -> list[NavEntry]:
    """Every registered entry, by section and order."""
    return sorted(_ENTRIES.values(), key=lambda e: (SECTIONS.index(e.section), e.order, e.key))


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str


@lru_cache(maxsize=8)
def _resolved(script_prefix: str) -> dict[str, str]:
    """Addresses of every entry, resolved once per script prefix."""
    return {entry.key: reverse(entry.url_name) for entry in _ENTRIES.values()}


def menus_for(
    *, authenticated: bool, roles: Iterable[str], script_prefix: str
) -> dict[str, list[Link]]:
    """The links of each section that a person with ``roles`` may see."""
    roles = frozenset(roles)
    urls = _resolved(script_prefix)
    menus: dict[str, list[Link]] = {section: [] for section in SECTIONS}
    for entry in entries():
        if entry.visible_to(authenticated=authenticated, roles=roles):
            menus[entry.section].append(Link(entry.key, str(entry.label), urls[entry.key]))
    return menus
