"""The admin's door: how long a signed-in session lasts, and how often the login may be tried.

django-axes locks out one username from one address after repeated wrong passwords. That does
not stop one address trying many usernames, so the login page also counts every attempt per
client in the cache (Redis in production, shared by all app servers) and answers 429 past
``LOGIN_RATE_LIMIT`` attempts in ``LOGIN_RATE_LIMIT_WINDOW`` seconds.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.cache import cache
from django.shortcuts import render
from django.urls import Resolver404, resolve

from core.clients import client_hash

logger = logging.getLogger(__name__)

SIGNED_IN_AT = "signed_in_at"
# Every view that checks a password or sends a reset email: the admin's, and Wagtail's front-end
# login (for private pages), which signs into the same session.
LOGIN_VIEWS = {"wagtailadmin_login", "wagtailadmin_password_reset", "wagtailcore_login"}


def _is_login(request):
    try:
        return resolve(request.path_info).url_name in LOGIN_VIEWS
    except Resolver404:
        return False


def stamp_sign_in(sender, request, user, **kwargs):
    """user_logged_in: the session's age is counted from here."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


class AdminSessionMiddleware:
    """Ends a signed-in session ``ADMIN_SESSION_MAX_AGE`` seconds after it began, however
    active it was; ``SESSION_COOKIE_AGE`` with ``SESSION_SAVE_EVERY_REQUEST`` ends an idle one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            if now - signed_in_at > settings.ADMIN_SESSION_MAX_AGE:
                logout(request)
        return self.get_response(request)


class LoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and _is_login(request):
            window = settings.LOGIN_RATE_LIMIT_WINDOW
            if self._attempts(request, window) > settings.LOGIN_RATE_LIMIT:
                response = render(request, "core/too_many_attempts.html", status=429)
                response["Retry-After"] = str(window)
                response["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)

    @staticmethod
    def _attempts(request, window):
        key = f"login-attempts:{client_hash(request)}:{int(time.time() // window)}"
        try:
            cache.add(key, 0, timeout=window)
            return cache.incr(key)
        except ValueError:  # the key expired between add and incr
            return 1
        except Exception:
            # The cache server is down: django-axes (in the database) still locks out guessers.
            logger.exception("The login rate limit could not be counted")
            return 0
