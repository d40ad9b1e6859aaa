import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from applications.models import ApplicationPage
from home.models import HomePage, StandardPage
from partners.models import CulturalWeekIndexPage, NetworkIndexPage, PartnerIndexPage
from stories.models import StoryIndexPage
from tests.factories import StandardPageFactory


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_pages_sit_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                PartnerIndexPage,
                NetworkIndexPage,
                CulturalWeekIndexPage,
                StoryIndexPage,
                ApplicationPage,
            },
        )

    def test_nobody_creates_home_pages_by_hand(self):
        root = Page.objects.get(depth=1)
        assert not HomePage.can_create_at(root)

    def test_standard_pages_sit_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_an_editor_can_create_a_standard_page_in_the_admin(self):
        home = HomePage.objects.get(locale__language_code="fa")
        editor = get_user_model().objects.create_user("writer", password="x")
        editor.groups.add(Group.objects.get(name="Editors"))
        self.client.force_login(editor)
        data = nested_form_data(
            {
                "title": "دربارهٔ ما",
                "slug": "about-us",
                "intro": "پیش‌درآمد",
                "body": streamfield(
                    [
                        ("heading", {"text": "کار ما", "level": "h2"}),
                        ("paragraph", rich_text("<p>متن نمونه</p>")),
                        ("quote", {"text": "شهرها دوست می‌شوند.", "attribution": "—"}),
                    ]
                ),
            }
        )
        url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        page = StandardPage.objects.get(slug="about-us")
        assert page.locale.language_code == "fa"
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote"]
        assert not page.live  # an editor saves a draft; publishing is the moderators' job


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "en"])
def test_standard_page_shows_last_update_in_the_readers_calendar(client, language, en_locale):
    page = StandardPageFactory(slug="dated")
    translated = page.copy_for_translation(en_locale)
    translated.save_revision().publish()
    StandardPage.objects.filter(pk__in=[page.pk, translated.pk]).update(
        last_published_at="2021-02-01T08:00:00Z"
    )
    url = "/dated/" if language == "fa" else "/en/dated/"
    html = client.get(url).content.decode()
    expected = {"fa": "آخرین به‌روزرسانی: ", "en": "Last updated: "}[language]
    date_text = {"fa": "۱۳ بهمن ۱۳۹۹", "en": "1 February 2021"}[language]
    assert expected in html
    assert f'<time datetime="2021-02-01">{date_text}</time>' in html


@pytest.mark.django_db
def test_admin_is_usable_in_persian_and_english(client, editor):
    client.force_login(editor)
    profile = UserProfile.get_for_user(editor)
    for language, dashboard_text in (("fa", 'lang="fa" dir="rtl"'), ("en", 'lang="en" dir="ltr"')):
        profile.preferred_language = language
        profile.save()
        html = client.get("/admin/").content.decode()
        assert dashboard_text in html
