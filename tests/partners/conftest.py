import pytest

from tests.factories import FieldOfCooperationFactory


@pytest.fixture
def tourism(db):
    return FieldOfCooperationFactory(name="گردشگری", slug="tourism")
