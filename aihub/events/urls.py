from django.urls import path

from aihub.events import views

app_name = "events"

investor = "<int:event_pk>/demoday/investors/<int:seat_pk>/"
startup = "<int:event_pk>/demoday/companies/<int:pk>/"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", views.event_feed, name="feed"),
    path("mine/", views.my_events, name="mine"),
    path("new/", views.event_create, name="create"),
    path("<int:event_pk>/", views.event_detail, name="detail"),
    path("<int:event_pk>/edit/", views.event_edit, name="edit"),
    path("<int:event_pk>/register/", views.event_register, name="register"),
    path("<int:event_pk>/attendees/", views.event_attendees, name="attendees"),
    path("registrations/<int:registration_pk>/", views.registration_detail, name="registration"),
    path(
        "registrations/<int:registration_pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("<int:event_pk>/demoday/", views.demoday_manage, name="demoday"),
    path("<int:event_pk>/demoday/setup/", views.demoday_setup, name="demoday_setup"),
    path("<int:event_pk>/demoday/invite/", views.demoday_invite, name="demoday_invite"),
    path("<int:event_pk>/demoday/schedule/", views.schedule, name="schedule"),
    path("<int:event_pk>/demoday/table-cards/", views.table_cards, name="table_cards"),
    path(investor + "interests/", views.interests, name="investor_interests"),
    path(investor + "participation/", views.participation, name="investor_participation"),
    path(investor + "agenda/", views.agenda, name="investor_agenda"),
    path(investor + "withdraw/", views.withdraw, name="investor_withdraw"),
    path(startup + "interests/", views.interests, name="startup_interests"),
    path(startup + "participation/", views.participation, name="startup_participation"),
    path(startup + "agenda/", views.agenda, name="startup_agenda"),
    path(startup + "withdraw/", views.withdraw, name="startup_withdraw"),
    path(startup + "pitch-deck/", views.pitch_deck, name="startup_pitch_deck"),
    path(
        startup + "pitch-deck/download/",
        views.pitch_deck_download,
        name="startup_pitch_deck_download",
    ),
]
