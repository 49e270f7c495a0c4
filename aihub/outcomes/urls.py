from django.urls import path

from aihub.outcomes import staff_views, views

app_name = "outcomes"

urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("figures/", staff_views.public_figures, name="public"),
    path("export/", staff_views.figures_export, name="export"),
    path("periods/", staff_views.period_list, name="periods"),
    path("periods/new/", staff_views.period_create, name="period_create"),
    path("periods/reminders/", staff_views.send_reminders_now, name="send_reminders"),
    path("periods/<int:period_pk>/", staff_views.period_detail, name="period"),
    path(
        "periods/<int:period_pk>/add-reports/",
        staff_views.period_add_reports,
        name="period_add_reports",
    ),
    path("periods/<int:period_pk>/close/", staff_views.period_close, name="period_close"),
    path("review/", staff_views.review_queue, name="review"),
    path("companies/<int:pk>/", views.company_outcomes, name="company"),
    path("companies/<int:pk>/export/", views.company_export, name="company_export"),
    path("companies/<int:pk>/consent/", views.consent, name="consent"),
    path("companies/<int:pk>/reports/<int:report_pk>/", views.report_detail, name="report"),
    path("companies/<int:pk>/reports/<int:report_pk>/edit/", views.report_edit, name="report_edit"),
    path(
        "companies/<int:pk>/reports/<int:report_pk>/submit/",
        views.report_submit,
        name="report_submit",
    ),
    path(
        "companies/<int:pk>/reports/<int:report_pk>/return/",
        views.report_return,
        name="report_return",
    ),
    path(
        "companies/<int:pk>/reports/<int:report_pk>/accept/",
        views.report_accept,
        name="report_accept",
    ),
    path(
        "companies/<int:pk>/reports/<int:report_pk>/correct/",
        views.report_correct,
        name="report_correct",
    ),
]
