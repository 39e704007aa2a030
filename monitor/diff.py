"""Normalised text and the text diff between two versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def normalize(text: str, ignore: list[re.Pattern[str]] = ()) -> str:  # type: ignore[assignment]
    """Fold whitespace per line, drop empty lines and lines an `ignore` rule matches.

    What is hashed is what this returns, so cosmetic edits are not changes.
    """
    out = []
    for line in text.splitlines():
        line = _SPACE.sub(" ", line).strip()
        if line and not any(p.search(line) for p in ignore):
            out.append(line)
    return "\n".join(out) + "\n" if out else ""


@dataclass(frozen=True)
class TextDiff:
    lines: list[str]  # unified diff lines, headers included
    added: int
    removed: int

    def summary(self, first: int = 2) -> str:
        changed = [
            ln[1:].strip() for ln in self.lines if ln[:1] in "+-" and ln[:3] not in ("+++", "---")
        ]
        head = "; ".join(c[:80] for c in changed[:first] if c)
        return f"+{self.added} -{self.removed} lines" + (f": {head}" if head else "")

    def excerpt(self, max_lines: int) -> list[str]:
        body = [ln for ln in self.lines[2:]]
        return body[:max_lines] + (
            [f"... ({len(body) - max_lines} more lines)"] if len(body) > max_lines else []
        )


def text_diff(old: str, new: str, old_name: str = "old", new_name: str = "new") -> TextDiff:
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=2
        )
    )
    added = sum(1 for ln in lines if ln.startswith("+") and not ln.startswith("+++"))
    removed = sum(1 for ln in lines if ln.startswith("-") and not ln.startswith("---"))
    return TextDiff(lines=lines, added=added, removed=removed)
