"""Staff pages to set up bookable rooms: the list of every meeting room, education room,
lounge and hall, making one bookable with its rules, and changing a room's rules and photo.

They parse the form, authorise through ``bookings.manage_rooms``, call one service and
render; a refusal is shown next to its fields with the service's 4xx status.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aihub.bookings import queries, services
from aihub.bookings.forms import RoomForm
from aihub.bookings.models import BookableRoom
from aihub.core.audit import history_for
from aihub.core.errors import HubError
from aihub.core.forms import add_hub_error
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.spaces.models import Space

PER_PAGE = 50


def _profile(space: Space) -> BookableRoom | None:
    """The space's booking profile, read from the joined row without a query."""
    try:
        return space.bookable
    except BookableRoom.DoesNotExist:
        return None


@login_required
@require_GET
def room_setup(request: HttpRequest) -> HttpResponse:
    """Every space of a bookable kind, whether it is bookable, paused or not set up yet."""
    require(request, "bookings.manage_rooms")
    facilities = list(queries.facilities_with_bookable_kinds())
    facility = request.GET.get("facility", "")
    if facility not in {f.slug for f in facilities}:
        facility = ""
    spaces = queries.spaces_for_room_setup(user=request.user, facility=facility)
    page = paginate(spaces, page=request.GET.get("page"), per_page=PER_PAGE)
    rows = [(space, _profile(space)) for space in page.object_list]
    return render(
        request,
        "bookings/room_setup.html",
        {
            "page": page,
            "rows": rows,
            "facilities": facilities,
            "facility": facility,
            "query": f"facility={facility}" if facility else "",
        },
    )


def _form_page(
    request: HttpRequest, form: RoomForm, space: Space, room: BookableRoom | None, status: int
) -> HttpResponse:
    return render(
        request,
        "bookings/room_form.html",
        {
            "form": form,
            "space": space,
            "room": room,
            "history": history_for(room)[:15] if room is not None else [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_set_up(request: HttpRequest, space_pk: int) -> HttpResponse:
    """Make a space bookable with its rules; a space already set up goes to its edit page."""
    require(request, "bookings.manage_rooms")
    space = queries.space_for_room_setup(user=request.user, pk=space_pk)
    room = _profile(space)
    if room is not None:
        return redirect("bookings:room_edit", room_pk=room.pk)
    if request.method == "GET":
        initial = RoomForm.initial_for(BookableRoom())
        initial["capacity"] = max(space.seats, 1)
        return _form_page(request, RoomForm(initial=initial), space, None, 200)
    form = RoomForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            room = services.set_up_room(space=space, actor=request.user, **form.service_arguments())
        except HubError as error:
            add_hub_error(form, error)
            status = error.status
        else:
            messages.success(request, _("%(code)s can now be booked.") % {"code": space.code})
            return redirect("bookings:room_edit", room_pk=room.pk)
    return _form_page(request, form, space, None, status)


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request: HttpRequest, room_pk: int) -> HttpResponse:
    """Change a bookable room's rules, photo and whether it can be booked now."""
    require(request, "bookings.manage_rooms")
    room = queries.room_for_user(user=request.user, pk=room_pk)
    has_photo = bool(room.photo)
    if request.method == "GET":
        form = RoomForm(initial=RoomForm.initial_for(room), has_photo=has_photo)
        return _form_page(request, form, room.space, room, 200)
    form = RoomForm(request.POST, request.FILES, has_photo=has_photo)
    status = 400
    if form.is_valid():
        try:
            services.edit_room(room=room, actor=request.user, **form.service_arguments())
        except HubError as error:
            add_hub_error(form, error)
            status = error.status
        else:
            messages.success(request, _("The rules of %(code)s were saved.") % {"code": room.code})
            return redirect("bookings:room_edit", room_pk=room.pk)
    return _form_page(request, form, room.space, room, status)
