from django.urls import path

from aihub.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("home/", views.dashboard, name="dashboard"),
    path("language/", views.switch_language, name="language"),
]
