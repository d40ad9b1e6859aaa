"""The citizen-diplomat pipeline's data. Split by subject: applications (and their events and
emails), road maps, and the public application page."""

from applications.models.application import (
    Application,
    ApplicationEvent,
    Category,
    EmailWording,
    OutgoingEmail,
    ReferenceCounter,
)
from applications.models.pages import ApplicationPage
from applications.models.roadmap import ItemStatus, RoadmapItem, RoadmapMeeting

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationPage",
    "Category",
    "EmailWording",
    "ItemStatus",
    "OutgoingEmail",
    "ReferenceCounter",
    "RoadmapItem",
    "RoadmapMeeting",
]
