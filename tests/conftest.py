from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server import FixtureServer

DATA = Path(__file__).parent / "data"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    try:
        yield srv
    finally:
        srv.stop()
