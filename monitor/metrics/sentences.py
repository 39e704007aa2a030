"""One sentence segmenter, for figures (prose.py) and outcome statements (statements.py).

A sentence ends at . ! or ? (with any closing quote or bracket) before a capital or a digit,
and at a bullet (a list run into one paragraph),
except after an abbreviation that is not a sentence's end: initials and "U.S.", titles,
months, and the abbreviations that stand before a number ("p. 4", "pp. 12", "No. 5",
"Fig. 2", "approx. 4,000", "Sec. 3", "Vol. 2"). An alert quotes the figure's whole sentence,
so a cut at "[see p." loses the half that says what was counted.

Linear in the text: each candidate end looks back at a few characters only.
"""

from __future__ import annotations

import re

_BULLETS = "•●▪‣"  # a list item inline: "... six Manitobans; • on average, ..."
_END = re.compile(rf"[.!?][\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])|\s*(?P<bullet>[{_BULLETS}])(?:\s+|$)")
_ABBREV = re.compile(
    r"(?:(?<![A-Za-z])(?:[A-Za-z]\.){1,3}"  # initials, U.S., e.g., i.e., p.
    r"|\b(?:Inc|Ltd|Co|Corp|No|Nos|no|nos|vs|approx|Approx|est|etc|Dr|Mr|Ms|Mrs|Prof|St|Jr|Sr"
    r"|Gen|Gov|Sen|Rep|Dept|Det|Sgt|Lt|Capt|Insp|Supt|Hon"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|pp|Pp|Fig|fig|Figs|figs|Vol|vol|Sec|sec|Secs|Art|art|Ch|ch|Chap|para|Para|cf|ca"
    r"|Tab|tab|Ex|ex|App|app|ed|Ed|eds|op|cit|ibid|Ibid|al)\.)$"
)
_LOOK_BACK = 12  # longer than any abbreviation above


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace between them left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        stop = m.start() + 1  # just after the . ! or ?
        if text[m.start()] == "." and _ABBREV.search(text[max(start, stop - _LOOK_BACK) : stop]):
            continue
        end = m.end()
        piece_end = m.start() if m.group("bullet") else end  # the bullet starts the next one
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        start = end
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, in order."""
    return [text[a:b] for a, b in sentence_spans(text)]
