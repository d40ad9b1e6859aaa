import pytest
from django.test import Client

# The application tests' fixtures (the open call, its partner city, the stand-in for Google's
# reCAPTCHA service, a reviewer, applications made as the form would store them; private_media,
# autouse, keeps every CV in a temporary folder) and the stories' index.
from tests.applications.conftest import (  # noqa: F401
    call_page,
    make_application,
    private_media,
    reviewer,
    siteverify,
    valid_data,
    xian,
)
from tests.stories.conftest import news  # noqa: F401


@pytest.fixture
def no_rate_limit(settings):
    # Every hypothesis example sends an application; the limit is tested elsewhere.
    settings.APPLICATION_RATE_LIMIT_PER_CLIENT = 10**6
    settings.APPLICATION_RATE_LIMIT_PER_EMAIL = 10**6


@pytest.fixture
def visitor(db):
    """A client that turns an exception in a view into the 500 page a visitor would get, so a
    test sees the status (and ``exc_info``) instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def reviewer_visitor(request):
    client = Client(raise_request_exception=False)
    client.force_login(request.getfixturevalue("reviewer"))
    return client
