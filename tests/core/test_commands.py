import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from core.models import SiteSettings
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=StringIO())


def test_seed_demo_builds_both_languages_and_is_idempotent(client):
    _seed()
    counts = (Page.objects.count(), StandardPage.objects.count())
    _seed()
    assert (Page.objects.count(), StandardPage.objects.count()) == counts

    for slug in ("about", "privacy", "accessibility", "kinds-of-ties"):
        pages = StandardPage.objects.filter(slug=slug).select_related("locale")
        assert {p.locale.language_code for p in pages} == {"fa", "en"}
        assert len({p.translation_key for p in pages}) == 1
        assert all(p.live for p in pages)
        assert client.get(f"/{slug}/").status_code == 200
        assert client.get(f"/en/{slug}/").status_code == 200

    fa_home = HomePage.objects.get(locale__language_code="fa")
    en_home = HomePage.objects.get(locale__language_code="en")
    assert "سیزده" in fa_home.intro
    assert "thirteen" in en_home.intro

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.is_demo
    assert settings.office_details.count() == 2
    assert settings.social_links.count() == 2


def test_seed_demo_leaves_an_administrators_changes_alone():
    _seed()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = "new@example.org"
    settings.save()
    settings.social_links.filter(name="Telegram").delete()
    _seed()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.email == "new@example.org"
    assert list(settings.social_links.values_list("name", flat=True)) == ["Instagram"]


def test_seeded_home_pages_read_in_their_own_language(client):
    _seed()
    fa_html = client.get("/").content.decode()
    en_html = client.get("/en/").content.decode()
    assert "<h1>روابط بین‌الملل شهر اصفهان</h1>" in fa_html
    assert "<h1>Isfahan International Relations</h1>" in en_html
    assert "این تارنما نمایشی است." in fa_html
    assert "This is a demonstration site." in en_html


def test_ensure_admin_creates_one_superuser_and_prints_how_to_log_in(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = StringIO()
    call_command("ensure_admin", "--base-url", "http://127.0.0.1:8000", stdout=out)
    text = out.getvalue()
    password = re.search(r"password: (\S+)", text).group(1)
    assert "http://127.0.0.1:8000/admin/" in text
    assert "username: admin" in text
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    password_file = tmp_path / "var" / "admin-password.txt"
    assert password_file.read_text().strip() == password
    assert password_file.stat().st_mode & 0o777 == 0o600

    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert password in again.getvalue()


def test_ensure_admin_never_prints_a_stale_password(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("ensure_admin", stdout=StringIO())
    user = get_user_model().objects.get(username="admin")
    user.set_password("changed-by-hand")
    user.save()
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    assert "changepassword admin" in out.getvalue()


def test_shipped_persian_catalogue_is_complete():
    out = StringIO()
    call_command("compile_translations", "--check", stdout=out)
    assert "complete" in out.getvalue()


def _catalogue(directory: Path, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fa"}
    for entry in entries:
        po.append(entry)
    target = directory / "fa" / "LC_MESSAGES"
    target.mkdir(parents=True)
    po.save(str(target / "django.po"))
    return target


def test_check_fails_on_untranslated_and_fuzzy_entries(settings, tmp_path):
    _catalogue(
        tmp_path,
        [
            polib.POEntry(msgid="Done", msgstr="انجام شد"),
            polib.POEntry(msgid="Missing", msgstr=""),
            polib.POEntry(msgid="Guess", msgstr="حدس", flags=["fuzzy"]),
        ],
    )
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError) as error:
        call_command("compile_translations", "--check", stdout=StringIO())
    assert "untranslated: 'Missing'" in str(error.value)
    assert "fuzzy: 'Guess'" in str(error.value)
    assert "Done" not in str(error.value)


def test_compile_writes_a_catalogue_gettext_can_read(settings, tmp_path):
    target = _catalogue(tmp_path, [polib.POEntry(msgid="Hello", msgstr="سلام")])
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_translations", stdout=StringIO())
    mo = polib.mofile(str(target / "django.mo"))
    assert mo.find("Hello").msgstr == "سلام"
