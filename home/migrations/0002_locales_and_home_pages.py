from django.db import migrations

from home.migrations._locales import add_language


def remove_wagtail_welcome_page(apps):
    """Wagtail's first migration makes a placeholder page and a site pointing at it."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    welcome = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    )
    if welcome.exists():
        Site.objects.filter(root_page__in=welcome).delete()
        welcome.delete()
        root = Page.objects.get(depth=1)
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


def create_home_pages(apps, schema_editor):
    remove_wagtail_welcome_page(apps)
    # Persian first: it is the default language and the site's root page.
    add_language(apps, "fa", "خانه")
    add_language(apps, "en", "Home")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_home_pages, migrations.RunPython.noop)]
