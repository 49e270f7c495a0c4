from django.urls import path

from aihub.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("home/", views.dashboard, name="dashboard"),
    path("language/", views.switch_language, name="language"),
    path("healthz", views.healthz, name="healthz"),
]
