from django.urls import path

from aihub.bookings import feeds, room_views, staff_views, views

app_name = "bookings"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("facilities/<slug:slug>/", views.facility_calendar, name="facility"),
    path("rooms/<int:room_pk>/", views.room_calendar, name="room"),
    path("rooms/<int:room_pk>/edit/", room_views.room_edit, name="room_edit"),
    path("rooms/setup/", room_views.room_setup, name="room_setup"),
    path("rooms/setup/<int:space_pk>/", room_views.room_set_up, name="room_set_up"),
    path("rooms/<int:room_pk>/book/", views.room_book, name="book"),
    path("rooms/<int:room_pk>/calendar.ics", feeds.room_feed, name="room_feed"),
    path("approvals/", staff_views.approvals, name="approvals"),
    path("approvals/<int:booking_pk>/approve/", staff_views.approve, name="approve"),
    path("approvals/<int:booking_pk>/reject/", staff_views.reject, name="reject"),
    path("clashes/<int:hold_pk>/hold/", staff_views.hold_again, name="hold_again"),
    path("reports/", staff_views.report, name="report"),
    path("reports/export/", staff_views.report_export, name="report_export"),
    path("my/", views.personal_list, name="personal_list"),
    path("my/<int:booking_pk>/", views.booking_detail, name="personal"),
    path("my/<int:booking_pk>/cancel/", views.booking_cancel, name="personal_cancel"),
    path("my/<int:booking_pk>/change/", views.booking_change, name="personal_change"),
    path("my/<int:booking_pk>/check-in/", views.booking_check_in, name="personal_check_in"),
    path("companies/<int:pk>/", views.company_bookings, name="company"),
    path("companies/<int:pk>/calendar.ics", feeds.company_feed, name="company_feed"),
    path("companies/<int:pk>/<int:booking_pk>/", views.booking_detail, name="booking"),
    path("companies/<int:pk>/<int:booking_pk>/cancel/", views.booking_cancel, name="cancel"),
    path("companies/<int:pk>/<int:booking_pk>/change/", views.booking_change, name="change"),
    path("companies/<int:pk>/<int:booking_pk>/check-in/", views.booking_check_in, name="check_in"),
    path(
        "companies/<int:pk>/series/<int:series_pk>/cancel/",
        views.series_cancel,
        name="series_cancel",
    ),
    path("companies/<int:pk>/receipts/<int:charge_pk>/", views.charge_receipt, name="receipt"),
]
