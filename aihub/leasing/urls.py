from django.urls import path

from aihub.leasing import views

app_name = "leasing"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.mine, name="mine"),
    path("spaces/", views.space_list, name="spaces"),
    path("spaces/new/", views.space_create, name="space_create"),
    path("spaces/<int:space_pk>/status/", views.space_status, name="space_status"),
    path("floors/<int:floor_pk>/", views.floor_detail, name="floor"),
    path("leases/", views.lease_list, name="leases"),
    path("leases/new/", views.lease_create, name="lease_create"),
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/run/", views.invoice_run, name="invoice_run"),
    path("invoices/export/", views.invoice_export, name="invoice_export"),
    path("invoices/pdfs/", views.invoice_pdfs, name="invoice_pdfs"),
    path("reminders/", views.reminders_now, name="send_reminders"),
    path("companies/<int:pk>/", views.company_leasing, name="company"),
    path("companies/<int:pk>/leases/<int:lease_pk>/", views.lease_detail, name="lease"),
    path(
        "companies/<int:pk>/leases/<int:lease_pk>/activate/",
        views.lease_activate,
        name="lease_activate",
    ),
    path(
        "companies/<int:pk>/leases/<int:lease_pk>/cancel/", views.lease_cancel, name="lease_cancel"
    ),
    path(
        "companies/<int:pk>/leases/<int:lease_pk>/terminate/",
        views.lease_terminate,
        name="lease_terminate",
    ),
    path("companies/<int:pk>/leases/<int:lease_pk>/renew/", views.lease_renew, name="lease_renew"),
    path("companies/<int:pk>/invoices/<int:invoice_pk>/", views.invoice_detail, name="invoice"),
    path(
        "companies/<int:pk>/invoices/<int:invoice_pk>/pdf/",
        views.invoice_pdf_download,
        name="invoice_pdf",
    ),
    path(
        "companies/<int:pk>/invoices/<int:invoice_pk>/cancel/",
        views.invoice_cancel,
        name="invoice_cancel",
    ),
    path(
        "companies/<int:pk>/invoices/<int:invoice_pk>/payments/",
        views.payment_record,
        name="payment_record",
    ),
]
