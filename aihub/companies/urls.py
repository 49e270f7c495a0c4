from django.urls import path

from aihub.companies import views

app_name = "companies"

urlpatterns = [
    path("", views.company_list, name="list"),
    path("export/", views.company_export, name="export"),
    path("new/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/invite/", views.member_invite, name="invite"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/memberships/", views.membership_record, name="membership_record"),
    path("<int:pk>/history/", views.company_history, name="history"),
    path(
        "<int:pk>/memberships/<int:period_pk>/end/",
        views.membership_end,
        name="membership_end",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation"),
]
