from django.utils.translation import gettext_lazy as _

from aihub.core import audit
from aihub.outcomes.enums import PeriodKind

audit.register(
    {
        "outcomes.period.opened": _(
            "{period_kind} reporting period {label} opened, due {deadline}"
        ),
        "outcomes.period.reports_added": _("{count} reports added to {label}"),
        "outcomes.period.closed": _("Reporting period {label} closed"),
        "outcomes.report.saved": _("Draft of version {version} saved"),
        "outcomes.report.submitted": _("Version {version} submitted"),
        "outcomes.report.returned": _("Version {version} returned: {comment}"),
        "outcomes.report.accepted": _("Version {version} accepted"),
        "outcomes.report.recorded": _("Version {version} recorded and accepted by hub staff"),
        "outcomes.report.correction_started": _("Correction started as version {version}"),
        "outcomes.report.reminded": _("Reminder sent to {count} people"),
        "outcomes.consent.granted": _("Consent to publish the company's figures by name recorded"),
        "outcomes.consent.withdrawn": _("Consent to publish the company's figures withdrawn"),
    }
)
audit.register_labels({"period_kind": PeriodKind})
