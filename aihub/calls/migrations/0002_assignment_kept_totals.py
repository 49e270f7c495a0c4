"""Keep each judge's total and tie-break score on the assignment, filled from the scores."""

from fractions import Fraction

from django.db import migrations, models


def fill_totals(apps, schema_editor):
    """Each assignment's total on 100 points and tie-break score, when every criterion of its
    stage is scored (the arithmetic of ``ranking.sheet_total``)."""
    Assignment = apps.get_model("calls", "Assignment")
    Criterion = apps.get_model("calls", "Criterion")
    Score = apps.get_model("calls", "Score")
    criteria_of: dict[int, list] = {}
    for criterion in Criterion.objects.order_by("stage_id", "order", "id"):
        criteria_of.setdefault(criterion.stage_id, []).append(criterion)
    sheets: dict[int, dict[int, int]] = {}
    for assignment_id, criterion_id, value in Score.objects.values_list(
        "assignment_id", "criterion_id", "value"
    ):
        sheets.setdefault(assignment_id, {})[criterion_id] = value
    changed = []
    for assignment in Assignment.objects.filter(pk__in=list(sheets)).only("pk", "stage_id"):
        criteria = criteria_of.get(assignment.stage_id, [])
        values = sheets[assignment.pk]
        if not criteria or any(c.pk not in values for c in criteria):
            continue
        weighted = sum(
            Fraction(c.weight * (values[c.pk] - c.min_score), c.max_score - c.min_score)
            for c in criteria
        )
        tie = sorted(criteria, key=lambda c: (-c.weight, c.order, c.pk))[0]
        assignment.total = float(weighted * 100 / sum(c.weight for c in criteria))
        assignment.tie_value = values[tie.pk]
        changed.append(assignment)
    Assignment.objects.bulk_update(changed, ["total", "tie_value"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0001_calls_applications_judging"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="total",
            field=models.FloatField(
                blank=True, editable=False, null=True, verbose_name="judge's total (of 100)"
            ),
        ),
        migrations.AddField(
            model_name="assignment",
            name="tie_value",
            field=models.IntegerField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="score on the tie-break criterion",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                fields=["stage", "application", "judge", "total", "tie_value"],
                name="calls_assignment_totals",
            ),
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
    ]
