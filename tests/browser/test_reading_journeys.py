"""A reader's journeys through the public site, in Persian and in English: partner cities from the
map and the list, a cultural week's programme, a story to a city and a search, the right-to-left
layout at phone width, and the keyboard on the partner map.

Names, titles and slugs come from the demo content (partners/demo.py, stories/demo_content.py),
so the journeys follow what ``seed_demo`` puts on the site.
"""

import re
from typing import NamedTuple

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from partners.demo import CITIES
from stories.demo_content import STORIES
from tests.browser.axe import axe_violations


class Language(NamedTuple):
    code: str
    name: str
    prefix: str
    dir: str
    # The interface's words in this language, as the reader sees them.
    other_languages: str
    main_menu: str
    partner_cities: str
    map_label: str
    search_label: str
    programme_form: str
    day: str
    category: str
    apply: str
    clear_filters: str
    add_to_calendar: str
    skip_link: str


FA = Language(
    code="fa",
    name="فارسی",
    prefix="",
    dir="rtl",
    other_languages="زبان‌های دیگر",
    main_menu="منوی اصلی",
    partner_cities="شهرهای همکار",
    map_label="نقشهٔ شهرهای همکار",
    search_label="جست‌وجو در تارنما",
    programme_form="صافی برنامه‌ها",
    day="روز",
    category="دسته",
    apply="اعمال",
    clear_filters="پاک کردن صافی‌ها",
    add_to_calendar="افزودن به تقویم",
    skip_link="رفتن به محتوای اصلی",
)
EN = Language(
    code="en",
    name="English",
    prefix="/en",
    dir="ltr",
    other_languages="Other languages",
    main_menu="Main menu",
    partner_cities="Partner cities",
    map_label="Map of partner cities",
    search_label="Search the site",
    programme_form="Filter the programme",
    day="Day",
    category="Category",
    apply="Apply",
    clear_filters="Clear filters",
    add_to_calendar="Add to calendar",
    skip_link="Skip to main content",
)
OTHER = {"fa": EN, "en": FA}
LANGUAGES = pytest.mark.parametrize("lang", [FA, EN], ids=["fa", "en"])

CITY = {city.slug: city for city in CITIES}
STORY = {story["slug"]: story for story in STORIES}
PARIS_WEEK = "/cultural-weeks/isfahan-in-paris/"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def city_name(slug, lang):
    return getattr(CITY[slug], lang.code)


def local_digits(number, lang):
    return str(number).translate(PERSIAN_DIGITS) if lang.code == "fa" else str(number)


def expect_page_language(page, lang):
    expect(page.locator("html")).to_have_attribute("lang", lang.code)
    expect(page.locator("html")).to_have_attribute("dir", lang.dir)


def expect_city_page(page, slug, lang):
    expect(page).to_have_url(re.compile(rf"^https?://[^/]+{lang.prefix}/partner-cities/{slug}/$"))
    expect_page_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_contain_text(city_name(slug, lang))


def switch_language(page, lang):
    """Follow the language switcher to the other language; returns that language."""
    other = OTHER[lang.code]
    switcher = page.get_by_role("navigation", name=lang.other_languages)
    switcher.get_by_role("link", name=other.name, exact=True).click()
    return other


def no_axe_violations(page):
    assert axe_violations(page) == []


# 1. Partner cities from the map and from the list, then the same city in the other language.


