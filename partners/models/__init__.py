"""Partner cities and cultural weeks. Split by subject: ``cities`` and ``weeks``."""

from partners.models.cities import (
    ESTABLISHED_STATUSES,
    FieldOfCooperation,
    LifecycleStatus,
    NetworkIndexPage,
    PartnerCityPage,
    PartnerIndexPage,
    Region,
    RelationshipKind,
    activity_rule_text,
    fields_in_default_language,
)
from partners.models.weeks import (
    CulturalWeekIndexPage,
    CulturalWeekPage,
    ProgrammeCategory,
    ProgrammeItem,
    WeekStatus,
)

__all__ = [
    "ESTABLISHED_STATUSES",
    "CulturalWeekIndexPage",
    "CulturalWeekPage",
    "FieldOfCooperation",
    "LifecycleStatus",
    "NetworkIndexPage",
    "PartnerCityPage",
    "PartnerIndexPage",
    "ProgrammeCategory",
    "ProgrammeItem",
    "Region",
    "RelationshipKind",
    "WeekStatus",
    "activity_rule_text",
    "fields_in_default_language",
]
