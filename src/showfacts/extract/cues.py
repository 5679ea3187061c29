"""Cue phrases in a sentence: production-status phrases (lang/en/status.yaml), crew-role
words (roles.yaml), season phrases and dates. The relation models pair them with names;
each cue keeps its character span and what it denotes (a status, a role, a season, a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from showfacts.extract.dates import find_dates
from showfacts.extract.doc import Doc, Sentence
from showfacts.extract.seasons import season_phrases
from showfacts.lang import lexicon

_ORD = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|\d{1,2}|two|three|four|five|six)"
)
_UNIT = r"(?:season|series|run)"


@dataclass(frozen=True)
class Cue:
    kind: str  # "status", "role", "season", "date"
    start: int  # character offsets into the article text
    end: int
    value: str | int  # the status, the role, the season number or the ISO date
    text: str
    relative: bool = False  # a date resolved against the publication date


@cache
def _status_patterns(flags: int = 0) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each status with its phrases as one pattern. The phrases are lower case, so they run
    without ``re.IGNORECASE`` (much faster) on the lower-cased sentence; with it where lower-casing
    would move offsets."""
    out = []
    for status, sources in lexicon().status_patterns.items():
        if status == "prefilter":
            continue
        regex = "(?<!\\w)(?:" + "|".join(f"(?:{source})" for source in sources).replace("{ORD}", _ORD).replace("{UNIT}", _UNIT) + ")"
        out.append((status, re.compile(regex, flags)))
    return tuple(out)


@cache
def _status_prefilter() -> tuple[str, ...]:
    """Lower-case stems one of which every status phrase contains (plain substring tests are far
    cheaper than one case-insensitive alternation of them)."""
    return tuple(str(stem).lower() for stem in lexicon().status_patterns.get("prefilter", []))


@cache
def _role_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    lex = lexicon()
    table = {k.lower(): v for k, v in {**lex.role_verbs, **lex.role_nouns}.items()}
    table.update({"exec producer": "executive producer", "exec-producer": "executive producer", "executive-producer": "executive producer",
                  "co-showrunner": "showrunner", "writer-director": "writer", "writer/director": "writer", "eps": "executive producer",
                  "exec-produce": "executive producer", "exec-produces": "executive producer", "scribe": "writer",
                  "filmmaker": "director", "co-wrote": "writer", "co-executive producer": "executive producer"})  # fmt: skip
    words = sorted(table, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), table


def status_cues(text: str, offset: int) -> list[Cue]:
    low = text.lower().replace("’", "'")  # the phrases spell "won't" with a straight mark
    if not any(stem in low for stem in _status_prefilter()):
        return []
    same_length = len(low) == len(text)
    patterns = _status_patterns() if same_length else _status_patterns(re.IGNORECASE)
    hits = [(m.start(), m.end(), status) for status, pattern in patterns for m in pattern.finditer(low if same_length else text.replace("’", "'"))]
    # a longer phrase wins over one inside it ("not be renewed" over "renewed")
    hits = [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
    return [Cue("status", offset + s, offset + e, st, text[s:e]) for s, e, st in sorted(hits)]


def role_cues(text: str, offset: int) -> list[Cue]:
    pattern, table = _role_pattern()
    out = []
    for m in pattern.finditer(text):
        word = m.group(0)
        key = re.sub(r"[\s-]+", " ", word.lower()) if word.lower() not in table else word.lower()
        role = table.get(key) or table.get(word.lower())
        if role is None:
            continue
        if word == "EP" or word.lower() != "ep":
            out.append(Cue("role", offset + m.start(), offset + m.end(), role, word))
        if "/" in word or "writer-director" in word.lower():
            out.append(Cue("role", offset + m.start(), offset + m.end(), "director", word))
    return out


def sentence_cues(doc: Doc, sent: Sentence) -> list[Cue]:
    """Every cue of a sentence (cached on the doc)."""
    cached = doc.cues.get(sent.index)
    if cached is not None:
        return cached
    text = doc.text[sent.start : sent.end]
    cues = status_cues(text, sent.start) + role_cues(text, sent.start)
    cues += [Cue("season", sent.start + s, sent.start + e, n, text[s:e]) for s, e, n in season_phrases(text)]
    anchor = doc.article.published_anchor
    published, precision = anchor if anchor else (None, "day")
    for d in find_dates(text, sent.start, published, precision):
        cues.append(Cue("date", d.start, d.end, d.value, doc.text[d.start : d.end], d.relative))
    cues.sort(key=lambda c: (c.start, -c.end))
    doc.cues[sent.index] = cues
    return cues
