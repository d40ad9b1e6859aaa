import datetime
import json
import re
import zoneinfo

import pytest
from icalendar import Calendar

from partners.models import CulturalWeekPage, WeekStatus
from partners.programme import Schedule
from partners.timeline import timeline_for
from tests.factories import (
    CulturalWeekIndexPageFactory,
    ProgrammeCategoryFactory,
    cultural_week,
    partner_city,
)

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.UTC


def paris(day, hour, minute=0):
    return datetime.datetime(2019, 10, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def weeks_index():
    return CulturalWeekIndexPageFactory()


@pytest.fixture
def music():
    return ProgrammeCategoryFactory(name="موسیقی", slug="music")


@pytest.fixture
def film():
    return ProgrammeCategoryFactory(name="فیلم", slug="film")


@pytest.fixture
def paris_week(weeks_index, music, film):
    # Paris leaves summer time at 03:00 on Sunday 27 October 2019, in the middle of the week.
    return cultural_week(
        weeks_index,
        slug="paris",
        items=[
            (paris(27, 18), paris(27, 19), "آیین پایانی", music),  # CET, UTC+1
            (paris(21, 19, 30), paris(21, 21), "کنسرت", music),
            (paris(26, 18), paris(26, 19), "فیلم شنبه", film),  # CEST, UTC+2
            (paris(21, 10), paris(21, 18), "نمایشگاه", None),
            # 00:30 on the 23rd in Paris is 22:30 UTC on the 22nd: it belongs to the 23rd.
            (paris(23, 0, 30), None, "شب شعر", music),
        ],
    )


class TestStatus:
    @pytest.mark.parametrize(
        ("now", "zone", "status"),
        [
            # 15:30 UTC on the last day: still that day in London, already the next in Tokyo.
            (
                datetime.datetime(2025, 3, 16, 15, 30, tzinfo=UTC),
                "Europe/London",
                WeekStatus.ONGOING,
            ),
            (datetime.datetime(2025, 3, 16, 15, 30, tzinfo=UTC), "Asia/Tokyo", WeekStatus.PAST),
            # 20:00 UTC the evening before: already the first day in Tehran, not yet in New York.
            (datetime.datetime(2025, 3, 9, 20, 30, tzinfo=UTC), "Asia/Tehran", WeekStatus.ONGOING),
            (
                datetime.datetime(2025, 3, 9, 20, 30, tzinfo=UTC),
                "America/New_York",
                WeekStatus.UPCOMING,
            ),
        ],
    )
    def test_status_is_judged_in_the_host_time_zone(self, now, zone, status):
        week = CulturalWeekPage(
            start_date=datetime.date(2025, 3, 10),
            end_date=datetime.date(2025, 3, 16),
            time_zone=zone,
        )
        assert week.status(now) == status


class TestSchedule:
    def test_days_in_order_and_items_in_time_order(self, paris_week):
        schedule = Schedule(paris_week, paris_week.items(), {})
        assert [day.date.isoformat() for day in schedule.days] == [
            "2019-10-21",
            "2019-10-23",
            "2019-10-26",
            "2019-10-27",
        ]
        first = schedule.days[0]
        assert [entry.item.title for entry in first.items] == ["نمایشگاه", "کنسرت"]

    def test_times_are_local_across_the_dst_change(self, paris_week):
        schedule = Schedule(paris_week, paris_week.items(), {})
        by_title = {e.item.title: e for e in schedule.all_items}
        saturday, sunday = by_title["فیلم شنبه"], by_title["آیین پایانی"]
        assert saturday.iso_start == "2019-10-26T18:00:00+02:00"
        assert sunday.iso_start == "2019-10-27T18:00:00+01:00"
        # Both at six in the evening, Paris time, although an hour apart in UTC offset.
        assert saturday.time_range == sunday.time_range == "۱۸:۰۰–۱۹:۰۰"
        assert sunday.item.start.astimezone(UTC).hour == 17

    def test_a_late_item_belongs_to_its_local_day(self, paris_week):
        item = paris_week.programme_items.get(title="شب شعر")
        assert item.start.astimezone(UTC).date() == datetime.date(2019, 10, 22)
        schedule = Schedule(paris_week, paris_week.items(), {"day": "2019-10-23"})
        assert [e.item.title for day in schedule.days for e in day.items] == ["شب شعر"]
        assert not Schedule(paris_week, paris_week.items(), {"day": "2019-10-22"}).days

    def test_filters_by_day_and_category(self, paris_week):
        by_day = Schedule(paris_week, paris_week.items(), {"day": "2019-10-21"})
        assert [e.item.title for d in by_day.days for e in d.items] == ["نمایشگاه", "کنسرت"]
        by_category = Schedule(paris_week, paris_week.items(), {"category": "music"})
        assert {e.item.title for d in by_category.days for e in d.items} == {
            "کنسرت",
            "شب شعر",
            "آیین پایانی",
        }
        both = Schedule(paris_week, paris_week.items(), {"day": "2019-10-21", "category": "music"})
        assert [e.item.title for d in both.days for e in d.items] == ["کنسرت"]

    def test_unknown_filter_values_are_ignored(self, paris_week):
        schedule = Schedule(
            paris_week, paris_week.items(), {"day": "2030-01-01", "category": "<x>"}
        )
        assert not schedule.is_filtered
        assert sum(len(d.items) for d in schedule.days) == 5

    def test_now_and_next_while_the_week_is_on(self, paris_week):
        now = paris(21, 19, 45)
        schedule = Schedule(paris_week, paris_week.items(), {}, now=now)
        assert schedule.is_ongoing
        assert [e.item.title for e in schedule.now_on] == ["کنسرت"]
        assert [e.item.title for e in schedule.up_next] == ["شب شعر", "فیلم شنبه", "آیین پایانی"]
        after = Schedule(paris_week, paris_week.items(), {}, now=paris(28, 9))
        assert not after.is_ongoing


class TestPage:
    def test_schedule_page_in_persian(self, client, paris_week):
        html = client.get("/cultural-weeks/paris/").content.decode()
        assert '<html lang="fa" dir="rtl">' in html
        assert "Europe/Paris" in html
        assert '<time datetime="2019-10-27T18:00:00+01:00">۱۸:۰۰–۱۹:۰۰</time>' in html
        assert "یکشنبه ۵ آبان ۱۳۹۸" in html  # Sunday 27 October 2019, in Jalali
        assert 'href="/cultural-weeks/paris/calendar/"' in html

    def test_filtering_through_get_parameters(self, client, paris_week):
        html = client.get("/cultural-weeks/paris/?category=film").content.decode()
        items = re.findall(r'<h4 class="programme-item__title">([^<]+)</h4>', html)
        assert items == ["فیلم شنبه"]
        assert '<option value="film" selected>' in html

    def test_json_ld_event_series(self, client, paris_week):
        html = client.get("/cultural-weeks/paris/").content.decode()
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        data = json.loads(raw)
        assert data["@type"] == "EventSeries"
        assert data["startDate"] == "2019-10-21"
        assert len(data["subEvent"]) == 5
        closing = next(e for e in data["subEvent"] if e["name"] == "آیین پایانی")
        assert closing["@type"] == "Event"
        assert closing["startDate"] == "2019-10-27T18:00:00+01:00"
        assert closing["location"]["address"]["addressCountry"] == "FR"

    def test_index_groups_weeks_by_status(self, client, weeks_index):
        today = datetime.date.today()
        cultural_week(weeks_index, slug="old", title="گذشته")
        cultural_week(
            weeks_index,
            slug="soon",
            title="آینده",
            start_date=today + datetime.timedelta(days=30),
            end_date=today + datetime.timedelta(days=36),
        )
        cultural_week(
            weeks_index,
            slug="now",
            title="اکنون",
            time_zone="Asia/Tehran",
            start_date=today - datetime.timedelta(days=1),
            end_date=today + datetime.timedelta(days=1),
        )
        html = client.get("/cultural-weeks/").content.decode()
        positions = [html.index(f'id="weeks-{s}"') for s in ("ongoing", "upcoming", "past")]
        assert positions == sorted(positions)
        assert html.index("اکنون") < html.index("آینده") < html.index("گذشته")


class TestCalendar:
    def test_week_calendar_has_time_zones_and_stable_uids(self, client, paris_week):
        response = client.get("/cultural-weeks/paris/calendar/")
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        text = response.content.decode()
        assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Paris" in text
        assert "DTSTART;TZID=Europe/Paris:20191027T180000" in text
        calendar = Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert len(events) == 5
        closing = next(e for e in events if str(e["SUMMARY"]) == "آیین پایانی")
        assert closing.decoded("DTSTART") == paris(27, 18)
        assert closing.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)
        uids = {str(e["UID"]) for e in events}
        assert len(uids) == 5
        again = Calendar.from_ical(
            client.get("/cultural-weeks/paris/calendar/", headers={"host": "10.0.0.9"}).content
        )
        assert {str(e["UID"]) for e in again.walk("VEVENT")} == uids

    def test_item_calendar_has_the_same_uid_as_in_the_week(self, client, paris_week):
        item = paris_week.programme_items.get(title="کنسرت")
        week_events = Calendar.from_ical(client.get("/cultural-weeks/paris/calendar/").content)
        one = Calendar.from_ical(
            client.get(f"/cultural-weeks/paris/items/{item.pk}/calendar/").content
        )
        (event,) = one.walk("VEVENT")
        assert str(event["UID"]) in {str(e["UID"]) for e in week_events.walk("VEVENT")}
        assert one.walk("VTIMEZONE")
        assert client.get("/cultural-weeks/paris/items/999999/calendar/").status_code == 404

    def test_an_item_without_an_end_lasts_an_hour(self, client, paris_week):
        item = paris_week.programme_items.get(title="شب شعر")
        (event,) = Calendar.from_ical(
            client.get(f"/cultural-weeks/paris/items/{item.pk}/calendar/").content
        ).walk("VEVENT")
        assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=1)


