"""The admin's door: how long a signed-in session lasts, and how often the login may be tried.

django-axes locks out one username from one address after repeated wrong passwords. That does
not stop one address trying many usernames, so the login page also counts every attempt per
client in the cache (Redis in production, shared by all app servers) and answers 429 past
``LOGIN_RATE_LIMIT`` attempts in ``LOGIN_RATE_LIMIT_WINDOW`` seconds.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.cache import cache
from django.shortcuts import render

from core.clients import client_hash

SIGNED_IN_AT = "signed_in_at"
LOGIN_PATHS = ("/admin/login/", "/admin/password_reset/")


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
        if request.method == "POST" and request.path_info.startswith(LOGIN_PATHS):
            window = settings.LOGIN_RATE_LIMIT_WINDOW
            key = f"login-attempts:{client_hash(request)}:{int(time.time() // window)}"
            cache.add(key, 0, timeout=window)
            try:
                attempts = cache.incr(key)
            except ValueError:  # the key expired between add and incr
                attempts = 1
            if attempts > settings.LOGIN_RATE_LIMIT:
                response = render(request, "core/too_many_attempts.html", status=429)
                response["Retry-After"] = str(window)
                response["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)
