"""state/: SQLite plus snapshot files. This package is the only writer of state/.

  schema.py     the tables, their indexes and in-place migrations
  files.py      snapshot files (pending names, atomic renames), orphan removal, the heartbeat
  core.py       Store: documents, versions and the one write of a check
  outbox.py     events' alert messages, their deliveries, notifiers' health
  retention.py  which versions keep their files (`monitor gc`)
  errors.py     StateError, SupersededError

The record types they take and give (Document, Snapshot, Event, CheckRecord, ...) are plain
dataclasses in monitor.model; monitor.queries reads state/ read-only for the CLI and the web.
"""

from ..model import utcnow
from .core import Store, sha256, slug
from .errors import StateError, SupersededError
from .files import HEARTBEAT, read_heartbeat
from .retention import Pruned
from .schema import SCHEMA_VERSION

__all__ = [
    "HEARTBEAT",
    "SCHEMA_VERSION",
    "Pruned",
    "StateError",
    "Store",
    "SupersededError",
    "read_heartbeat",
    "sha256",
    "slug",
    "utcnow",
]
