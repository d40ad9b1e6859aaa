"""The admin's door: django-axes lock-out, the login rate limit, passwords and session length."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from core.admin_access import SIGNED_IN_AT

PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("office", "office@example.org", PASSWORD)


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_that_username_from_that_address(staff, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "office", "wrong").status_code == 200  # the form again
    locked = log_in(client, "office", "wrong")
    assert locked.status_code == 429
    # Even the right password is refused during the cool-off...
    refused = log_in(client, "office", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but the same username from another address, and another username from this one,
    # are not locked: one pair is.
    assert log_in(Client(), "office", PASSWORD, address="198.51.100.9").status_code == 302
    attempt = AccessAttempt.objects.get(username="office")
    # The refused right password counted as one more failure.
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT + 1


def test_the_lock_out_page_explains_itself_in_the_readers_language(staff, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "office", "wrong")
    with translation.override("fa"):
        page = client.post(
            "/admin/login/",
            {"username": "office", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            headers={"accept-language": "fa"},
        )
    assert page.status_code == 429
    assert "ورود قفل شد" in page.content.decode()


def test_the_lock_out_ends_after_the_cool_off(staff, settings, time_machine):
    time_machine.move_to("2026-12-02 10:00:00+00:00", tick=False)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "office", "wrong")
    assert log_in(client, "office", PASSWORD).status_code == 429
    time_machine.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 1)
    assert log_in(client, "office", PASSWORD).status_code == 302


def test_the_login_page_is_rate_limited_per_address_whatever_the_usernames(staff, settings):
    settings.LOGIN_RATE_LIMIT = 6
    client = Client()
    # Many usernames, one wrong password each: no single pair reaches the axes limit.
    answers = [log_in(client, f"guess{n}", "wrong").status_code for n in range(8)]
    assert answers == [200] * 6 + [429] * 2
    limited = log_in(client, "office", PASSWORD)
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == str(settings.LOGIN_RATE_LIMIT_WINDOW)
    # Another address is not held up by this one.
    assert log_in(Client(), "office", PASSWORD, address="198.51.100.9").status_code == 302


def test_the_rate_limit_counts_the_address_behind_the_trusted_proxy(staff, settings):
    settings.LOGIN_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for n in range(3):
        answer = client.post(
            "/admin/login/",
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            headers={"x-forwarded-for": f"203.0.113.{n}"},
        )
        # Three different clients behind one proxy: none of them is over the limit.
        assert answer.status_code == 200


def test_passwords_must_be_long_and_not_common(django_user_model):
    for weak in ["short1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple")


def test_an_idle_session_ends_and_a_busy_one_ends_after_its_maximum(staff, settings, time_machine):
    time_machine.move_to("2026-12-02 08:00:00+00:00", tick=False)
    client = Client()
    assert log_in(client, "office", PASSWORD).status_code == 302
    assert client.session[SIGNED_IN_AT] == pytest.approx(time.time())
    # Active every hour: the idle limit never bites, the absolute one does.
    for _ in range(settings.ADMIN_SESSION_MAX_AGE // 3600):
        time_machine.shift(3600)
        assert client.get("/admin/").status_code == 200
    time_machine.shift(3601)
    assert client.get("/admin/").status_code == 302  # to the login page
    assert "_auth_user_id" not in client.session


def test_a_session_left_idle_past_its_age_needs_a_new_login(staff, settings, time_machine):
    time_machine.move_to("2026-12-02 08:00:00+00:00", tick=False)
    client = Client()
    log_in(client, "office", PASSWORD)
    # Wagtail's login makes it a browser-session cookie unless "remember me" is ticked; either
    # way the server forgets the session SESSION_COOKIE_AGE after its last request.
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    time_machine.shift(settings.SESSION_COOKIE_AGE - 60)
    assert client.get("/admin/").status_code == 200  # and this request renews it
    time_machine.shift(settings.SESSION_COOKIE_AGE + 1)
    assert client.get("/admin/").status_code == 302


def test_wagtails_front_end_login_is_rate_limited_too(staff, settings):
    settings.LOGIN_RATE_LIMIT = 2
    client = Client()
    answers = [
        client.post(
            "/_util/login/",
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
        ).status_code
        for n in range(3)
    ]
    assert answers[-1] == 429
    # ...and it shares the count with the admin's login.
    assert log_in(client, "office", PASSWORD).status_code == 429


def test_a_withdrawn_facilitators_name_leaves_the_cached_city_page(
    settings, reviewer, make_application, xian
):
    from django.urls import reverse

    from applications.pipeline import Status

    settings.PAGE_CACHE_ENABLED = True
    listed = make_application(
        Status.ACCEPTED, full_name="نگار فهرست‌شده", consent_public_listing=True
    )
    reader = Client()
    reader.get("/")  # creates the site's settings row, which rightly purges
    assert "نگار فهرست‌شده" in reader.get(xian.url).content.decode()
    assert reader.get(xian.url)["X-Page-Cache"] == "hit"
    office = Client()
    office.force_login(reviewer)
    office.post(reverse("applications_application:withdraw_listing", args=[listed.pk]))
    assert "نگار فهرست‌شده" not in reader.get(xian.url).content.decode()
