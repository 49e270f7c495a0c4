"""One door per state change.

Each object with a lifecycle (a booking, a lease, an invoice, an application, a report, a
match, a registration, a demo day) declares its states and allowed moves as a ``Lifecycle``
in its app's ``enums.py``, and has one function in its app's services that moves it — the
door — which calls ``move``: check the move is allowed, set the state and the fields that go
with it, save, and write the audit entry, all in the caller's transaction. The door then
does what the new state brings (frees a room, queues a mail). A refused move raises
``TransitionRefused`` naming both states, or the refusal the door was given for it.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from aihub.core.errors import Conflict, HubError


class TransitionRefused(Conflict):
    code = "transition_refused"


@dataclass(frozen=True)
class Lifecycle:
    """The states of one kind of object and the moves allowed between them."""

    thing: Promise
    """What the object is called in a sentence, like "booking"."""
    states: type[models.TextChoices]
    moves: Mapping[str, Collection[str]]

    def __post_init__(self) -> None:
        known = set(self.states.values)
        for start, ends in self.moves.items():
            unknown = ({start} | set(ends)) - known
            if unknown:
                raise ValueError(f"Unknown states in the {self.thing} lifecycle: {unknown}")

    def allows(self, current: str, to: str) -> bool:
        return to in self.moves.get(current, ())

    def sources(self, to: str) -> frozenset[str]:
        """The states from which ``to`` can be reached."""
        return frozenset(start for start, ends in self.moves.items() if to in ends)

    def refusal(self, current: str, to: str) -> TransitionRefused:
        return TransitionRefused(
            _("The %(thing)s cannot go from “%(current)s” to “%(to)s”.")
            % {
                "thing": self.thing,
                "current": self.states(current).label,
                "to": self.states(to).label,
            }
        )

    def check(self, current: str, to: str, *, refusal: HubError | None = None) -> None:
        if not self.allows(current, to):
            raise refusal or self.refusal(current, to)


def move(
    obj: models.Model,
    *,
    lifecycle: Lifecycle,
    to: str,
    actor: Any,
    action: str,
    data: dict[str, Any] | None = None,
    fields: Iterable[str] = (),
    refusal: HubError | None = None,
    field: str = "status",
) -> models.Model:
    """Move ``obj`` (locked by the caller) to the state ``to``: check, set, save the state and
    ``fields`` (already set on ``obj``), and log ``action``."""
    lifecycle.check(getattr(obj, field), to, refusal=refusal)
    setattr(obj, field, to)
    update = [field, *fields]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        update.append("updated_at")
    obj.save(update_fields=list(dict.fromkeys(update)))
    obj.log_action(action, actor=actor, data=data or {})
    return obj
