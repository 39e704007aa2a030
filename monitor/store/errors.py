"""The two ways state/ says no: it cannot be used, or another process wrote first."""

from __future__ import annotations

import sqlite3


class StateError(Exception):
    """state/ cannot be used (unwritable, from a newer version, ...)."""


class SupersededError(Exception):
    """Another process wrote the document since this check read it: nothing was written,
    and the check is to be done again from what is recorded now."""


def unwritable(e: BaseException) -> bool:
    """An SQLite error that says state/ cannot be written, not that the code is wrong."""
    return isinstance(e, sqlite3.OperationalError) or type(e) is sqlite3.DatabaseError
