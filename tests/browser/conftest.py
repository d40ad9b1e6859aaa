"""The browser tests' harness: the demo site served by a real server on 127.0.0.1, and Debian's
Chromium driven by Playwright. ``make test-browser`` installs what is missing
(scripts/install-browser-deps.sh) and runs every test marked ``browser``.

The server is a separate process on its own SQLite database, migrated and seeded with the demo
once per run, so the browser sees exactly what ``make run`` serves. Failed tests leave a
screenshot in test-results/.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Users the journeys log in as; their password is only for this throwaway database.
PASSWORD = "browser-test-only-password"
USERS = {
    "editor": "Editors",
    "moderator": "Moderators",
    "reviewer": "Reviewers",
    "reviewer-en": "Reviewers",
}
# The admin's language for a user; the others have no preference and get Persian, the default.
ADMIN_LANGUAGES = {"reviewer-en": "en"}

_CREATE_USERS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
for name, group in {USERS!r}.items():
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": name + "@example.org"}})
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.add(Group.objects.get(name=group))
from wagtail.users.models import UserProfile
for name, language in {ADMIN_LANGUAGES!r}.items():
    profile = UserProfile.get_for_user(User.objects.get(username=name))
    profile.preferred_language = language
    profile.save()
"""


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "False",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "EMAIL_URL": "consolemail://",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Every application in the run comes from 127.0.0.1: more than the 5 an hour one client
        # may send in production (the limit itself is tested in tests/applications).
        "APPLICATION_RATE_LIMIT_PER_CLIENT": "100",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="session")
def live_site(site_env, tmp_path_factory):
    """The base URL of the demo site, served for the whole run."""
    quiet = {"stdout": subprocess.DEVNULL}
    _manage(site_env, "migrate", "--no-input", **quiet)
    _manage(site_env, "seed_demo", **quiet)
    _manage(site_env, "shell", "-c", _CREATE_USERS, **quiet)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**site_env, "SITE_URL": base}
    log = (tmp_path_factory.getbasetemp() / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"The site did not start; see {log.name}") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run scripts/install-browser-deps.sh (make test-browser)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_site, request):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Chromium reports every resource or script the Content-Security-Policy refused on the
    # console; a journey that needed one means the policy and the site disagree.
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    screenshot_if_failed(request, page)
    context.close()
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)


def screenshot_if_failed(request, page, suffix=""):
    """After a failed test, what ``page`` showed, in test-results/ (named after the test)."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.nodeid)
        page.screenshot(path=str(RESULTS / f"{name}{suffix}.png"), full_page=True)


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


# Google's reCAPTCHA script cannot load here (no network). This stands in for it in the
# browser, the way Google's documented test keys behave: the checkbox is always passed and a
# token is put in the form. The server then asks Google, cannot reach it either, and saves the
# application flagged for a closer look, which is the outage path the site must survive.
RECAPTCHA_STUB = """
(function () {
  function render() {
    document.querySelectorAll('.g-recaptcha').forEach(function (box) {
      if (box.querySelector('textarea')) { return; }
      var token = document.createElement('textarea');
      token.name = 'g-recaptcha-response';
      token.hidden = true;
      token.value = 'browser-test-token';
      box.appendChild(token);
    });
  }
  window.grecaptcha = {ready: function (f) { f(); }, render: render,
                       execute: function () { return Promise.resolve('browser-test-token'); }};
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', render); }
  else { render(); }
})();
"""


@pytest.fixture
def recaptcha(page):
    page.route(
        "**/recaptcha/api.js*",
        lambda route: route.fulfill(content_type="text/javascript", body=RECAPTCHA_STUB),
    )
    return page