@LANGUAGES
def test_reader_opens_a_partner_city_from_the_map_and_the_list_and_switches_language(page, lang):
    page.goto(f"{lang.prefix}/")
    expect_page_language(page, lang)
    page.get_by_role("navigation", name=lang.main_menu).get_by_role(
        "link", name=lang.partner_cities, exact=True
    ).click()
    expect(page).to_have_url(re.compile(rf"{lang.prefix}/partner-cities/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(lang.partner_cities)

    # From the map: the marker is a button named after the city and its country.
    the_map = page.get_by_role("region", name=lang.map_label)
    the_map.get_by_role("button", name=f"{city_name('xian', lang)} (").click()
    popup = the_map.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    # Leaflet fades a popup in; axe measuring contrast halfway through sees a paler link.
    expect(popup).to_have_css("opacity", "1")
    no_axe_violations(page)
    popup.get_by_role("link", name=city_name("xian", lang), exact=True).click()
    expect_city_page(page, "xian", lang)

    other = switch_language(page, lang)
    expect_city_page(page, "xian", other)

    # From the list, separately: back on the index, the table's link to another city.
    page.goto(f"{lang.prefix}/partner-cities/")
    table = page.get_by_role("table", name=lang.partner_cities)
    table.get_by_role("link", name=city_name("kazan", lang), exact=True).click()
    expect_city_page(page, "kazan", lang)

    other = switch_language(page, lang)
    expect_city_page(page, "kazan", other)


# 2. A cultural week's programme: filter by day and by category, and one item's .ics.


def programme_items(page):
    """Every programme item on the page as (ISO day, category, title)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.programme-item')].map(item => [
            item.closest('.programme-day').querySelector('h3 time').getAttribute('datetime'),
            (item.querySelector('.tag') || {}).textContent || '',
            item.querySelector('.programme-item__title').textContent.trim(),
        ])"""
    )


def expect_count(status, number, lang):
    expect(status).to_have_text(re.compile(rf"^{local_digits(number, lang)}\s"))


def visible_titles(page):
    return sorted(page.locator(".programme-item__title").all_inner_texts())


def apply_programme_filters(page, lang, day=None, category=None):
    form = page.get_by_role("form", name=lang.programme_form)
    if day is not None:
        form.get_by_label(lang.day).select_option(day)
    if category is not None:
        form.get_by_label(lang.category).select_option(category)
    form.get_by_role("button", name=lang.apply).click()


@LANGUAGES
def test_reader_filters_the_paris_week_by_day_and_category_and_downloads_an_item(page, lang):
    page.goto(f"{lang.prefix}/cultural-weeks/")
    page.locator(f'main a[href="{lang.prefix}{PARIS_WEEK}"]').click()
    expect(page).to_have_url(re.compile(rf"{lang.prefix}{PARIS_WEEK}$"))
    expect_page_language(page, lang)

    everything = programme_items(page)
    assert len(everything) == 38
    status = page.get_by_role("status")
    expect_count(status, 38, lang)

    day = "2019-10-23"
    on_the_day = sorted(title for d, _, title in everything if d == day)
    apply_programme_filters(page, lang, day=day)
    expect(page).to_have_url(re.compile(rf"[?&]day={day}(&|#|$)"))
    expect_count(status, len(on_the_day), lang)
    assert visible_titles(page) == on_the_day
    assert {d for d, _, _ in programme_items(page)} == {day}
    form = page.get_by_role("form", name=lang.programme_form)
    expect(form.get_by_label(lang.day)).to_have_value(day)

    # The category is one of that day's; its label is what the reader sees on the items.
    category_label = next(c for d, c, _ in everything if d == day and c)
    category = form.get_by_label(lang.category).locator("option", has_text=category_label)
    category_slug = category.get_attribute("value")
    apply_programme_filters(page, lang, category=category_slug)
    expect(page).to_have_url(re.compile(rf"day={day}.*category={category_slug}"))
    matching = sorted(t for d, c, t in everything if d == day and c == category_label)
    assert matching
    expect_count(status, len(matching), lang)
    assert visible_titles(page) == matching
    expect(form.get_by_label(lang.day)).to_have_value(day)
    expect(form.get_by_label(lang.category)).to_have_value(category_slug)
    no_axe_violations(page)

    # The category alone, over the whole week.
    apply_programme_filters(page, lang, day="")
    expect(page).not_to_have_url(re.compile(rf"day={day}"))
    in_category = sorted(t for _, c, t in everything if c == category_label)
    expect_count(status, len(in_category), lang)
    assert visible_titles(page) == in_category
    assert {c for _, c, _ in programme_items(page)} == {category_label}

    # One item into the reader's calendar: an event with its title, on its day.
    day, _, title = next(item for item in sorted(everything) if item[1] == category_label)
    item = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )
    with page.expect_download() as download_info:
        item.first.get_by_role("link", name=lang.add_to_calendar).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as ics:
        calendar = Calendar.from_ical(ics.read())
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [title]
    assert events[0].decoded("DTSTART").date().isoformat() == day

    page.get_by_role("link", name=lang.clear_filters).click()
    expect_count(status, 38, lang)
    expect(form.get_by_label(lang.category)).to_have_value("")


# 3. A story, its partner city, then a search with the Arabic spelling of a city's name.

SEARCHES = {
    # Persian readers often type with an Arabic keyboard layout: Arabic yeh (ي) and kaf (ك)
    # must find the Persian ی and ک. English has no such letters; a name without its
    # diacritics is its nearest counterpart.
    "fa": [("ياش", "iasi"), ("كازان", "kazan")],
    "en": [("Iasi", "iasi")],
}


@LANGUAGES
def test_reader_follows_a_story_to_its_city_and_finds_a_city_with_another_spelling(page, lang):
    story = STORY["romanian-ambassador-visit-2022"]
    page.goto(f"{lang.prefix}/news/{story['slug']}/")
    expect_page_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(story[lang.code]["title"])
    about = page.locator(".story__about div").filter(
        has=page.get_by_text(lang.partner_cities, exact=True)
    )
    about.get_by_role("link", name=city_name("iasi", lang), exact=True).click()
    expect_city_page(page, "iasi", lang)

    for query, slug in SEARCHES[lang.code]:
        box = page.get_by_role("banner").get_by_label(lang.search_label)
        box.fill(query)
        box.press("Enter")
        expect(page).to_have_url(re.compile(rf"{lang.prefix}/search/\?q="))
        expect_page_language(page, lang)
        results = page.get_by_role("main").get_by_role("list")
        result = results.get_by_role("link", name=city_name(slug, lang), exact=True)
        expect(result).to_have_attribute("href", f"{lang.prefix}/partner-cities/{slug}/")
    no_axe_violations(page)
    result.click()
    expect_city_page(page, slug, lang)


