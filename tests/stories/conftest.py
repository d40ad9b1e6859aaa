import pytest

from tests.factories import StoryIndexPageFactory


@pytest.fixture
def news(db):
    return StoryIndexPageFactory()
