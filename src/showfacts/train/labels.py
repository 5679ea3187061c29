"""Labels from gold records: what each candidate name is, and whether each candidate fact
is one the gold states. Gold names are matched the way the scorer matches them (folded
case, accents, punctuation, a leading "the", alternatives)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from showfacts.eval import fold_name, same_name
from showfacts.extract.doc import CHARACTER, NETWORK, OTHER, OUTLET, PERSON, WORK, Mention
from showfacts.extract.relations import Candidate


def _alts(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def gold_names(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Folded gold names by kind, plus the single words of people's names (a surname alone)."""
    names: dict[str, set[str]] = defaultdict(set)
    for f in gold.get("facts", []):
        for key in ("work", "related"):
            if f.get(key):
                names[WORK].update(fold_name(a) for a in _alts(f[key]))
        if f["type"] == "release_order":
            for side in ("before", "after"):
                names[WORK].update(fold_name(a) for a in _alts(f[side]["work"]))
        for key, kind in (("person", PERSON), ("speaker", PERSON), ("character", CHARACTER), ("network", NETWORK)):
            if f.get(key):
                names[kind].update(fold_name(a) for a in _alts(f[key]))
    names[OUTLET].update(fold_name(c) for c in gold.get("cited_sources") or [])
    parts: set[str] = set()
    for person in names[PERSON]:
        words = (person or "").split()
        if len(words) >= 2:
            parts.update((words[0], words[-1]))
    names["person_part"] = parts
    return names


def mention_label(m: Mention, names: dict[str, set[str]]) -> str:
    keys = {fold_name(m.text), fold_name(m.name)} - {None, ""}
    for kind in (WORK, PERSON, NETWORK, CHARACTER, OUTLET):
        if keys & names[kind]:
            return kind
    if len(m.words) == 1 and keys & names["person_part"]:
        return PERSON
    return OTHER


_WORK_CUES = {"quoted", "season", "work_before", "strong_before", "work_after", "strong_after", "role_after", "owned_by_network",
               "cue=bracketed_span", "cue=quoted_span"}  # fmt: skip


def typer_label(m: Mention, features: list[str], names: dict[str, set[str]], given: frozenset[str],
                known: dict[str, str] | None = None) -> str | None:  # fmt: skip
    """The label the typer learns from, or None to leave the mention out. Gold names only
    the people and titles that take part in a fact; a name the gold does not list is
    "other" only when it does not look like a person's name or a title: a credit in passing
    ("Fred Armisen (Saturday Night Live)") is a title the gold had no reason to list, and
    teaching the typer it is "other" would teach it that titles in passing are not titles."""
    label = mention_label(m, names)
    if label != OTHER:
        return label
    if known:
        # a title or a person the gold names in another article is one here too ("Sherlock's Lindsay Duncan")
        kind = known.get(fold_name(m.text) or "")
        if kind is not None:
            return kind
    words = m.text.split()
    person_shaped = 2 <= len(words) <= 4 and words[0].lower() in given and all(w[:1].isupper() for w in words)
    if person_shaped or any(f in _WORK_CUES for f in features):
        return None
    return OTHER


def known_names(golds: list[dict[str, Any]]) -> dict[str, str]:
    """Folded names the gold gives as works or people anywhere (multi-word people only; a name
    both ways is left out)."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for gold in golds:
        names = gold_names(gold)
        for kind in (WORK, PERSON):
            for name in names[kind]:
                if not name or (kind == PERSON and len(name.split()) < 2) or len(name) < 3:
                    continue
                if out.get(name, kind) != kind:
                    clash.add(name)
                out[name] = kind
    return {k: v for k, v in out.items() if k not in clash}


def _same_date(gold: Any, pred: str) -> bool:
    return any(str(pred).startswith(str(choice)) for choice in _alts(gold))


def _matches(c: Candidate, f: dict[str, Any]) -> bool:
    v, t = c.values, f["type"]
    if c.type == "cast" and t == "cast":
        return same_name(f["person"], v["person"]) and same_name(f["work"], v["work"])
    if c.type == "character" and t == "cast":
        return bool(f.get("character")) and same_name(f["person"], v["person"]) and same_name(f["character"], v["character"])
    if c.type != t:
        return False
    if t == "crew":
        return f["role"] == v["role"] and same_name(f["person"], v["person"]) and same_name(f["work"], v["work"])
    if t == "network":
        return same_name(f["work"], v["work"]) and same_name(f["network"], v["network"])
    if t == "status":
        return f["status"] == v["status"] and same_name(f["work"], v["work"])
    if t == "release":
        return same_name(f["work"], v["work"]) and _same_date(f["date"], v["date"])
    if t == "related":
        return f["relation"] == v["relation"] and same_name(f["work"], v["work"]) and same_name(f["related"], v["related"])
    return False


def candidate_label(c: Candidate, facts: list[dict[str, Any]]) -> bool:
    """Whether a gold fact states what the candidate would (seasons and networks aside)."""
    return any(_matches(c, f) for f in facts)


def matched_fact(c: Candidate, facts: list[dict[str, Any]]) -> int | None:
    """The index of the first gold fact the candidate states, if any."""
    return next((k for k, f in enumerate(facts) if _matches(c, f)), None)


_WORK_ROLE = {"cast": "work", "crew": "work", "status": "work", "release": "work", "network": "work"}


def training_label(c: Candidate, facts: list[dict[str, Any]]) -> bool | None:
    """The label to learn from, or None to leave the candidate out: a candidate whose work is a
    phrase ("the film") or the implicit topic, wrong only because that reference was resolved
    to the wrong title while the gold has the same claim about another work, would teach the
    model that a sound sentence pattern is not a fact."""
    if candidate_label(c, facts):
        return True
    key = _WORK_ROLE.get(c.type)
    work = c.info.get("work") if key else None
    if key is None or (work is not None and not work.ref):
        return False
    for f in facts:
        if f["type"] != c.type:
            continue
        same_rest = all(
            (same_name(f[k], c.values[k]) if k in ("person", "network") else f[k] == c.values[k])
            for k in c.values
            if k not in ("work", "date") and k in f
        )
        if same_rest:
            return None
    return False
