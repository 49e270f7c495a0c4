from django.urls import path

from aihub.spaces import views

app_name = "spaces"

urlpatterns = [
    path("", views.facility_list, name="list"),
    path("<slug:slug>/", views.facility_detail, name="facility"),
]
