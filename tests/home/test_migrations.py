"""Every database starts whole: locales, home pages, site, groups and workflow come from migrations."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site, WorkflowPage

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_both_locales_exist():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fa", "en"}


def test_each_locale_has_one_live_home_page_and_they_are_translations():
    homes = {h.locale.language_code: h for h in HomePage.objects.select_related("locale")}
    assert set(homes) == {"fa", "en"}
    assert all(home.live for home in homes.values())
    assert homes["fa"].translation_key == homes["en"].translation_key
    assert homes["en"].get_translation(homes["fa"].locale).pk == homes["fa"].pk


def test_wagtails_placeholder_page_is_gone_and_the_site_points_at_the_persian_home():
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    site = Site.objects.get()
    assert site.is_default_site
    assert site.root_page.specific == HomePage.objects.get(locale__language_code="fa")


def test_home_page_urls():
    homes = {h.locale.language_code: h for h in HomePage.objects.select_related("locale")}
    assert homes["fa"].url == "/"
    assert homes["en"].url == "/en/"


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editorial_groups_can_use_the_admin_and_translate(group_name):
    group = Group.objects.get(name=group_name)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation"} <= codenames


def test_only_moderators_may_publish():
    root = Page.objects.get(depth=1)
    editors = set(
        Group.objects.get(name="Editors")
        .page_permissions.filter(page=root)
        .values_list("permission__codename", flat=True)
    )
    moderators = set(
        Group.objects.get(name="Moderators")
        .page_permissions.filter(page=root)
        .values_list("permission__codename", flat=True)
    )
    assert editors == {"add_page", "change_page"}
    assert {"add_page", "change_page", "publish_page"} <= moderators


def test_the_whole_tree_goes_through_the_moderators_approval_workflow():
    workflow_page = WorkflowPage.objects.get(page__depth=1)
    task = workflow_page.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