# 4. Direction: right to left in Persian, left to right in English, at phone width.


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@LANGUAGES
@pytest.mark.parametrize("path", ["/", "/partner-cities/", "/partner-cities/xian/"])
def test_layout_follows_the_language_direction_at_phone_width(page, lang, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{lang.prefix}{path}")
    expect_page_language(page, lang)

    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal scroll: {widths[0]} px content in {widths[1]} px"

    width = widths[1]
    logo = box(page, ".site-header__logo")
    first_link = box(page, ".site-nav li:first-child a")
    if lang.dir == "rtl":
        # Starts on the right: within the header's padding of the right edge.
        assert width - (logo["x"] + logo["width"]) <= 24, logo
        assert width - (first_link["x"] + first_link["width"]) <= 24, first_link
    else:
        assert logo["x"] <= 24, logo
        assert first_link["x"] <= 24, first_link

    # The link to the other language names it in its own language and direction.
    other = OTHER[lang.code]
    link = page.get_by_role("navigation", name=lang.other_languages).get_by_role("link")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("hreflang", other.code)
    expect(link).to_have_attribute("href", f"{other.prefix}{path}")
    assert link.evaluate("a => a.closest('[lang]').getAttribute('lang')") == other.code
    assert link.evaluate("a => getComputedStyle(a).direction") == other.dir
    # And the head tells search engines the same.
    for language in (FA, EN):
        alternate = page.locator(f'head link[rel="alternate"][hreflang="{language.code}"]')
        expect(alternate).to_have_attribute(
            "href", re.compile(rf"^https?://[^/]+{language.prefix}{path}$")
        )


# 5. The keyboard on the partner map.

RECORD_FOCUS = """() => {
  window.focusStops = [];
  document.addEventListener('focusin', event => {
    const e = event.target;
    const style = getComputedStyle(e);
    const rect = e.getBoundingClientRect();
    const transparent = c => c === 'transparent' || /, 0\\)$/.test(c);
    window.focusStops.push({
      place: e.classList.contains('skip-link') ? 'skip'
        : e.closest('.site-header') ? 'header'
        : e.closest('main') ? 'main'
        : e.closest('.site-footer') ? 'footer' : e.tagName.toLowerCase(),
      kind: e.classList.contains('leaflet-marker-icon') ? 'marker'
        : e.closest('.partner-table') ? 'list' : e.tagName.toLowerCase(),
      name: (e.getAttribute('aria-label') || e.getAttribute('alt') || e.textContent).trim(),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        && !transparent(style.outlineColor),
      shadow: style.boxShadow !== 'none',
      focusVisible: e.matches(':focus-visible'),
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
        && rect.top < innerHeight && rect.left < innerWidth,
    });
  });
}"""


def tab_through(page, limit=200):
    """Every element focused by Tab from the top of the page, until focus comes round again."""
    page.evaluate(RECORD_FOCUS)
    for _ in range(0, limit, 10):
        for _ in range(10):
            page.keyboard.press("Tab")
        stops = page.evaluate("window.focusStops")
        places = [stop["place"] for stop in stops]
        if places.count("skip") > 1:
            return stops[: places.index("skip", 1)]
    pytest.fail(f"Tab never came back to the skip link after {limit} presses")


@LANGUAGES
def test_keyboard_reaches_the_partner_map_in_order_with_visible_focus(page, lang):
    page.goto(f"{lang.prefix}/partner-cities/")
    markers = page.get_by_role("region", name=lang.map_label).locator(".leaflet-marker-icon")
    expect(markers).to_have_count(len(CITIES))

    stops = tab_through(page)

    hidden = [s for s in stops if not (s["outline"] or s["shadow"]) or not s["onScreen"]]
    assert hidden == [], "focus not visible on these elements"
    assert all(s["focusVisible"] for s in stops)

    places = [s["place"] for s in stops]
    assert places[0] == "skip"
    assert stops[0]["name"] == lang.skip_link
    order = ["skip", "header", "main", "footer"]
    assert set(places) <= set(order), places
    assert [order.index(p) for p in places] == sorted(order.index(p) for p in places), places

    # Every city is reachable twice in main: first its link in the list, then its marker on the
    # map (the list comes first on purpose: see partner_index_page.html).
    kinds = [s["kind"] for s in stops]
    cities = sorted(city_name(c.slug, lang) for c in CITIES)
    assert sorted(s["name"] for s in stops if s["kind"] == "list") == cities
    assert len([k for k in kinds if k == "marker"]) == len(CITIES)
    assert max(i for i, k in enumerate(kinds) if k == "list") < kinds.index("marker")

    # Enter on a marker opens its popup with the focus on the city's link; Escape goes back.
    marker = page.get_by_role("button", name=f"{city_name('xian', lang)} (")
    marker.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup").get_by_role("link", name=city_name("xian", lang))
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(link).to_be_hidden()
    expect(marker).to_be_focused()
    # The popup's close button, after its link, also takes the focus back to the marker.
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".leaflet-popup-close-button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(link).to_be_hidden()
    expect(marker).to_be_focused()
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect_city_page(page, "xian", lang)

    # The skip link takes keyboard users past the header.
    page.goto(f"{lang.prefix}/partner-cities/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
