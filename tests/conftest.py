"""Shared fixtures: real core objects, no mocks."""

import pytest

from core.io.presets import DEFAULT_PRESET, preset
from core.model.scenario import Scenario


@pytest.fixture
def scenario() -> Scenario:
    """The default preset's scenario (the seed cost table)."""
    return preset(DEFAULT_PRESET).scenario
