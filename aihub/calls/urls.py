from django.urls import path

from aihub.calls import edit_views, judge_views, staff_views, views

app_name = "calls"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("<int:call_pk>/", views.call_detail, name="detail"),
    path("<int:call_pk>/apply/", views.apply, name="apply"),
    path("mine/", views.my_applications, name="mine"),
    path("companies/<int:pk>/", views.company_applications, name="company"),
    path(
        "companies/<int:pk>/applications/<int:application_pk>/",
        views.application_detail,
        name="application",
    ),
    path(
        "companies/<int:pk>/applications/<int:application_pk>/documents/",
        views.application_upload,
        name="application_upload",
    ),
    path(
        "companies/<int:pk>/applications/<int:application_pk>/documents/<int:document_pk>/",
        views.application_document,
        name="application_document",
    ),
    path(
        "companies/<int:pk>/applications/<int:application_pk>/submit/",
        views.application_submit,
        name="application_submit",
    ),
    path(
        "companies/<int:pk>/applications/<int:application_pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "companies/<int:pk>/applications/<int:application_pk>/decline/",
        views.application_decline,
        name="application_decline",
    ),
    path("judging/", judge_views.queue, name="queue"),
    path("judging/<int:assignment_pk>/", judge_views.review, name="review"),
    path("judging/<int:assignment_pk>/recuse/", judge_views.recuse, name="recuse"),
    path(
        "judging/<int:assignment_pk>/documents/<int:document_pk>/",
        judge_views.document,
        name="review_document",
    ),
    path("manage/", staff_views.manage_list, name="manage_list"),
    path("manage/new/", staff_views.manage_create, name="manage_create"),
    path("manage/<int:call_pk>/", staff_views.manage_call, name="manage"),
    path("manage/<int:call_pk>/edit/", edit_views.edit_call, name="edit"),
    path("manage/stages/<int:stage_pk>/edit/", edit_views.edit_stage, name="edit_stage"),
    path("manage/stages/<int:stage_pk>/delete/", edit_views.delete_stage, name="delete_stage"),
    path(
        "manage/criteria/<int:criterion_pk>/edit/",
        edit_views.edit_criterion,
        name="edit_criterion",
    ),
    path(
        "manage/criteria/<int:criterion_pk>/delete/",
        edit_views.delete_criterion,
        name="delete_criterion",
    ),
    path("manage/<int:call_pk>/publish/", staff_views.manage_publish, name="publish"),
    path("manage/<int:call_pk>/stages/", staff_views.manage_add_stage, name="add_stage"),
    path("manage/<int:call_pk>/export/", staff_views.manage_export, name="export"),
    path("manage/<int:call_pk>/summary/", staff_views.manage_summary, name="summary"),
    path("manage/stages/<int:stage_pk>/", staff_views.manage_stage, name="stage"),
    path(
        "manage/stages/<int:stage_pk>/criteria/",
        staff_views.manage_add_criterion,
        name="add_criterion",
    ),
    path("manage/stages/<int:stage_pk>/assign/", staff_views.manage_assign, name="assign"),
    path("manage/stages/<int:stage_pk>/balance/", staff_views.manage_balance, name="balance"),
    path("manage/stages/<int:stage_pk>/decide/", staff_views.manage_decide, name="decide"),
    path("manage/stages/<int:stage_pk>/finalise/", staff_views.manage_finalise, name="finalise"),
]
