"""Audit action codes of the calls app and how they read in both languages."""

from django.utils.translation import gettext_lazy as _

from aihub.calls.enums import ApplicationStatus, CallKind, Outcome
from aihub.core import audit

audit.register(
    {
        "calls.call.created": _("Call created ({call_kind})"),
        "calls.call.published": _("Call published"),
        "calls.call.stage_added": _("Stage {stage} added"),
        "calls.call.criterion_added": _("Criterion {criterion} added to {stage}"),
        "calls.call.decided": _("Results announced"),
        "calls.call.updated": _("Call edited: {fields}"),
        "calls.call.stage_updated": _("Stage {stage} edited"),
        "calls.call.stage_deleted": _("Stage {stage} deleted"),
        "calls.call.criterion_updated": _("Criterion {criterion} of {stage} edited"),
        "calls.call.criterion_deleted": _("Criterion {criterion} removed from {stage}"),
        "calls.call.drafts_purged": _(
            "{count} unsubmitted drafts deleted at the end of their retention period"
        ),
        "calls.stage.finalised": _("Stage {stage} finalised"),
        "calls.application.started": _("Application started; personal-data consent recorded"),
        "calls.application.saved": _("Draft saved"),
        "calls.application.document_uploaded": _("Document {field} uploaded ({file})"),
        "calls.application.submitted": _("Application submitted"),
        "calls.application.withdrawn": _("Application withdrawn"),
        "calls.application.declined": _("Selection declined by the applicant"),
        "calls.application.decision_set": _("Decision at {stage}: {outcome}"),
        "calls.application.status_changed": _("Status is now {application_status}"),
        "calls.application.moved_up": _("Moved up from the waiting list"),
        "calls.application.judge_assigned": _("Judge {judge} assigned at {stage}"),
        "calls.application.judge_unassigned": _("Judge {judge} removed at {stage}"),
        "calls.application.judge_recused": _("Judge {judge} declared a conflict: {reason}"),
        "calls.application.score_set": _("{judge} scored {criterion}: {old} → {new} at {stage}"),
        "calls.application.purged": _("Personal data deleted: retention ended on {retain_until}"),
        "calls.membership.cancelled": _(
            "Membership from {starts_on} cancelled: the selection was declined"
        ),
    }
)
audit.register_labels(
    {"call_kind": CallKind, "outcome": Outcome, "application_status": ApplicationStatus}
)
