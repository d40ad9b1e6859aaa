"""Reading the application form's HTML the way a reader (or a screen reader) meets it."""

from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from applications.models import Application


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def errors_beside(response, name):
    """The error messages shown in the form field ``name`` (its label, input and errors)."""
    element = parse(response).find(id=f"id_{name}")
    assert element is not None, f"no element id_{name} on the page"
    if "form-field" not in (element.get("class") or []):
        element = element.find_parent(class_="form-field")
    return [item.get_text(strip=True) for item in element.select(".form-field__errors li")]


def summary_links(response):
    """``{href: text}`` of the error summary's links, one per answer that needs attention."""
    summary = parse(response).find(id="error-summary")
    assert summary is not None, "no error summary on the page"
    return {link["href"]: link.get_text(strip=True) for link in summary.select("a[href]")}


def summary_messages(response):
    """The error summary's lines that belong to no field (a refused application as a whole)."""
    summary = parse(response).find(id="error-summary")
    assert summary is not None, "no error summary on the page"
    return [item.get_text(strip=True) for item in summary.select("li") if not item.find("a")]


def value_of(response, name):
    """What the re-rendered form holds for ``name``: an input's value, a textarea's text, the
    selected option, or the list of ticked choices."""
    soup = parse(response)
    textarea = soup.find("textarea", attrs={"name": name})
    if textarea is not None:
        return textarea.get_text().strip()
    select = soup.find("select", attrs={"name": name})
    if select is not None:
        selected = select.find("option", selected=True)
        return selected["value"] if selected else None
    inputs = soup.find_all("input", attrs={"name": name})
    if inputs and inputs[0].get("type") in ("checkbox", "radio"):
        return [i.get("value", "on") for i in inputs if i.has_attr("checked")]
    return inputs[0].get("value") if inputs else None


def form_on_page(response):
    return parse(response).find("form", class_="application-form")


def choices_offered(response, name):
    """``{value: label}`` of the checkboxes or radio buttons offered for ``name``."""
    offered = {}
    for label in parse(response).select(f"#id_{name} label"):
        box = label.find("input", attrs={"name": name})
        if box is not None:
            offered[box["value"]] = label.get_text(strip=True)
    return offered


def in_language(language, message):
    """``message`` as readers of ``language`` see it (untranslated messages stay English)."""
    with translation.override(language):
        return gettext(message)


def stored_after(client, page, data, **extra):
    """Send the form and return the one application it stored."""
    response = client.post(page.url, data, **extra)
    context = getattr(response, "context", None)
    problems = context["form"].errors if context and context.get("form") else None
    assert response.status_code == 302, (response.status_code, problems)
    return Application.objects.get()
