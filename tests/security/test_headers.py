"""Security headers, graded with the Mozilla HTTP Observatory's rubric, under production settings.

The production settings module is loaded with harmless values for its required variables, and
its security settings are applied to the test run, so these tests check what is deployed.
Every public page type in both languages must score A+ with no penalty at all; the admin has
its own, relaxed policy, checked for what it must still refuse.
"""

import importlib
import re
import sys
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale

from applications.models import ApplicationPage
from home.models import HomePage, StandardPage
from partners.models import CulturalWeekPage, PartnerCityPage, PartnerIndexPage
from stories.models import StoryIndexPage, StoryPage
from tests.security import observatory

HOST = "diplomat.example"
SECURITY_SETTINGS = re.compile(
    r"^(SECURE_|SESSION_COOKIE_|CSRF_COOKIE_|LANGUAGE_COOKIE_|X_FRAME_OPTIONS$|"
    r"CONTENT_SECURITY_POLICY|ADMIN_CONTENT_SECURITY_POLICY$|ADMIN_PATH_PREFIXES$)"
)


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings of config/settings/production.py, applied to this test."""
    for name, value in {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "RECAPTCHA_PUBLIC_KEY": "public",
        "RECAPTCHA_PRIVATE_KEY": "private",
        "DATABASE_URL": "sqlite:///unused.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }.items():
        monkeypatch.setenv(name, value)
    # A fresh run of base.py too: its values then come from this environment, and nothing
    # the running test settings hold is shared with (or changed by) the module.
    sys.modules.pop("config.settings.production", None)
    base = sys.modules.pop("config.settings.base")
    try:
        module = importlib.import_module("config.settings.production")
    finally:
        sys.modules.pop("config.settings.production", None)
        sys.modules["config.settings.base"] = base
    applied = {name for name in dir(module) if SECURITY_SETTINGS.match(name)}
    assert {"SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CONTENT_SECURITY_POLICY"} <= applied
    for name in applied:
        setattr(settings, name, getattr(module, name))
    settings.ALLOWED_HOSTS = [HOST]
    return module


def fetch(client, url):
    """The page over https as a browser gets it, and the same URL over http."""
    response = client.get(url, secure=True, headers={"host": HOST})
    plain = client.get(url, secure=False, headers={"host": HOST})
    return response, plain


def grade_of(response, plain):
    return observatory.grade(response, host=HOST, http_response=plain)


class _Inline(HTMLParser):
    """Collects inline code: script elements without src (data blocks aside), style elements,
    style attributes and event-handler attributes; and every resource the page loads."""

    DATA_TYPES = {"application/ld+json", "application/json"}

    def __init__(self):
        super().__init__()
        self.inline = []
        self.resources = []  # (directive, url)
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.inline.append(f"<{tag} {name}=…>")
        if tag == "script":
            if attrs.get("src"):
                self.resources.append(("script-src", attrs["src"]))
            elif attrs.get("type") not in self.DATA_TYPES:
                self.inline.append("<script> without src")
        elif tag == "style":
            self.inline.append("<style>")
        elif tag == "link" and attrs.get("href"):
            rel = attrs.get("rel", "")
            if "stylesheet" in rel:
                self.resources.append(("style-src", attrs["href"]))
            elif "preload" in rel and attrs.get("as") == "font":
                self.resources.append(("font-src", attrs["href"]))
        elif tag in ("img", "source"):
            for url in [attrs.get("src")] + [
                part.split()[0] for part in (attrs.get("srcset") or "").split(",") if part.strip()
            ]:
                if url:
                    self.resources.append(("img-src", url))
        elif tag == "iframe" and attrs.get("src"):
            self.resources.append(("frame-src", attrs["src"]))
        elif tag == "form":
            self.resources.append(("form-action", attrs.get("action") or ""))


def allowed(policy, directive, url):
    sources = policy.get(directive, policy.get("default-src", []))
    parts = urlsplit(url)
    if not parts.netloc:
        return "'self'" in sources
    origin = f"{parts.scheme}://{parts.netloc}"
    return any(
        source in (origin, f"{parts.scheme}:") or (source.endswith("/") and url.startswith(source))
        for source in sources
    )


def public_pages():
    """One live page of each public type, in each language, from the demo content."""
    types = [
        HomePage,
        PartnerIndexPage,
        PartnerCityPage,
        CulturalWeekPage,
        StoryIndexPage,
        StoryPage,
        StandardPage,
        ApplicationPage,
    ]
    pages = {}
    for locale in Locale.objects.all():
        for page_type in types:
            page = page_type.objects.live().filter(locale=locale).first()
            assert page is not None, f"the demo has no {page_type.__name__} in {locale}"
            pages[f"{page_type.__name__} ({locale.language_code})"] = page.url
        search = "/search/" if locale.language_code == "fa" else f"/{locale.language_code}/search/"
        pages[f"search ({locale.language_code})"] = f"{search}?q=isfahan"
    return pages


@pytest.mark.django_db
def test_every_public_page_type_in_both_languages_scores_a_plus_without_a_penalty(production):
    call_command("seed_demo", stdout=StringIO())
    client = Client()
    report, failures = [], []
    for name, url in public_pages().items():
        response, plain = fetch(client, url)
        assert response.status_code == 200, (name, url, response.status_code)
        grade = grade_of(response, plain)
        report.append(f"{name:32} {grade.score:4} {grade.letter}")
        if grade.penalties or grade.letter != "A+":
            failures.append((name, url, grade.penalties, grade.score))

        policy = observatory.parse_csp(response.headers["Content-Security-Policy"])
        parser = _Inline()
        parser.feed(response.content.decode())
        if parser.inline:
            failures.append((name, url, "inline code", sorted(set(parser.inline))))
        refused = [(d, u) for d, u in parser.resources if not allowed(policy, d, u)]
        if refused:
            failures.append((name, url, "refused by its own policy", refused))
        if "nonce-" in response.headers["Content-Security-Policy"]:
            failures.append((name, url, "carries a nonce", None))
    print("\n".join(["Observatory rubric, production settings:", *report]))
    assert not failures, "\n".join(map(str, [*failures, "", *report]))


@pytest.mark.django_db
def test_the_public_policy_is_strict_and_only_the_form_page_may_use_recaptcha(
    production, call_page, partner_index
):
    client = Client()
    policy = observatory.parse_csp(
        fetch(client, partner_index.url)[0].headers["Content-Security-Policy"]
    )
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert not any("google" in source for sources in policy.values() for source in sources)

    form_policy = observatory.parse_csp(
        fetch(client, call_page.url)[0].headers["Content-Security-Policy"]
    )
    assert "https://www.google.com/recaptcha/" in form_policy["script-src"]
    assert "https://www.google.com/recaptcha/" in form_policy["frame-src"]
    assert form_policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in form_policy["script-src"]


@pytest.mark.django_db
def test_the_form_page_loads_recaptcha_without_inline_script_and_is_never_stored(
    production, call_page
):
    response, _ = fetch(Client(), call_page.url)
    html = response.content.decode()
    assert 'data-recaptcha-script="https://www.google.com/recaptcha/api.js?hl=fa"' in html
    assert "data-callback" not in html
    assert "no-store" in response.headers["Cache-Control"]
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_on_the_same_host_with_hsts(production, fa_home):
    response, plain = fetch(Client(), "/")
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://{HOST}/"
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_every_cookie_the_admin_sets_is_secure_httponly_and_samesite(production, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.org", "a-long-passphrase-1")
    client = Client()
    login_page = client.get("/admin/login/", secure=True, headers={"host": HOST})
    token = login_page.cookies["csrftoken"].value
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "a-long-passphrase-1", "csrfmiddlewaretoken": token},
        secure=True,
        headers={"host": HOST},
    )
    assert response.status_code == 302
    cookies = {**login_page.cookies, **response.cookies}
    assert {"csrftoken", "sessionid"} <= set(cookies)
    for name, morsel in cookies.items():
        assert morsel["secure"], name
        assert morsel["httponly"], name
        assert morsel["samesite"] == "Lax", name
    grade = observatory.grade(response, host=HOST)
    assert grade.modifiers["cookies"] == (
        "cookies-secure-with-httponly-sessions-and-samesite",
        5,
    )


def test_the_language_cookie_is_secure_httponly_and_samesite(production, rf):
    from django.views.i18n import set_language

    request = rf.post("/i18n/setlang/", {"language": "en"}, secure=True, headers={"host": HOST})
    request.session = {}
    response = set_language(request)
    cookie = response.cookies["django_language"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_that_still_refuses_framing_plugins_and_eval(
    production, django_user_model
):
    response = Client().get("/admin/login/", secure=True, headers={"host": HOST})
    policy = observatory.parse_csp(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]  # Wagtail's preview pane only
    assert policy["object-src"] == ["'none'"]
    assert not any("'unsafe-eval'" in sources for sources in policy.values())
    assert policy["form-action"] == ["'self'"]


def test_the_rubric_penalises_what_it_should():
    """The grader itself: a response without the protections loses what the rubric says."""

    class Bare:
        headers = {"Content-Type": "text/html"}
        cookies = {}
        content = b'<script src="http://cdn.example/x.js"></script>'

    grade = observatory.grade(Bare(), host=HOST)
    assert grade.penalties == {
        "content-security-policy": ("csp-not-implemented", -25),
        "strict-transport-security": ("hsts-not-implemented", -20),
        "subresource-integrity": (
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50,
        ),
        "x-content-type-options": ("x-content-type-options-not-implemented", -5),
        "x-frame-options": ("x-frame-options-not-implemented", -20),
        "x-xss-protection": ("x-xss-protection-not-implemented", -10),
    }
    assert grade.letter == "F"

    class Inline(Bare):
        headers = {
            "Content-Type": "text/html",
            "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
            "Strict-Transport-Security": "max-age=300",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "unsafe-url",
        }
        content = b""

    grade = observatory.grade(Inline(), host=HOST)
    assert grade.penalties["content-security-policy"][1] == -20
    assert grade.penalties["strict-transport-security"][1] == -10
    assert grade.penalties["referrer-policy"][1] == -5
