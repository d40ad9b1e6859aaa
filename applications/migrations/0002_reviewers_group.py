"""The Reviewers group: the international office's staff who screen citizen-diplomat applications.

Reviewers reach the admin, read and move applications, and keep road-map meetings; they have no
page permissions. Editors and Moderators get the wording of the emails to applicants (no
personal data), never the applications. Permissions for this app's models are created here
because Django only creates them after all migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER_PERMISSIONS = [
    "view_application",
    "change_application",
    "add_roadmapmeeting",
    "change_roadmapmeeting",
    "delete_roadmapmeeting",
    "view_roadmapmeeting",
    "view_emailwording",
]
EDITORIAL_PERMISSIONS = ["add_emailwording", "change_emailwording", "view_emailwording"]


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )

    def ours(codenames):
        return Permission.objects.filter(
            content_type__app_label="applications", codename__in=codenames
        )

    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(access_admin, *ours(REVIEWER_PERMISSIONS))
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*ours(EDITORIAL_PERMISSIONS))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Reviewers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("core", "0002_editorial_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_group)]
