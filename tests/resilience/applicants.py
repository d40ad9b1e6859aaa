"""Applicants over real HTTP, doing what a browser does with the form: fetch it (keeping the CSRF
cookie, the CSRF field and the form's own submission token), fill it in, attach a CV, send it,
and read the reference number off the confirmation page it is redirected to.

A reference counts as *acknowledged* only when the confirmation page showed it: that page is the
promise the site makes to the applicant, and the tests hold the database to it.
"""

import hashlib
import io
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

# Long enough for a request queued behind a restarting database; short enough that a hung
# server fails the test instead of stalling the run.
TIMEOUT = 30
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class NotAcknowledged(Exception):
    """The site answered without showing a confirmation (an error page, a refused form, a
    dropped connection)."""


@dataclass
class FormPage:
    """What one showing of the form gives the applicant to send back."""

    cookies: dict
    hidden: dict
    cities: list
    fields: list


@dataclass
class Submission:
    """One applicant's application as they sent it, and what the site showed them."""

    number: int
    email: str
    token: str = ""
    cv_sha256: str | None = None
    reference: str | None = None
    attempts: int = 0
    errors: list = field(default_factory=list)
    # When each failed attempt began (time.monotonic()), to tell an outage from a slow recovery.
    failed_attempts_began: list = field(default_factory=list)


def cv_upload(number):
    """A small CV unique to applicant ``number``: two in three send one, alternately a PDF and
    a DOCX; every third sends none. Unique bytes let the stored file be matched to its sender."""
    if number % 3 == 2:
        return None
    if number % 2:
        body = f"%PDF-1.4\n% CV of applicant {number}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        return f"cv-{number}.pdf", body.encode(), PDF_TYPE
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document>applicant {number}</w:document>")
    return f"cv-{number}.docx", buffer.getvalue(), DOCX_TYPE


def answers(number, email, form):
    return {
        "full_name": f"متقاضی آزمون {number}",
        "email": email,
        "phone": f"0912{number % 10_000_000:07d}",
        "city_of_residence": "اصفهان",
        "country_of_residence": "IR",
        "category": "professor",
        "organisation": "دانشگاه نمونه",
        "role": "استاد",
        "languages_spoken": "فارسی، انگلیسی",
        "partner_cities": form.cities[:1],
        "contacts_description": f"همکاران دانشگاهی، متقاضی {number}",
        "fields_of_cooperation": form.fields[:1],
        "proposal": "برگزاری نشست مشترک",
        "accept_privacy": "on",
        # The v2 checkbox's answer; Google's side of it is stubbed or unreachable in tests.
        "g-recaptcha-response": f"token-{number}",
        "website": "",
        **form.hidden,
    }


class _FormReader(HTMLParser):
    """The inputs of the application form. A plain parser rather than a soup: twenty clients
    parse hundreds of pages, and the test server shares this process's interpreter."""

    def __init__(self):
        super().__init__()
        self.found = False
        self.inside = False
        self.inputs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "application-form" in (attrs.get("class") or "").split():
            self.found = self.inside = True
        elif tag == "input" and self.inside:
            self.inputs.append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


class _ReferenceReader(HTMLParser):
    """The reference number on the confirmation page: the ``<strong>`` in ``.reference``."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.strong = False
        self.reference = None

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
            self.strong = self.strong or tag == "strong"
        elif "reference" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "strong":
                self.strong = False

    def handle_data(self, data):
        if self.strong and self.reference is None:
            self.reference = data.strip()


class Applicant:
    def __init__(self, base_url, form_path):
        self.base_url = base_url.rstrip("/")
        self.form_url = self.base_url + form_path

    def open_form(self) -> FormPage:
        try:
            response = requests.get(self.form_url, timeout=TIMEOUT)
        except requests.RequestException as error:
            raise NotAcknowledged(f"form: {type(error).__name__}") from error
        if response.status_code != 200:
            raise NotAcknowledged(f"form: HTTP {response.status_code}")
        reader = _FormReader()
        reader.feed(response.text)
        if not reader.found:
            raise NotAcknowledged("form: no application form on the page")

        def values(name):
            return [box.get("value", "") for box in reader.inputs if box.get("name") == name]

        return FormPage(
            # Passed on by hand: a cookie jar would withhold a Secure cookie from this
            # plain-HTTP server, where a browser on the real (HTTPS) site would send it.
            cookies=dict(response.cookies),
            hidden={
                box["name"]: box.get("value", "")
                for box in reader.inputs
                if box.get("type") == "hidden" and box.get("name")
            },
            cities=values("partner_cities"),
            fields=values("fields_of_cooperation"),
        )

    def send(self, form: FormPage, data: dict, cv=None) -> str:
        """POST the form; return the reference the confirmation page shows."""
        files = {"cv": cv} if cv else None
        try:
            response = requests.post(
                self.form_url,
                data=data,
                files=files,
                cookies=form.cookies,
                allow_redirects=False,
                timeout=TIMEOUT,
            )
            if response.status_code != 302:
                raise NotAcknowledged(f"send: HTTP {response.status_code}")
            confirmation = requests.get(
                urljoin(self.form_url, response.headers["Location"]), timeout=TIMEOUT
            )
        except requests.RequestException as error:
            raise NotAcknowledged(f"send: {type(error).__name__}") from error
        if confirmation.status_code != 200:
            raise NotAcknowledged(f"confirmation: HTTP {confirmation.status_code}")
        reader = _ReferenceReader()
        reader.feed(confirmation.text)
        if not reader.reference:
            raise NotAcknowledged("confirmation: no reference on the page")
        return reader.reference

    def apply(self, number, *, retries=0, pause=0.5) -> Submission:
        """Apply once as applicant ``number``. After an error, wait ``pause`` seconds and try
        again, up to ``retries`` times, sending the same form (its token) as a browser's back
        and resend does; a new form only if the form itself could not be shown."""
        submission = Submission(number=number, email=f"applicant-{number}@example.org")
        cv = cv_upload(number)
        if cv:
            submission.cv_sha256 = hashlib.sha256(cv[1]).hexdigest()
        form = None
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(pause)
            submission.attempts += 1
            began = time.monotonic()
            try:
                if form is None:
                    form = self.open_form()
                    submission.token = form.hidden["submission_token"]
                submission.reference = self.send(form, answers(number, submission.email, form), cv)
                return submission
            except NotAcknowledged as error:
                submission.errors.append(str(error))
                submission.failed_attempts_began.append(began)
                if str(error).startswith("form:"):
                    form = None
        return submission


def apply_concurrently(applicant, numbers, *, clients, **options) -> list[Submission]:
    """Every number applies once, ``clients`` at a time."""
    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(lambda number: applicant.apply(number, **options), numbers))
