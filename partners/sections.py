"""Sections other apps add to a partner city's page, without partners importing them.

Like timeline sources (partners/timeline.py), a ``CitySection`` is registered in its app's
``AppConfig.ready``. The page asks each for its context; a section that has nothing to show
returns None and is left out. Each must use a constant number of queries.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict


class CitySection:
    template = ""

    def context(self, city, request) -> dict | None:
        raise NotImplementedError


_sections: list[CitySection] = []


def register_section(section: CitySection) -> CitySection:
    if all(type(existing) is not type(section) for existing in _sections):
        _sections.append(section)
    return section


def sections_for(city, request) -> list[RenderedSection]:
    rendered = []
    for section in _sections:
        context = section.context(city, request)
        if context:
            rendered.append(RenderedSection(section.template, context))
    return rendered
