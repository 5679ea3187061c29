"""Dates in text, at the precision the text gives, with relative dates ("next year",
"this fall", "Sept. 12") resolved against the publication date when it is known."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
SEASONS = {"spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall", "winter": "winter"}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?!\s*(?:million|m\b|%))", re.I)),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)", re.I)),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("sy", re.compile(rf"\b{_SEASON}\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("y", re.compile(rf"(?<![\w$£€-]){_YEAR}(?!\s*(?:'s|’s|-|–|/))\b", re.I)),
    ("next_year", re.compile(r"\b(?:early |late |later |mid-?)?next year\b", re.I)),
    ("this_year", re.compile(r"\b(?:later |early |late )?this year\b", re.I)),
    ("next_season", re.compile(rf"\bnext\s+{_SEASON}\b", re.I)),
    ("this_season", re.compile(rf"\b(?:this|later this)\s+{_SEASON}\b", re.I)),
    ("in_month", re.compile(rf"\b(?:in|this|next|until|by|from|on)\s+{_MONTH}\b(?!\s+\d)", re.I)),
    ("weekday", re.compile(r"\b(?:on |this |next )(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO at the text's precision: 2017, 2017-08, 2017-08-18, 2017-fall
    relative: bool

# what a pattern cannot match without: a digit, or a word (lower case) in the text
_NEEDS = dict.fromkeys(("mdy", "dmy", "md", "dm", "my", "sy", "y"), "digit") | {
    "next_year": "year",
    "this_year": "year",
    "weekday": "day",
}


def find_dates(text: str, offset: int, published: date | None, precision: str = "day") -> list[DateMention]:
    """Every date in ``text`` (offsets shifted by ``offset``); relative ones only with ``published``,
    whose ``precision`` ("day", "month" or "year") says how far it can anchor them."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    lower = text.lower()
    has_digit = any(ch.isdigit() for ch in text)
    for kind, pattern in PATTERNS:
        needs = _NEEDS.get(kind)
        if needs is not None and not (has_digit if needs == "digit" else needs in lower):
            continue  # the pattern cannot match: skip its scan
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _value(kind, m, published, precision)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(offset + m.start(), offset + m.end(), value, kind not in {"mdy", "dmy", "my", "sy", "y"}))
    return sorted(found, key=lambda d: d.start)


def _value(kind: str, m: re.Match[str], published: date | None, precision: str = "day") -> str | None:
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
    if kind == "mdy" or kind == "dmy":
        return _iso(int(g["year"]), month, int(g["day"]))
    if kind == "my":
        return f"{int(g['year']):04d}-{month:02d}" if month else None
    if kind == "sy":
        return f"{g['year']}-{SEASONS[g['season'].lower()]}"
    if kind == "y":
        return g["year"]
    if published is None:
        return None
    if kind == "next_year":
        return str(published.year + 1)
    if kind == "this_year":
        return str(published.year)
    if kind == "next_season":
        season = SEASONS[g["season"].lower()]
        year = published.year + (1 if _season_index(season) <= _season_index(_season_of(published)) else 0)
        return f"{year}-{season}"
    if kind == "this_season":
        return f"{published.year}-{SEASONS[g['season'].lower()]}"
    if kind in ("md", "dm", "in_month") and month:
        # with only the year known, a month is taken in that year
        year = published.year + (1 if month < published.month and precision != "year" else 0)
        if kind == "in_month":
            return f"{year:04d}-{month:02d}"
        return _iso(year, month, int(g["day"]))
    if kind == "weekday":
        if precision != "day":
            return None
        target = WEEKDAYS[g["weekday"].lower()]
        ahead = (target - published.weekday()) % 7 or 7
        return (published + timedelta(days=ahead)).isoformat()
    return None


def in_the_past(value: str, published: date) -> str:
    """A relative month or day told in the past tense ("premiered in March"): the last such date
    on or before publication, not the next one."""
    parts = value.split("-")
    if len(parts) < 2 or not parts[1].isdigit():
        return value
    year, month = int(parts[0]), int(parts[1])
    day = int(parts[2]) if len(parts) == 3 else 1
    if (year, month, day) > (published.year, published.month, published.day):
        return "-".join([f"{year - 1:04d}", *parts[1:]])
    return value


def _iso(year: int, month: int | None, day: int) -> str | None:
    if not month:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _season_index(season: str) -> int:
    return ["winter", "spring", "summer", "fall"].index(season)


def _season_of(d: date) -> str:
    return ["winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "fall", "fall", "fall", "winter"][d.month - 1]
