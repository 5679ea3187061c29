"""Language data: lexicons kept as data files, loaded once and cached.

``lang/en/*.yaml`` hold networks, outlets, crew roles, status phrases, relation phrases,
speech verbs and the capitalised words that are never names. Given names come from the
name list that the ``gender-guesser`` package ships (about 48,000 names from many
countries); they are the evidence that a capitalised pair of words is a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _load(name: str, lang: str = "en") -> Any:
    text = resources.files("showfacts.lang").joinpath(lang, name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def patterns_of(name: str, lang: str = "en") -> dict[str, list[str]]:
    """A lexicon file of regular expressions (kind → list), checked: an entry YAML read as
    something other than a string (a "key: value" inside an unquoted pattern) is an error
    naming the file and the entry, not a confusing failure at the first sentence."""
    table = _load(name, lang)
    for kind, entries in table.items():
        if isinstance(entries, dict):
            continue  # a table of its own (status.yaml's alternatives), not patterns
        for entry in entries or []:
            if not isinstance(entry, str):
                raise ValueError(f"lang/{lang}/{name}: an entry of {kind!r} is not a string (quote it): {entry!r}")
    return table


@dataclass(frozen=True)
class Lexicon:
    """Every word list extraction uses, as plain Python containers."""

    networks: dict[str, str]  # surface form → canonical name
    network_verbs: frozenset[str]  # "cancels": what a network does in a title-cased headline
    headline_nouns: frozenset[str]  # "premiere", "date": words after such a verb that are not a title
    outlets: dict[str, str]  # surface form → canonical name
    role_nouns: dict[str, str]
    role_verbs: dict[str, str]
    status_patterns: dict[str, list[str]]
    status_alternatives: dict[str, list[str]]  # status → the statuses the same phrase may state
    relation_patterns: dict[str, list[str]]
    cue_nouns: dict[str, str]  # noun → "series" | "film"
    person_descriptors: frozenset[str]
    epithets: dict[str, str]  # "actress" → "she", "actor" → "any": nouns that refer back to a named person
    company_suffixes: frozenset[str]  # "Productions", "Pictures": a name ending so is a company
    speech_verbs: frozenset[str]
    not_names: frozenset[str]  # capitalised words/phrases that are never a work or person
    openers: frozenset[str]
    given_names: frozenset[str]  # lower case


def _aliases(table: dict[str, list[str] | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, others in table.items():
        out[canonical] = canonical
        for other in others or []:
            out.setdefault(str(other), canonical)
    return out


@cache
def name_genders() -> dict[str, str]:
    """Lower-cased given names from gender-guesser's name dictionary → "M", "F" or "?"."""
    from gender_guesser import detector

    path = resources.files(detector.__package__ or "gender_guesser").joinpath("data", "nam_dict.txt")
    names: dict[str, str] = {}
    blocked = {
        line.strip()
        for line in resources.files("showfacts.lang").joinpath("en", "not_given_names.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    with path.open(encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith("#") or len(line) < 4 or line[0] not in "MF?1":
                continue
            name = _fold(line[3:29].strip().lower())
            if name in blocked or not (line[30:79].strip() or line[80:81].strip()):
                # used only in East Asia (or nowhere): as romanised there, too often an English word ("Tin Roof")
                continue
            if name and " " not in name and "+" not in name and name.isalpha():
                gender = line[:2].strip()
                gender = gender if gender in ("M", "F") else "?"
                if names.get(name, gender) != gender:
                    gender = "?"
                names[name] = gender
    return names


class _FoldedNames(frozenset[str]):
    """A set of lower-case, accent-free names that folds what it is asked about the same way."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and frozenset.__contains__(self, _fold(word.lower()))


@cache
def given_names() -> frozenset[str]:
    return _FoldedNames(name_genders())


def _fold(text: str) -> str:
    """Lower case without accents: "Tomás" and "Tomas" are one name."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def is_given_name(word: str) -> bool:
    return word in given_names()


@cache
def lexicon(lang: str = "en") -> Lexicon:
    """Load and cache the lexicons of one language."""
    networks = _aliases(_load("networks.yaml", lang)["networks"])
    outlets = _aliases(_load("outlets.yaml", lang)["outlets"])
    roles = _load("roles.yaml", lang)
    works = _load("works.yaml", lang)
    names = _load("names.yaml", lang)
    not_names = {str(w) for key in ("calendar", "places", "nationalities", "organisations") for w in names[key]}
    return Lexicon(
        networks=networks,
        network_verbs=frozenset(str(w) for w in _load("networks.yaml", lang).get("headline_verbs", [])),
        headline_nouns=frozenset(str(w) for w in _load("networks.yaml", lang).get("headline_nouns", [])),
        outlets=outlets,
        role_nouns={str(k): v for k, v in roles["nouns"].items()},
        role_verbs={str(k): v for k, v in roles["verbs"].items()},
        status_patterns={k: [str(p) for p in v] for k, v in patterns_of("status.yaml", lang).items() if k != "alternatives"},
        status_alternatives={str(k): [str(a) for a in v or []] for k, v in _load("status.yaml", lang).get("alternatives", {}).items()},
        relation_patterns={k: [str(p) for p in v] for k, v in patterns_of("relations.yaml", lang).items()},
        cue_nouns={str(k): v for k, v in works["cue_nouns"].items()},
        person_descriptors=frozenset(w for d in works["person_descriptors"] for w in (str(d).lower(), str(d).lower() + "s")),
        speech_verbs=frozenset(str(w) for w in _load("speech.yaml", lang)["verbs"]),
        not_names=frozenset(not_names),
        openers=frozenset(str(w) for w in names["openers"]),
        given_names=given_names(),
        epithets={str(w): ("she" if group == "female" else "any") for group, words in names["epithets"].items() for w in words},
        company_suffixes=frozenset(str(w) for w in names["company_suffixes"]),
    )
