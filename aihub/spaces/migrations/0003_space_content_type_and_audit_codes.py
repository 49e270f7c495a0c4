"""Audit entries of spaces follow the model: its content type becomes ``spaces.space`` and
its action codes ``spaces.space.*``."""

from django.db import migrations

RENAMED_ACTIONS = {
    "leasing.space.created": "spaces.space.created",
    "leasing.space.status_changed": "spaces.space.status_changed",
}


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    old = ContentType.objects.filter(app_label="leasing", model="space").first()
    new = ContentType.objects.filter(app_label="spaces", model="space").first()
    if old is not None and new is not None:
        AuditEntry.objects.filter(content_type=old).update(content_type=new)
        old.delete()
    elif old is not None:
        old.app_label = "spaces"
        old.save(update_fields=["app_label"])
    for before, after in RENAMED_ACTIONS.items():
        AuditEntry.objects.filter(action=before).update(action=after)


def backward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType.objects.filter(app_label="spaces", model="space").update(app_label="leasing")
    for before, after in RENAMED_ACTIONS.items():
        AuditEntry.objects.filter(action=after).update(action=before)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("leasing", "0008_space_moved_to_spaces_app"),
        ("spaces", "0002_space_from_leasing"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