def test_weeks_appear_on_their_host_citys_timeline(client, weeks_index, partner_index, en_locale):
    city = partner_city(partner_index, slug="xian", title="شیان", signed_on=None, exchanges=[])
    week = cultural_week(
        weeks_index, slug="xian-week", title="هفته در شیان", host_city=city, host_city_name=""
    )
    entries = timeline_for(city)
    assert [(e.title, e.source, e.url) for e in entries] == [
        ("هفته در شیان", "cultural-week", "/cultural-weeks/xian-week/")
    ]
    assert city.latest_event_on() == week.start_date
    html = client.get("/cultural-weeks/xian-week/").content.decode()
    assert '<a href="/partner-cities/xian/">شیان</a>' in html


def test_end_before_start_is_refused(weeks_index):
    from django.core.exceptions import ValidationError

    week = CulturalWeekPage(
        title="x",
        slug="bad",
        host_city_name="x",
        start_date=datetime.date(2025, 3, 10),
        end_date=datetime.date(2025, 3, 9),
    )
    with pytest.raises(ValidationError):
        week.clean()


def test_admin_reads_and_shows_programme_times_in_the_weeks_time_zone(
    client, moderator, weeks_index, music
):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(moderator)
    data = nested_form_data(
        {
            "title": "هفتهٔ شیان",
            "slug": "xian-admin",
            "host_city_name": "شیان",
            "host_country": "CN",
            "start_date": "2027-05-10",
            "end_date": "2027-05-16",
            "time_zone": "Asia/Shanghai",
            "summary": "",
            "venues": streamfield([]),
            "organisers": streamfield([]),
            "body": streamfield([]),
            "outcomes": streamfield([]),
            "programme_items": inline_formset(
                [
                    {
                        "title": "کنسرت",
                        "category": music.pk,
                        "start": "2027-05-12 19:30",
                        "end": "2027-05-12 21:00",
                        "venue": "",
                        "description": "",
                        "booking_url": "",
                    }
                ]
            ),
        }
    )
    data["action-publish"] = "1"
    url = reverse("wagtailadmin_pages:add", args=("partners", "culturalweekpage", weeks_index.pk))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    week = CulturalWeekPage.objects.get(slug="xian-admin")
    (item,) = week.programme_items.all()
    # Typed as 19:30 in Xi'an (UTC+8), whatever the server's or editor's zone (Tehran here).
    assert item.start == datetime.datetime(2027, 5, 12, 11, 30, tzinfo=UTC)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(week.pk,))).content.decode()
    assert 'value="2027-05-12 19:30"' in html

    # An item outside the week's days is refused.
    data["slug"] = "xian-admin-2"
    data["programme_items-0-start"] = "2027-06-01 10:00"
    data["programme_items-0-end"] = "2027-06-01 11:00"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not CulturalWeekPage.objects.filter(slug="xian-admin-2").exists()


