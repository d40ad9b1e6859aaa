"""The shell every page shares: lang/dir, skip link, menu, footer, switcher, alternates, errors."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import bad_request, server_error
from wagtail.models import Site

from core.models import OfficeDetails, SiteSettings, SocialLink
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "lang", "direction"),
    [("/", "fa", "rtl"), ("/en/", "en", "ltr")],
)
def test_home_page_sets_lang_and_dir_from_the_language(client, url, lang, direction):
    html = _html(client, url)
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_persian_is_served_at_root_whatever_the_browser_prefers(client):
    html = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()
    assert '<html lang="fa" dir="rtl">' in html


@pytest.mark.parametrize(
    ("url", "skip_text"), [("/", "رفتن به محتوای اصلی"), ("/en/", "Skip to main content")]
)
def test_skip_link_points_at_the_main_landmark(client, url, skip_text):
    html = _html(client, url)
    assert f'<a class="skip-link" href="#main">{skip_text}</a>' in html
    assert '<main id="main"' in html
    assert html.index("skip-link") < html.index("<header")


def test_switcher_links_home_pages_to_each_other(client, fa_home, en_home):
    fa_html = _html(client, "/")
    assert 'href="/en/" hreflang="en">English</a>' in fa_html
    en_html = _html(client, "/en/")
    assert 'href="/" hreflang="fa">فارسی</a>' in en_html


def test_switcher_links_to_the_translation_of_the_current_page(client, en_locale):
    page = StandardPageFactory(slug="about-test", title="دربارهٔ آزمایش")
    translation = page.copy_for_translation(en_locale)
    translation.title = "About the test"
    translation.save_revision().publish()

    fa_html = _html(client, "/about-test/")
    assert 'href="/en/about-test/" hreflang="en">English</a>' in fa_html
    en_html = _html(client, "/en/about-test/")
    assert 'href="/about-test/" hreflang="fa">فارسی</a>' in en_html


def test_switcher_says_so_when_there_is_no_translation(client):
    StandardPageFactory(slug="persian-only", title="فقط فارسی")
    html = _html(client, "/persian-only/")
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert '<li lang="en" dir="ltr">' in switcher
    assert "This page is not available in English." in switcher
    assert 'href="/en/" hreflang="en">Go to the English home page</a>' in switcher
    # No link pretends that an English version exists.
    assert "/en/persian-only/" not in html


def test_an_unpublished_translation_is_not_offered(client, en_locale):
    page = StandardPageFactory(slug="draft-translation")
    draft = page.copy_for_translation(en_locale)  # created as a draft, never published
    assert not draft.live
    html = _html(client, "/draft-translation/")
    assert "This page is not available in English." in html


def test_an_alias_is_not_a_translation(client, en_locale):
    page = StandardPageFactory(slug="aliased")
    alias = page.copy_for_translation(en_locale, alias=True)
    assert alias.live and alias.alias_of_id == page.pk
    html = _html(client, "/aliased/")
    assert "This page is not available in English." in html
    assert '<link rel="alternate" hreflang="en"' not in html


def test_canonical_uses_the_public_address_not_the_request_host(client):
    StandardPageFactory(slug="hosted")
    html = client.get("/hosted/", headers={"host": "10.0.0.5"}).content.decode()
    assert '<link rel="canonical" href="https://diplomat.example/hosted/">' in html


def test_an_alias_is_never_in_the_menu(client, en_locale):
    page = StandardPageFactory(slug="menu-alias", show_in_menus=True)
    page.copy_for_translation(en_locale, alias=True)
    en_nav = _html(client, "/en/").split("</header>")[0]
    assert "/en/menu-alias/" not in en_nav


def test_hreflang_alternates_canonical_and_x_default(client, en_locale):
    page = StandardPageFactory(slug="alternates")
    translation = page.copy_for_translation(en_locale)
    translation.save_revision().publish()
    for url in ("/alternates/", "/en/alternates/"):
        html = _html(client, url)
        assert f'<link rel="canonical" href="https://diplomat.example{url}">' in html
        assert (
            '<link rel="alternate" hreflang="fa" href="https://diplomat.example/alternates/">'
            in html
        )
        assert (
            '<link rel="alternate" hreflang="en" href="https://diplomat.example/en/alternates/">'
            in html
        )
        assert (
            '<link rel="alternate" hreflang="x-default" href="https://diplomat.example/alternates/">'
            in html
        )


def test_untranslated_page_has_only_its_own_alternate(client):
    StandardPageFactory(slug="lonely")
    html = _html(client, "/lonely/")
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
    assert alternates == ["fa", "x-default"]


def test_menu_lists_the_current_languages_pages_in_menus(client, en_locale):
    shown = StandardPageFactory(slug="shown", title="در منو", show_in_menus=True)
    StandardPageFactory(slug="hidden", title="بیرون از منو", show_in_menus=False)
    english = shown.copy_for_translation(en_locale)
    english.title = "In the menu"
    english.save_revision().publish()

    fa_nav = _html(client, "/shown/").split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/shown/" aria-current="page">در منو</a>' in fa_nav
    StandardPageFactory(slug="child", parent=shown)
    section_nav = _html(client, "/shown/child/").split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/shown/" aria-current="true">در منو</a>' in section_nav
    assert "بیرون از منو" not in fa_nav
    assert "In the menu" not in fa_nav
    en_nav = _html(client, "/en/").split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/en/shown/">In the menu</a>' in en_nav


@pytest.fixture
def office():
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = "office@example.org"
    settings.phone = "+98 31 1234 5678"
    settings.is_demo = True
    settings.save()
    OfficeDetails.objects.create(
        settings=settings, language="fa", office_name="ادارهٔ آزمایشی", address="خیابان یک"
    )
    OfficeDetails.objects.create(
        settings=settings, language="en", office_name="Test Office", address="First Street"
    )
    SocialLink.objects.create(settings=settings, name="Mastodon", url="https://social.example/@x")
    return settings


@pytest.mark.parametrize(
    ("url", "name", "address", "demo_line"),
    [
        ("/", "ادارهٔ آزمایشی", "خیابان یک", "این تارنما نمایشی است."),
        ("/en/", "Test Office", "First Street", "This is a demonstration site."),
    ],
)
def test_footer_comes_from_site_settings_in_the_pages_language(
    client, office, url, name, address, demo_line
):
    footer = _html(client, url).split('<footer class="site-footer">')[1]
    assert f'<h2 id="footer-contact-heading">{name}</h2>' in footer
    assert address in footer
    assert '<a href="mailto:office@example.org" dir="ltr">office@example.org</a>' in footer
    assert '<a href="tel:+983112345678" dir="ltr">+98 31 1234 5678</a>' in footer
    assert '<a href="https://social.example/@x" rel="me noopener">Mastodon</a>' in footer
    assert demo_line in footer


def test_title_uses_the_office_name_of_the_language(client, office):
    assert "<title>Test Office</title>" in _html(client, "/en/")
    StandardPageFactory(slug="titled", title="عنوان")
    assert "<title>عنوان – ادارهٔ آزمایشی</title>" in _html(client, "/titled/")


@pytest.mark.parametrize(
    ("url", "lang", "main_heading", "other_lang", "other_heading"),
    [
        ("/no-such-page/", "fa", "صفحه پیدا نشد", "en", "Page not found"),
        ("/en/no-such-page/", "en", "Page not found", "fa", "صفحه پیدا نشد"),
    ],
)
def test_404_is_bilingual_and_in_the_right_direction(
    client, url, lang, main_heading, other_lang, other_heading
):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{main_heading}</h1>" in html
    other = html.split('class="error-page__other"')[1]
    assert f'lang="{other_lang}"' in other
    assert f"<h2>{other_heading}</h2>" in other


def test_500_page_is_static_and_bilingual():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fa" dir="rtl">' in html
    assert "خطایی در سرور رخ داد" in html
    assert '<section class="error-page__other" lang="en" dir="ltr">' in html


def test_400_page_is_static_and_bilingual():
    response = bad_request(RequestFactory().get("/"), exception=None)
    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fa" dir="rtl">' in html
    assert "این درخواست خوانده نشد" in html
    assert '<section class="error-page__other" lang="en" dir="ltr">' in html
    assert "This request could not be read" in html
