"""Content-Security-Policy: one strict policy for the public site, a relaxed one for the admin.

django-csp 4 builds the header; this decides which policy a response gets. Public pages load
scripts, styles and fonts from the site itself only, with no inline code, so they carry no
nonce and stay cacheable. Wagtail's admin does not run under that policy (inline scripts and
styles, the preview pane framing the site), so paths under ``ADMIN_PATH_PREFIXES`` get
``ADMIN_CONTENT_SECURITY_POLICY``. A view that needs a third-party service on one page (the
application form and reCAPTCHA) adds only those sources to that page with `allow_recaptcha`.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def is_admin_path(path):
    return path.startswith(tuple(settings.ADMIN_PATH_PREFIXES))


def allow_recaptcha(response):
    """Let this one response load Google's reCAPTCHA script and frame, nothing more."""
    domain = settings.RECAPTCHA_DOMAIN
    sources = {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
        "connect-src": [f"https://{domain}/recaptcha/"],
    }
    existing = getattr(response, "_csp_update", None) or {}
    response._csp_update = {**existing, **sources}
    return response


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
