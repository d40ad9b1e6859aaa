"""The editorial journey in the real admin: an editor writes a Persian story and submits it to the
"Moderators approval" workflow, translates it to English in wagtail-localize's translation editor,
and a moderator approves the story and publishes its translation; both URLs then serve it.

The admin speaks Persian to these users (the site's default language), so controls are found by
their names, URLs and roles rather than by their labels wherever Wagtail gives them one.

wagtail-localize (1.14) has no workflow action in its translation editor: a user who may not
publish sees no way to hand a translation in for moderation, and the translated strings only reach
the page when someone who may publish clicks "Publish" there. So the editor's part of the English
page ends with translated strings, and the moderator publishes it from the translation editor.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot_if_failed

SAVE = re.compile(r"^(Save|ذخیره)$")
TRANSLATE = re.compile(r"^(Translate|ترجمه)$")


def _page_id(url):
    return int(re.search(r"/admin/pages/(\d+)/edit/", url).group(1))


def _open_add_child_form(page, index_url):
    """From a public index page, through the Wagtail userbar, to the form for a new child page
    (the index allows only stories, so Wagtail goes straight to the story form)."""
    page.goto(index_url)
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#wagtail-userbar-items a[href$='/add_subpage/']").click()
    page.wait_for_url("**/admin/pages/add/stories/storypage/*/")
    expect(page.locator("#id_title")).to_be_editable()


def _fill_story(page, title, summary, slug, date=None, paragraph=None):
    page.fill("#id_title", title)
    if date:
        page.fill("#id_date", date)
        page.keyboard.press("Escape")  # closes the date picker
    page.fill("#id_summary", summary)
    if paragraph:
        body = page.locator("[data-contentpath=body]")
        body.locator("button.c-sf-add-button").click()
        # The block chooser lists the body's block types; a paragraph is a Draftail editor.
        page.locator(".w-combobox [role=option]").filter(
            has_text=re.compile(r"^(بند|Paragraph)$")
        ).click()
        editor = body.locator(".Draftail-Editor [contenteditable=true]")
        expect(editor).to_be_visible()
        editor.click()
        page.keyboard.type(paragraph)
        expect(editor).to_have_text(paragraph)
        # Draftail writes its content to the form's hidden input a moment after the last key.
        expect(body.locator("input[name='body-0-value']")).to_have_value(
            re.compile(re.escape(paragraph))
        )
    # The slug is on the Promote tab: open the tab whose panel holds it.
    panel = page.locator("[role=tabpanel]", has=page.locator("#id_slug")).get_attribute("id")
    page.locator(f"[role=tab][aria-controls='{panel}']").click()
    page.fill("#id_slug", slug)


def _start_translation(page, target_locale_label):
    """On a page's edit view: the header's "Translate this page" action, then the target."""
    page_id = _page_id(page.url)
    page.locator("header [data-w-dropdown-target=toggle]:has(.icon-dots-horizontal)").click()
    page.locator(f"a[href$='/admin/localize/submit/page/{page_id}/']").click()
    page.wait_for_url(f"**/admin/localize/submit/page/{page_id}/")
    page.get_by_label(target_locale_label, exact=True).check()
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    editor = page.locator(".js-translation-editor")
    expect(editor.locator("li:has(> p)").first).to_be_visible()
    return _page_id(page.url), editor


def _segment(editor, source_text):
    """One string in the translation editor: the list item that shows its source text."""
    return editor.locator("li:has(> p)").filter(
        has=editor.page.get_by_text(source_text, exact=True)
    )


def _translate(editor, source_text, translation, direction):
    segment = _segment(editor, source_text)
    segment.get_by_role("button", name=TRANSLATE).click()
    field = segment.locator("textarea")
    expect(field).to_be_editable()
    expect(field).to_have_attribute("dir", direction)
    assert field.evaluate("f => getComputedStyle(f).direction") == direction
    field.fill(translation)
    segment.get_by_role("button", name=SAVE).click()
    expect(segment.locator("> div > p")).to_have_text(translation)
    expect(segment).to_have_class("complete")


def _show_tab_of(editor, source_text):
    """The translation editor has the page's tabs too (Content, Promote); their panels nest, so
    the innermost one holding the string names its tab."""
    string = editor.page.locator(
        "li:has(> p)", has=editor.page.get_by_text(source_text, exact=True)
    )
    panel = editor.locator("section[id^='tab-']", has=string)
    editor.locator(f"[role=tab][href='#{panel.last.get_attribute('id')}']").click()
    expect(_segment(editor, source_text)).to_be_visible()


def _expect_direction(page, lang, direction):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)


@pytest.fixture
def anonymous(browser, live_site, request):
    context = browser.new_context(base_url=live_site)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    screenshot_if_failed(request, page, "-anonymous")
    context.close()


@pytest.fixture
def moderator_page(browser, live_site, request):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    screenshot_if_failed(request, page, "-moderator")
    context.close()


def test_editor_writes_and_translates_a_story_and_a_moderator_publishes_it(
    page, moderator_page, anonymous
):
    tag = uuid.uuid4().hex[:8]
    slug = f"story-{tag}"
    fa = {
        "title": f"دیدار هیئت اصفهان از شهر خواهرخوانده {tag}",
        "summary": "هیئتی از شهرداری اصفهان برای گفت‌وگو دربارهٔ همکاری‌های تازه سفر کرد.",
        "paragraph": "دو شهر دربارهٔ تبادل دانشجو و برگزاری هفتهٔ فرهنگی گفت‌وگو کردند.",
    }
    en = {
        "title": f"An Isfahan delegation visits a sister city {tag}",
        "summary": "A delegation from Isfahan's municipality travelled to discuss new cooperation.",
        "paragraph": "The two cities discussed student exchanges and a cultural week.",
    }
    fa_url, en_url = f"/news/{slug}/", f"/en/news/{slug}/"

    # 1. The editor writes the Persian story under the Persian news index and submits it to the
    #    "Moderators approval" workflow.
    log_in(page, "editor")
    _open_add_child_form(page, "/news/")
    _fill_story(page, fa["title"], fa["summary"], slug, "2025-03-21", fa["paragraph"])
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    # Editors may not publish: the only way on is the workflow.
    expect(page.locator("footer button[name=action-publish]")).to_have_count(0)
    submit = page.locator("footer button[name=action-submit]")
    expect(submit).to_contain_text("Moderators approval")
    submit.click()
    message = page.locator(".messages .success")
    expect(message).to_contain_text(fa["title"])
    # Submitted, not published: the public URL does not serve it yet.
    assert anonymous.request.get(fa_url).status == 404

    # 2. The editor opens the story again and translates it to English in wagtail-localize.
    message.locator("a[href$='/edit/']").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    fa_id = _page_id(page.url)
    en_id, editor = _start_translation(page, "انگلیسی")
    expect(editor).to_have_class(re.compile(r"\btranslation-target-ltr\b"))
    # Each source string takes the direction of its own text.
    assert (
        _segment(editor, fa["title"])
        .locator("> p")
        .evaluate("p => getComputedStyle(p).unicodeBidi")
        == "plaintext"
    )
    for field in ("title", "summary", "paragraph"):
        _translate(editor, fa[field], en[field], "ltr")
    _show_tab_of(editor, slug)
    _translate(editor, slug, slug, "ltr")
    # Editors may not publish, and wagtail-localize offers them nothing else to hand it in with.
    expect(page.locator("footer button[name=action][value=publish]")).to_have_count(0)

    # 3. The moderator approves the Persian story from the dashboard's "awaiting your review"...
    log_in(moderator_page, "moderator")
    row = moderator_page.locator("#awaiting-review-section tr", has_text=fa["title"])
    row.locator("[data-w-dropdown-target=toggle]").click()
    approve = row.locator(
        f"button[data-workflow-action-url*='/workflow/action/{fa_id}/approve/']"
        ":not([data-launch-modal])"
    )
    # Approving posts the action and reloads the dashboard (Wagtail shows no message there).
    with moderator_page.expect_navigation():
        approve.click()
    expect(
        moderator_page.locator("#awaiting-review-section tr", has_text=fa["title"])
    ).to_have_count(0)
    assert anonymous.request.get(fa_url).status == 200

    # ... and publishes the English translation from the translation editor, where the editor's
    # strings are waiting.
    moderator_page.goto(f"/admin/pages/{en_id}/edit/")
    editor = moderator_page.locator(".js-translation-editor")
    for field in ("title", "summary", "paragraph"):
        expect(_segment(editor, fa[field])).to_have_class("complete")
        expect(_segment(editor, fa[field]).locator("> div > p")).to_have_text(en[field])
    expect(_segment(editor, slug)).to_have_class("complete")
    moderator_page.locator("footer button[name=action][value=publish]").click()
    expect(moderator_page.locator(".messages .success")).to_be_visible()

    # 4. Both URLs serve the story, in their own language and direction, and link each other.
    response = anonymous.goto(fa_url)
    assert response.status == 200
    _expect_direction(anonymous, "fa", "rtl")
    expect(anonymous.locator("h1")).to_have_text(fa["title"])
    expect(anonymous.locator("main")).to_contain_text(fa["paragraph"])
    expect(anonymous.locator("main")).not_to_contain_text(en["paragraph"])
    expect(anonymous.locator("main time").first).to_have_text("۱ فروردین ۱۴۰۴")
    english = anonymous.locator("nav.language-switcher li[lang=en][dir=ltr] a[hreflang=en]")
    expect(english).to_have_attribute("href", en_url)

    with anonymous.expect_navigation() as navigation:
        english.click()
    assert navigation.value.status == 200
    assert navigation.value.url.endswith(en_url)
    _expect_direction(anonymous, "en", "ltr")
    expect(anonymous.locator("h1")).to_have_text(en["title"])
    expect(anonymous.locator("main")).to_contain_text(en["paragraph"])
    expect(anonymous.locator("main")).not_to_contain_text(fa["paragraph"])
    expect(anonymous.locator("main time").first).to_have_text("21 March 2025")
    persian = anonymous.locator("nav.language-switcher li[lang=fa][dir=rtl] a[hreflang=fa]")
    expect(persian).to_have_attribute("href", fa_url)

    # Each language's news index lists its own version.
    anonymous.goto("/news/")
    expect(anonymous.locator(f"main a[href='{fa_url}']")).to_have_text(fa["title"])
    anonymous.goto("/en/news/")
    expect(anonymous.locator(f"main a[href='{en_url}']")).to_have_text(en["title"])


def test_translation_editor_fields_are_right_to_left_when_the_target_is_persian(page):
    tag = uuid.uuid4().hex[:8]
    title = f"A story written in English first {tag}"

    # An English source page: the editor writes it under the English news index (a draft).
    log_in(page, "editor")
    _open_add_child_form(page, "/en/news/")
    _fill_story(page, title, "Written in English, to be translated into Persian.", f"en-{tag}")
    page.locator("footer button.action-save").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    expect(page.locator(".messages .success")).to_contain_text(title)

    _, editor = _start_translation(page, "فارسی")
    expect(editor).to_have_class(re.compile(r"\btranslation-target-rtl\b"))
    _translate(editor, title, f"خبری که نخست به انگلیسی نوشته شد {tag}", "rtl")

    # The admin is in Persian here, so right to left is also what the field would inherit: the
    # field's own dir must hold in a left-to-right admin too.
    segment = _segment(editor, "Written in English, to be translated into Persian.")
    segment.get_by_role("button", name=TRANSLATE).click()
    field = segment.locator("textarea")
    expect(field).to_have_attribute("dir", "rtl")
    page.evaluate("document.documentElement.dir = 'ltr'")
    assert field.evaluate("f => getComputedStyle(f).direction") == "rtl"
    # A source string in English still reads left to right in the right-to-left editor.
    assert segment.locator("> p").evaluate("p => getComputedStyle(p).unicodeBidi") == "plaintext"
