"""Nobody but a reviewer reaches the office's application views.

Wagtail answers a signed-in user without permission with a redirect to the dashboard, and an
anonymous visitor with a redirect to the login page. Under ``/admin/applications/`` (the
applications, their CVs and the facilitator pools) anyone who may not see applications gets the
site's plain 404 instead, before any view runs: the same answer whoever asks and whatever the
id, for an application that exists or not. For a signed-out visitor that 404 page offers the
sign-in page (site/templates/404.html), so a reviewer whose session ended gets back to where
they were.
"""

from django.http import Http404
from django.urls import reverse

from applications.admin_views import may_see_applications


class ReviewersOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            # Worked out once, from the URL configuration: /admin/applications/ by default.
            self.prefix = reverse("applications_application:index").rsplit("application/", 1)[0]
        # request.path, like reverse(), includes the prefix the site is served under.
        if request.path.startswith(self.prefix) and not may_see_applications(request.user):
            raise Http404
        return self.get_response(request)
