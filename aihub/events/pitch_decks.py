"""Pitch decks of demo-day startups: a PDF checked by its content, one per participation.

``upload_pitch_deck`` is keyword-only, atomic and audited. A replaced deck's file is removed
from storage only once the new one is committed; a refused upload writes nothing.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.errors import ValidationFailed
from aihub.events.models import DemoDayStartup

MAX_PITCH_DECK_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def check_pitch_deck(file: UploadedFile) -> None:
    """Refuse anything that is empty, larger than ``MAX_PITCH_DECK_BYTES`` or not a PDF.

    The content is checked (the file must start with ``%PDF-``), not the name or the type the
    browser sent. Raises ``ValidationFailed`` on the ``pitch_deck`` field.
    """
    size = file.size or 0
    if size == 0:
        raise ValidationFailed(_("The file is empty."), field="pitch_deck")
    if size > MAX_PITCH_DECK_BYTES:
        raise ValidationFailed(
            _("The pitch deck is larger than %(limit)s MB.")
            % {"limit": MAX_PITCH_DECK_BYTES // (1024 * 1024) or 1},
            field="pitch_deck",
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationFailed(_("The pitch deck must be a PDF file."), field="pitch_deck")


@transaction.atomic
def upload_pitch_deck(
    *, seat: DemoDayStartup, file: UploadedFile, actor: User | None
) -> DemoDayStartup:
    """Store ``file`` as the startup's pitch deck for this demo day, replacing an earlier one.

    Raises ``ValidationFailed`` (nothing saved) when ``check_pitch_deck`` refuses the file.
    """
    check_pitch_deck(file)
    seat = DemoDayStartup.objects.select_for_update().select_related("company").get(pk=seat.pk)
    old = seat.pitch_deck.name
    storage = seat.pitch_deck.storage
    seat.pitch_deck.save("deck.pdf", file, save=False)
    seat.save(update_fields=["pitch_deck"])
    if old:
        transaction.on_commit(lambda: storage.delete(old))
    seat.log_action(
        "events.demoday.pitch_deck_uploaded",
        actor=actor,
        data={"name": str(seat), "size": file.size},
    )
    return seat
