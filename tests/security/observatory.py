"""The Mozilla HTTP Observatory's scoring rubric, applied to one response.

Written from the Observatory's published methodology (httpobs/docs/scoring.md, 2018 revision):
every site starts at 100; each test adds a modifier; bonuses count only when the score without
them is 90 or more; 100 and above is A+. Tests that need a second request (the http → https
redirection) take it as an argument. The checks are ours and stricter where the rubric is vague
(a cookie counts as a session cookie when it is Django's session cookie or has no expiry).
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

SIX_MONTHS = 15768000
PRIVATE_REFERRER = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER = {"origin", "origin-when-cross-origin", "unsafe-url"}
KNOWN_REFERRER = PRIVATE_REFERRER | UNSAFE_REFERRER | {"no-referrer-when-downgrade"}


@dataclass
class Grade:
    modifiers: dict = field(default_factory=dict)  # test name → (result, modifier)

    def add(self, test, result, modifier):
        self.modifiers[test] = (result, modifier)

    @property
    def penalties(self):
        return {test: found for test, found in self.modifiers.items() if found[1] < 0}

    @property
    def score(self):
        base = 100 + sum(m for _, m in self.modifiers.values() if m < 0)
        if base >= 90:
            base += sum(m for _, m in self.modifiers.values() if m > 0)
        return max(base, 0)

    @property
    def letter(self):
        for floor, letter in [
            (100, "A+"),
            (90, "A"),
            (85, "A-"),
            (80, "B+"),
            (70, "B"),
            (65, "B-"),
            (60, "C+"),
            (50, "C"),
            (45, "C-"),
            (40, "D+"),
            (30, "D"),
            (25, "D-"),
        ]:
            if self.score >= floor:
                return letter
        return "F"


def parse_csp(header):
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            name = words[0].lower()
            if name in policy or not re.fullmatch(r"[a-z-]+", name):
                raise ValueError(f"bad CSP directive {name!r}")
            policy[name] = [word.lower() for word in words[1:]]
    return policy


def _csp(grade, response):
    header = response.headers.get("Content-Security-Policy")
    if not header:
        grade.add("content-security-policy", "csp-not-implemented", -25)
        return None
    try:
        policy = parse_csp(header)
    except ValueError:
        grade.add("content-security-policy", "csp-header-invalid", -25)
        return None
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    style = policy.get("style-src", default)
    broad = {"*", "https:", "http:", "data:", "'unsafe-inline'"}
    if (
        script is None
        or objects is None
        or broad & set(script)
        or {"*", "https:", "http:"} & set(objects)
    ):
        grade.add("content-security-policy", "csp-implemented-with-unsafe-inline", -20)
    elif any("'unsafe-eval'" in sources for sources in policy.values()):
        grade.add("content-security-policy", "csp-implemented-with-unsafe-eval", -10)
    elif any(
        source == "http:" or source.startswith("http://")
        for name, sources in policy.items()
        if name not in ("img-src", "media-src")
        for source in sources
    ):
        grade.add("content-security-policy", "csp-implemented-with-insecure-scheme", -20)
    elif any(
        source == "http:" or source.startswith("http://")
        for name in ("img-src", "media-src")
        for source in policy.get(name, [])
    ):
        grade.add(
            "content-security-policy",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        )
    elif style is not None and {"'unsafe-inline'", "data:", "https:", "*"} & set(style):
        grade.add(
            "content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0
        )
    elif default == ["'none'"]:
        grade.add("content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10)
    else:
        grade.add("content-security-policy", "csp-implemented-with-no-unsafe", 5)
    return policy


def _cookies(grade, response, hsts, session_cookie_name):
    cookies = response.cookies  # Django keeps Set-Cookie apart from the other headers
    if not cookies:
        grade.add("cookies", "cookies-not-found", 0)
        return
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for name, morsel in cookies.items():
        if morsel["max-age"] == 0 or morsel["expires"].startswith("Thu, 01 Jan 1970"):
            continue  # a deletion
        session = name == session_cookie_name or not (morsel["max-age"] or morsel["expires"])
        samesite = str(morsel["samesite"]).lower()
        found = None
        if not morsel["secure"]:
            if session:
                found = (
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if hsts
                    else ("cookies-session-without-secure-flag", -40)
                )
            else:
                found = (
                    ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                    if hsts
                    else ("cookies-without-secure-flag", -20)
                )
        elif session and not morsel["httponly"]:
            found = ("cookies-session-without-httponly-flag", -30)
        elif samesite and samesite not in ("strict", "lax"):
            found = ("cookies-samesite-flag-invalid", -20)
        elif "csrf" in name.lower() and not samesite:
            found = ("cookies-anticsrf-without-samesite-flag", -20)
        elif not samesite:
            found = ("cookies-secure-with-httponly-sessions", 0)
        if found and found[1] < worst[1]:
            worst = found
    grade.add("cookies", *worst)


def _cors(grade, response):
    allowed = response.headers.get("Access-Control-Allow-Origin")
    if allowed is None:
        grade.add(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0
        )
    elif (
        allowed.strip() == "*"
        and response.headers.get("Access-Control-Allow-Credentials") == "true"
    ):
        grade.add(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        )
    else:
        grade.add(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
        )


def _redirection(grade, http_response, host):
    if http_response is None:
        return
    location = http_response.headers.get("Location", "")
    target = urlsplit(location)
    if http_response.status_code not in (301, 302, 307, 308):
        grade.add("redirection", "redirection-missing", -20)
    elif target.scheme != "https":
        grade.add("redirection", "redirection-not-to-https", -20)
    elif target.hostname != host:
        grade.add("redirection", "redirection-off-host-from-http", -5)
    else:
        grade.add("redirection", "redirection-to-https", 0)


def _referrer(grade, response):
    header = response.headers.get("Referrer-Policy")
    if header is None:
        grade.add("referrer-policy", "referrer-policy-not-implemented", 0)
        return
    values = [value.strip().lower() for value in header.split(",") if value.strip()]
    if not values or any(value not in KNOWN_REFERRER for value in values):
        grade.add("referrer-policy", "referrer-policy-header-invalid", -5)
    elif values[-1] in PRIVATE_REFERRER:  # browsers apply the last one they understand
        grade.add("referrer-policy", "referrer-policy-private", 5)
    elif values[-1] in UNSAFE_REFERRER:
        grade.add("referrer-policy", "referrer-policy-unsafe", -5)
    else:
        grade.add("referrer-policy", "referrer-policy-no-referrer-when-downgrade", 0)


def _hsts(grade, response):
    header = response.headers.get("Strict-Transport-Security")
    if header is None:
        grade.add("strict-transport-security", "hsts-not-implemented", -20)
        return
    match = re.search(r"max-age=(\d+)", header, re.IGNORECASE)
    if not match:
        grade.add("strict-transport-security", "hsts-header-invalid", -20)
    elif int(match.group(1)) < SIX_MONTHS:
        grade.add("strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10)
    else:
        # "hsts-preloaded" (+5) needs the domain on browsers' preload list: not ours to grant.
        grade.add("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0)


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []  # (src or None, integrity or None, type)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attrs = dict(attrs)
            self.scripts.append((attrs.get("src"), attrs.get("integrity"), attrs.get("type", "")))


def _sri(grade, response, host):
    if "html" not in response.headers.get("Content-Type", ""):
        grade.add("subresource-integrity", "sri-not-implemented-response-not-html", 0)
        return
    parser = _Scripts()
    parser.feed(response.content.decode())
    sources = [(src, integrity) for src, integrity, _ in parser.scripts if src]
    if not sources:
        grade.add("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
        return
    external = [
        (urlsplit(src), integrity)
        for src, integrity in sources
        if urlsplit(src).netloc not in ("", host)
    ]
    if any(url.scheme != "https" and not integrity for url, integrity in external):
        grade.add(
            "subresource-integrity",
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50,
        )
    elif any(not integrity for _, integrity in external):
        grade.add(
            "subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5
        )
    elif all(integrity for _, integrity in sources):
        grade.add("subresource-integrity", "sri-implemented-and-all-scripts-loaded-securely", 5)
    else:
        grade.add(
            "subresource-integrity",
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        )


def _nosniff(grade, response):
    header = response.headers.get("X-Content-Type-Options")
    if header is None:
        grade.add("x-content-type-options", "x-content-type-options-not-implemented", -5)
    elif header.strip().lower() != "nosniff":
        grade.add("x-content-type-options", "x-content-type-options-header-invalid", -5)
    else:
        grade.add("x-content-type-options", "x-content-type-options-nosniff", 0)


def _frames(grade, response, policy):
    if policy and "frame-ancestors" in policy:
        grade.add("x-frame-options", "x-frame-options-implemented-via-csp", 5)
        return
    header = (response.headers.get("X-Frame-Options") or "").strip().upper()
    if header in ("DENY", "SAMEORIGIN"):
        grade.add("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    elif not header:
        grade.add("x-frame-options", "x-frame-options-not-implemented", -20)
    else:
        grade.add("x-frame-options", "x-frame-options-header-invalid", -20)


def _xss(grade, response):
    strong_csp = grade.modifiers["content-security-policy"][1] > 0
    header = response.headers.get("X-XSS-Protection")
    if strong_csp and header is None:
        grade.add("x-xss-protection", "x-xss-protection-not-needed-due-to-csp", 0)
    elif header is None:
        grade.add("x-xss-protection", "x-xss-protection-not-implemented", -10)
    elif header.strip().startswith("0"):
        grade.add("x-xss-protection", "x-xss-protection-disabled", -10)
    else:
        grade.add("x-xss-protection", "x-xss-protection-enabled", 0)


def grade(response, *, host, http_response=None, session_cookie_name="sessionid"):
    """Grade one https response; ``http_response`` is the answer to the same URL over http."""
    result = Grade()
    policy = _csp(result, response)
    hsts = "Strict-Transport-Security" in response.headers
    _cookies(result, response, hsts, session_cookie_name)
    _cors(result, response)
    _redirection(result, http_response, host)
    _referrer(result, response)
    _hsts(result, response)
    _sri(result, response, host)
    _nosniff(result, response)
    _frames(result, response, policy)
    _xss(result, response)
    return result
