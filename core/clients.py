"""Who is asking: the client's address as the site can trust it, and a keyed hash of it.

Shared by the application form's rate limit, the admin login's lock-out (django-axes) and the
login rate limit, so that all three agree on the address behind the same proxies.
"""

import hashlib
import hmac

from django.conf import settings


def client_address(request) -> str:
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (each appending the
    address it saw to X-Forwarded-For), it is that many entries from the right; anything further
    left was written by the client and is not believed."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request) -> str:
    """A keyed hash of the client's address: enough to count, useless to anyone else."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()
