"""Writes of the calls app: keyword-only, atomic, audited; mail after commit."""

from aihub.calls.services.applications import (
    save_answers,
    sign_up_and_apply,
    start_application,
    submission_problems,
    submit_application,
    upload_document,
    withdraw_application,
)
from aihub.calls.services.decisions import decide, decline_selection, finalise_stage
from aihub.calls.services.editing import (
    delete_criterion,
    delete_stage,
    update_call,
    update_criterion,
    update_stage,
)
from aihub.calls.services.judging import (
    Balance,
    assign_judge,
    balance_judges,
    recuse,
    set_scores,
    unassign_judge,
)
from aihub.calls.services.retention import Purge, purge_expired_applications
from aihub.calls.services.setup import add_criterion, add_stage, create_call, publish_call
from aihub.calls.services.status import set_application_status

__all__ = [
    "Balance",
    "Purge",
    "add_criterion",
    "add_stage",
    "assign_judge",
    "balance_judges",
    "create_call",
    "decide",
    "decline_selection",
    "delete_criterion",
    "delete_stage",
    "finalise_stage",
    "publish_call",
    "purge_expired_applications",
    "recuse",
    "save_answers",
    "set_application_status",
    "set_scores",
    "sign_up_and_apply",
    "start_application",
    "submission_problems",
    "submit_application",
    "unassign_judge",
    "update_call",
    "update_criterion",
    "update_stage",
    "upload_document",
    "withdraw_application",
]
