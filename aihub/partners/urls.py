from django.urls import path

from aihub.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_create, name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/edit/", views.partner_edit, name="edit"),
    path("<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("<int:pk>/agreements/", views.agreement_add, name="agreement_add"),
]
