"""Wagtail's front-end URLs, with its page view replaced by ``core.views.serve``, which finds the
page in a fixed number of queries (core/routing.py)."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from core import views

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]