def test_a_week_without_items_has_no_calendar(client, weeks_index):
    cultural_week(weeks_index, slug="empty")
    assert client.get("/cultural-weeks/empty/calendar/").status_code == 404
    html = client.get("/cultural-weeks/empty/").content.decode()
    assert "/cultural-weeks/empty/calendar/" not in html


def test_calendar_filename_with_a_persian_slug(client, weeks_index, music):
    cultural_week(
        weeks_index, slug="هفته-پاریس", items=[(paris(21, 19), paris(21, 20), "کنسرت", music)]
    )
    response = client.get("/cultural-weeks/هفته-پاریس/calendar/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


def test_overnight_items_say_when_they_end(paris_week):
    from partners.models import ProgrammeItem

    item = ProgrammeItem(
        week=paris_week, title="شب", start=paris(25, 22), end=paris(26, 1), locale=paris_week.locale
    )
    schedule = Schedule(paris_week, [item], {})
    assert schedule.all_items[0].time_range == "۲۲:۰۰–شنبه ۴ آبان ۱۳۹۸ ۰۱:۰۰"


def test_english_week_with_an_untranslated_host_shows_the_hosts_name(
    client, weeks_index, partner_index, en_locale, music
):
    city = partner_city(partner_index, slug="xian", title="شیان", signed_on=None, exchanges=[])
    week = cultural_week(
        weeks_index,
        slug="xian-week",
        title="هفته",
        host_city=city,
        host_city_name="",
        items=[(paris(21, 19), paris(21, 20), "کنسرت", music)],
    )
    weeks_index.copy_for_translation(en_locale).save_revision().publish()
    english = week.copy_for_translation(en_locale)
    english.title = "The week"
    english.save_revision().publish()
    html = client.get("/en/cultural-weeks/xian-week/").content.decode()
    # Not translated into English: the Persian name, and no link to a missing English page.
    assert "شیان" in html
    assert "/en/partner-cities/xian/" not in html


def test_past_weeks_are_listed_a_page_at_a_time(client, weeks_index, monkeypatch):
    from partners.models import weeks as weeks_module

    monkeypatch.setattr(weeks_module, "PAST_PER_PAGE", 2)
    today = datetime.date.today()
    for n in range(5):
        start = today - datetime.timedelta(days=100 + 10 * n)
        cultural_week(
            weeks_index,
            slug=f"past-{n}",
            title=f"هفتهٔ گذشته {n}",
            start_date=start,
            end_date=start + datetime.timedelta(days=6),
        )
    cultural_week(
        weeks_index,
        slug="soon",
        title="آینده",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=36),
    )

    def listed(query=""):
        html = client.get(f"/cultural-weeks/{query}").content.decode()
        return re.findall(r'href="/cultural-weeks/(past-\d|soon)/"', html), html

    first, html = listed()
    assert first == ["soon", "past-0", "past-1"]  # the coming week on every page
    nav = html.split('class="pagination"')[1].split("</nav>")[0]
    assert 'href="?page=2" rel="next"' in nav and "صفحهٔ ۱ از ۳" in nav
    assert listed("?page=2")[0] == ["soon", "past-2", "past-3"]
    assert listed("?page=3")[0] == ["soon", "past-4"]
    assert listed("?page=x")[0] == first
