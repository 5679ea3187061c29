"""Name keys: the folded form under which two spellings of one name meet.

"The Defenders", "Defenders" and "Marvel's The Defenders" share the work key
``defenders``; person keys fold case and accents only ("Melissa Rosenberg").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from showfacts.lang import lexicon

_POSSESSIVE_PREFIX = re.compile(r"^(?P<owner>[\w.&+!-]+(?:\s[\w.&+!-]+){0,2})['’]s\s+(?P<rest>.+)$")
FRANCHISE_OWNERS = {"Marvel", "DC", "Disney", "Pixar", "Lucasfilm", "Star Wars", "Tyler Perry", "Dick Wolf", "Taylor Sheridan"}


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces (cached: names repeat across articles)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def strip_owner(title: str) -> tuple[str, str | None]:
    """("Marvel's The Defenders") → ("The Defenders", "Marvel") when the owner is a studio, network or franchise."""
    m = _POSSESSIVE_PREFIX.match(title.strip())
    if not m:
        return title, None
    owner = m.group("owner")
    lex = lexicon()
    if owner in lex.networks or owner in FRANCHISE_OWNERS or owner in lex.not_names:
        return m.group("rest"), owner
    return title, None


def work_key(title: str) -> str:
    bare, _ = strip_owner(title)
    key = fold(bare)
    return key[4:] if key.startswith("the ") else key


def person_key(name: str) -> str:
    return fold(name)


@lru_cache(maxsize=1 << 16)
def entity_key(kind: str, name: str) -> str:
    """The key under which ``name`` meets the other spellings of an entity of ``kind`` (cached: names repeat)."""
    if kind in ("work", "character"):
        return work_key(name) if kind == "work" else fold(name)
    if kind in ("network", "outlet"):
        lex = lexicon()
        canonical = lex.networks.get(name) or lex.outlets.get(name) or name
        return fold(canonical)
    return person_key(name)


def name_words(kind: str, name: str) -> tuple[str | None, str | None]:
    """The folded first and last word of a person's full name (None for one-word names and other kinds):
    what a one-word mention ("Rosenberg") is looked up by."""
    words = fold(name).split()
    if kind != "person" or len(name.split()) < 2 or not words:
        return None, None
    return words[0], words[-1]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "untitled"
