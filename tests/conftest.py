from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.receivers import Webhook
from tests.server import FixtureServer, tls_server
from tests.webstate import web, web_state  # noqa: F401  (session fixtures of the web tests)

DATA = Path(__file__).parent / "data"
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 directly: a proxy in this machine's environment would carry
    that traffic elsewhere (the proxy tests set their own). Spawned monitors inherit this."""
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="session", autouse=True)
def _temp_files_under_basetemp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Temp folders of this process and of the monitors the tests start (multiprocessing's
    /tmp/pymp-*, which a SIGKILLed monitor leaves behind) go under pytest's own temp folder,
    which pytest prunes, not into /tmp for good."""
    tmp = tmp_path_factory.mktemp("tmp", numbered=False)
    patch = pytest.MonkeyPatch()
    patch.setenv("TMPDIR", str(tmp))
    patch.setattr(tempfile, "tempdir", str(tmp))
    try:
        yield
    finally:
        patch.undo()


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https(
    ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FixtureServer]:
    """An HTTPS server for tests.server.NAME, its CA trusted through SSL_CERT_FILE."""
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    srv = tls_server(ca)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    """A webhook receiver on 127.0.0.1 (apprise json://); `webhook.status = 500` takes it down."""
    hook = Webhook()
    try:
        yield hook
    finally:
        hook.close()
