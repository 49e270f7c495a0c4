"""Background jobs of the matching app: proposing experts for every open demand."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from aihub.jobs.registry import JobResult, job_kind
from aihub.matching import services


def _step_messages() -> dict[str, str]:
    return {
        "index": pgettext("matching step", "Indexing the experts' profiles"),
        "rank": pgettext("matching step", "Ranking the experts for each demand"),
        "assign": pgettext("matching step", "Sharing out the experts' capacity"),
        "store": pgettext("matching step", "Saving the proposals"),
    }


@job_kind("matching.propose_all", label=gettext_lazy("Propose experts for every open demand"))
def propose_all(*, job, progress) -> JobResult:
    messages = _step_messages()
    steps = services.PROPOSAL_STEPS
    progress.update(done=0, total=len(steps), message=_("Reading the open demands"))

    def report(step: str) -> None:
        progress.update(done=steps.index(step), message=messages[step])

    created = services.propose_matches(actor=job.started_by, progress=report)
    demands = sum(1 for rows in created.values() if rows)
    proposals = sum(len(rows) for rows in created.values())
    return JobResult(
        message=_("%(proposals)s proposals were made for %(count)s open demands.")
        % {"proposals": proposals, "count": demands},
        url=reverse("matching:demands"),
        link_label=_("Review the proposals"),
    )
