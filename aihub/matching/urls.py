from django.urls import path

from aihub.matching import views

app_name = "matching"

C = "companies/<int:pk>/"
urlpatterns = [
    path("", views.demand_list, name="demands"),
    path("mine/", views.mine, name="mine"),
    path("experts/", views.expert_list, name="experts"),
    path("experts/new/", views.expert_create, name="expert_create"),
    path("experts/<int:expert_pk>/edit/", views.expert_edit, name="expert_edit"),
    path("propose/", views.propose_all, name="propose_all"),
    path("stats/", views.stats, name="stats"),
    path("stats/export/", views.stats_export, name="stats_export"),
    path(C + "demands/new/", views.demand_create, name="demand_create"),
    path(C + "demands/<int:demand_pk>/", views.demand_detail, name="demand"),
    path(C + "demands/<int:demand_pk>/propose/", views.propose, name="propose"),
    path(C + "matches/<int:match_pk>/<str:action>/", views.match_action, name="match_action"),
    path(C + "matches/<int:match_pk>/sessions/new/", views.session_book, name="session_book"),
    path(
        C + "matches/<int:match_pk>/sessions/<int:session_pk>/notes/",
        views.session_notes,
        name="session_notes",
    ),
]
