"""Fixtures for the resilience tests: the site served over real HTTP with its rate limits raised,
Google's siteverify stood in for at the network boundary, and the figures each test reports at
the end of the run (submissions sent and stored, emails sent, retries)."""

import pytest
from django_recaptcha import client as recaptcha_client

from tests.applications.conftest import SiteVerifyReply
from tests.resilience.content import build_open_call

FIGURES = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[FIGURES] = []


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("resilience figures")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def figures(request):
    """``figures("...")`` records a line for the end-of-run summary (and prints it for -s)."""

    def record(line):
        line = f"{request.node.name}: {line}"
        print(line)
        request.config.stash[FIGURES].append(line)

    return record


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def open_call():
    return build_open_call()


@pytest.fixture
def site(live_server, open_call, settings):
    """The site served by a threaded server in this process: each request in its own thread
    with its own database connection, as under a real WSGI server. The load comes from one
    address, so the per-client limit is raised; every applicant has their own email."""
    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 100_000
    settings.APPLICATION_RATE_LIMIT_PER_EMAIL = 100
    return live_server.url, open_call.url


@pytest.fixture
def siteverify(monkeypatch):
    """Google's siteverify, replaced where our code would open the connection. ``answer`` is
    called with the request's parameters and returns the JSON reply or raises what urllib
    would; by default every token passes, as with Google's documented test keys."""
    stub = {"answer": lambda params: {"success": True, "hostname": "testkey.google.com"}}

    def fake_request(params):
        return SiteVerifyReply(stub["answer"](params))

    monkeypatch.setattr(recaptcha_client, "recaptcha_request", fake_request)
    return stub
