"""Relation patterns (lang/en/patterns.yaml) compiled against masked sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from showfacts.extract.masked import Masked
from showfacts.lang import _load, lexicon, patterns_of

_NOT_SLOT = r"(?![WPNOUX]\d+\b)"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _macros() -> dict[str, tuple[str, str | None]]:
    """Macro → (regular expression with {name} for its group, group name)."""
    lex = lexicon()
    roles = _alternation([k for k in lex.role_nouns if k != "EP"])
    verbs = _alternation(list(lex.role_verbs))
    sep = r"(?:,\s+and\s+|,\s+|\s+and\s+|\s*/\s*|\s+&\s+)"
    labels = r"fellow|actor|actress|star|co-star|newcomer|comedian|singer|rapper|veteran|winner|nominee|model|musician|presenter"
    # between listed titles: "W1 and the wartime drama W2"
    kinds = r"(?:film|movie|drama|series|show|sitcom|comedy|thriller|documentary|musical|soap)s?"
    wsep = r"(?:" + sep + r"(?:the |a )?(?:[a-z][\w-]* ){0,2}?" + kinds + r",?\s+|" + sep + r")"
    return {
        "P": (r"(?P<{name}>P\d+)", "person"),
        "PL": (r"(?P<{name}>P\d+(?:" + sep + r"P\d+)*)", "people"),
        # "starring P1 and Oscar winner P2": after "starring", a listed name may carry a short label
        # … and an unlisted two-word name there is a person too ("stars Damon Price and Keiko Sato")
        "PLX": (r"(?P<{name}>P\d+(?:" + sep + r"(?:(?:(?-i:[A-Z][\w-]*)|" + labels + r")\s+){0,3}?[PU]\d+)*)", "people"),
        "W": (r"(?P<{name}>W\d+)", "work"),
        "WU": (r"(?P<{name}>[WU]\d+)", "work"),
        "WL": (r"(?P<{name}>[WU]\d+(?:" + wsep + r"[WU]\d+)*)", "works"),
        "C": (r"(?P<{name}>[UPW]\d+)", "character"),
        "WA": (
            r"(?:(?P<{name}>[WU]\d+(?:"
            + wsep
            + r"[WU]\d+)*)|(?:the|this|that|his|her|their) (?:new |hit |upcoming |long-running |latest |original )?(?:[$£€\d][\w.,-]* )?"
            r"(?:(?!(?:and|or|of|in|on|for|with)\b)[a-z][\w-]* ){0,2}?"
            r"(?:show|series|programme|program|film|movie|sitcom|drama|comedy|franchise|project|pilot|episode|sequel|follow-up|"
            r"prequel|spinoff|spin-off|adaptation|reboot|remake|revival|installment|instalment))"
            r"(?! (?:spin-?off|sequel|prequel|remake|reboot|star|actor|actress|director|creator|producer|writer|fans?|franchise|book|novel))",
            "works",
        ),
        "N": (r"(?P<{name}>N\d+)", "network"),
        "ROLES": (r"(?P<{name}>(?:" + roles + r")(?:" + sep + r"(?:" + roles + r"))*)", "roles"),
        "RV": (r"(?P<{name}>(?:" + verbs + r")(?:" + sep + r"(?:" + verbs + r"))*)", "roles"),
        "ADJ": (r"(?:(?:" + _NOT_SLOT + r"[A-Za-z0-9][\w'-]*,?|N\d+(?:'s)?)\s+){0,6}?", None),
        # ", the showrunner," but not ", W1 and W2,": a run of names between commas is a list, not an appositive
        "APPOS": (r"(?:,\s+(?![WUP]\d+(?:\s+and\s+[WUP]\d+)?,)[^,;]{1,60}?,)?", None),
        "AUX": (
            r"(?:(?:has|have|had|is|are|was|were|will|would|to|be|been|being|also|now|currently|previously|recently|originally|first|"
            r"set|due|pencilled in|penciled in|expected|going|reportedly|said|already|then|later|once|still|both|all|signed|lined up|next|soon|"
            r"tapped|in talks|since then|since|and has|and have|and will|who|which|famously|went on to|go on to|has gone on to|about|before|after|being|it)\s+){0,6}?",
            None,
        ),
    }


def compile_pattern(source: str) -> re.Pattern[str]:
    """Expand the macros of one pattern; repeated groups after the first are left unnamed."""
    macros = _macros()
    used: set[str] = set()

    def expand(match: re.Match[str]) -> str:
        regex, group = macros[match.group(1)]
        if group is None:
            return regex
        if group in used:
            return regex.replace("?P<{name}>", "?:")
        used.add(group)
        return regex.replace("{name}", group)

    # patterns match case-insensitively, but "[a-z]" always means a lower-case word: never a placeholder like W2
    regex = re.sub(r"\{(\w+)\}", expand, source).replace("[a-z]", "(?-i:[a-z])")
    return re.compile(r"(?<![\w])" + regex, re.IGNORECASE)


@cache
def relation_patterns(kind: str) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(p) for p in patterns_of("patterns.yaml")[kind])


@cache
def prefilter(kind: str) -> tuple[str, ...]:
    """Words one of which a sentence must hold before the patterns of ``kind`` are tried."""
    if kind == "crew":
        lex = lexicon()
        return tuple({w.lower()[:5] for w in (*lex.role_nouns, *lex.role_verbs)} | {"behind the camera"})
    return tuple(_load("patterns.yaml").get("prefilter", {}).get(kind, ()))


@dataclass
class Hit:
    masked: Masked
    match: re.Match[str]

    def group(self, name: str) -> str | None:
        return self.match.groupdict().get(name)


def find(kind: str, masked: Masked) -> Iterator[Hit]:
    """Every match of every pattern of ``kind`` in a masked sentence (overlaps allowed)."""
    words = prefilter(kind)
    if words:
        low = masked.text.lower()
        if not any(w in low for w in words):
            return
    for pattern in relation_patterns(kind):
        for match in pattern.finditer(masked.text):
            yield Hit(masked, match)


@cache
def _role_table() -> dict[str, str]:
    lex = lexicon()
    return {k.lower(): v for k, v in {**lex.role_verbs, **lex.role_nouns}.items()}


def roles_in(text: str | None) -> list[str]:
    """'showrunner and executive producer' → ['showrunner', 'executive producer']."""
    if not text:
        return []
    table = _role_table()
    out: list[str] = []
    for part in re.split(r",\s+and\s+|,\s+|\s+and\s+|\s*/\s*|\s+&\s+", text):
        role = table.get(" ".join(part.lower().split()))
        if role and role not in out:
            out.append(role)
    return out
