"""From scored candidates to facts.

Each claim is decided by its best candidate against the type's threshold, after three
constraints that a reader applies without thinking:

- competition: a status phrase, a date or a network that a sentence ties to a work it names
  is not also tied, in that sentence, to the article's topic by implication;
  a work gets one network, one status and one release date per sentence (a renewal "for a
  final season" is both renewed and ending; "moved from May 29 to August 14" gives one date);
- a person whom a sentence casts (or credits in a role) in a work it names is not also cast
  (credited), by that sentence, in the work it leaves implicit; of the works a sentence leaves
  implicit (the topic, the work named last, the paragraph's subject) a person takes one;
- a work in brackets after a person is their earlier credit: it rules out no other work and
  takes no character;
- characters are matched one to one within a sentence ("X and Y reprise their roles as A
  and B"), and a cast fact takes a character named in a sentence that states it;
- the fields a model does not choose are filled from the winning sentence: the season of
  a status or release from the season phrase nearest the work or cue (for a status, else from
  another sentence stating it), its network from the network the sentence names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from showfacts.extract.cues import Cue
from showfacts.extract.doc import Doc, Mention
from showfacts.extract.relations.candidates import Candidate, SentenceView, networks
from showfacts.extract.relations.units import sentence_units, unit_of

_ANCHOR = {"status": "cue", "release": "cue", "network": "network"}  # people have credits besides the topic: no competition


def best_by_key(cands: list[Candidate], fields: tuple[str, ...]) -> dict[tuple[Any, ...], Candidate]:
    best: dict[tuple[Any, ...], Candidate] = {}
    for c in cands:
        key = tuple(c.values[f] for f in fields)
        if key not in best or c.prob > best[key].prob:
            best[key] = c
    return best


def _anchor(c: Candidate) -> Any:
    what = c.info.get(_ANCHOR.get(c.type, ""))
    if what is None and c.type == "network":
        return (c.sent, c.values["network"])
    return (c.sent, getattr(what, "start", None), c.values.get("role"))


def _compete(cands: list[Candidate], threshold: float) -> list[Candidate]:
    """Drop implicit-topic candidates whose anchor the sentence already ties to a named work."""
    explicit = {_anchor(c) for c in cands if c.info.get("work") is not None and c.prob >= threshold}
    return [c for c in cands if c.info.get("work") is not None or _anchor(c) not in explicit]


def _one_per_work(cands: list[Candidate], threshold: float, allowed_pairs: set[frozenset[str]] = frozenset()) -> list[Candidate]:
    """Per sentence and work, the best value of ``field`` (a network, a status, a date) only."""
    field = {"network": "network", "status": "status", "release": "date"}[cands[0].type] if cands else "status"
    best: dict[tuple[int, str], Candidate] = {}
    for c in cands:
        key = (c.sent, c.values["work"])
        if c.prob >= threshold and (key not in best or c.prob > best[key].prob):
            best[key] = c
    out = []
    for c in cands:
        top = best.get((c.sent, c.values["work"]))
        if top is None or c is top or frozenset((c.values[field], top.values[field])) in allowed_pairs:
            out.append(c)
    return out


def decode(doc: Doc, cands: list[Candidate], thresholds: dict[str, float]) -> None:
    by_type: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_type[c.type].append(c)
    th = {t: thresholds.get(t, 0.5) for t in ("cast", "character", "crew", "network", "status", "release", "related")}
    for t in _ANCHOR:
        by_type[t] = _compete(by_type[t], th[t])
    by_type["network"] = _one_per_work(by_type["network"], th["network"])
    statuses = _one_phrase_one_status(by_type["status"])
    by_type["status"] = _one_per_work(statuses, th["status"], {frozenset(("renewed", "ending"))})
    by_type["release"] = _one_per_work(by_type["release"], th["release"])
    _cast(doc, by_type["cast"], by_type["character"], th["cast"], th["character"])
    crew = _one_implicit(_named_first(doc, by_type["crew"], th["crew"], ("person", "role")), th["crew"], ("person", "role"))
    for c in best_by_key(crew, ("person", "role", "work")).values():
        if c.prob >= th["crew"]:
            _add(doc, c, "crew", **c.values)
    for c in best_by_key(by_type["network"], ("work", "network")).values():
        if c.prob >= th["network"]:
            _add(doc, c, "network", **c.values)
    for key, c in best_by_key(by_type["status"], ("work", "status")).items():
        if c.prob >= th["status"]:
            season = _stated(c, by_type["status"], ("work", "status"), key, th["status"], lambda x: _season(doc, x, x.values["status"]))
            network = _stated(c, by_type["status"], ("work", "status"), key, th["status"], lambda x: _network(doc, x))
            _add(doc, c, "status", work=c.values["work"], season=season, status=c.values["status"], network=network)
    for key, c in best_by_key(by_type["release"], ("work", "date")).items():
        if c.prob >= th["release"]:
            network = _stated(c, by_type["release"], ("work", "date"), key, th["release"], lambda x: _network(doc, x))
            _add(doc, c, "release", work=c.values["work"], season=_season(doc, c, "release"), date=c.values["date"], network=network)
    for c in best_by_key(by_type["related"], ("work", "related", "relation")).values():
        if c.prob >= th["related"]:
            _add(doc, c, "related", **c.values)


def _one_phrase_one_status(cands: list[Candidate]) -> list[Candidate]:
    """A status phrase states one status for a work: its own or one of its alternatives."""
    best: dict[tuple[Any, ...], Candidate] = {}
    for c in cands:
        key = (c.values["work"], c.info["cue"].start, c.sent)
        if key not in best or c.prob > best[key].prob:
            best[key] = c
    return list(best.values())


def _cast(doc: Doc, cast: list[Candidate], characters: list[Candidate], threshold: float, character_threshold: float) -> None:
    roles = _match_characters(characters, character_threshold)
    cast = _one_implicit(_named_first(doc, cast, threshold, ("person",)), threshold, ("person",))
    passing: dict[tuple[str, str], set[int]] = defaultdict(set)  # (person, work) → sentences that state it
    for c in cast:
        if c.prob >= threshold:
            passing[(c.values["person"], c.values["work"])].add(c.sent)
    works_of_person: dict[str, set[str]] = defaultdict(set)
    for person, work in passing:
        works_of_person[person].add(work)
    for c in best_by_key(cast, ("person", "work")).values():
        if c.prob >= threshold:
            person, work = c.values["person"], c.values["work"]
            character = _character_for(roles.get(person, []), passing[(person, work)], work, doc.topic, works_of_person[person])
            if c.info.get("work") is not None and _credit(doc, c.info["work"]):
                character = None  # "A (Credit) as B": B is the part in the work the sentence casts A in
            if character == person:
                character = None
            _add(doc, c, "cast", person=person, character=character, work=work)


def _named_first(doc: Doc, cands: list[Candidate], threshold: float, fields: tuple[str, ...]) -> list[Candidate]:
    """A person a sentence casts (or credits in a role) in a work it names is not also cast or
    credited, by that sentence, in a work it leaves implicit ("X will also star in IF" is not
    the topic's cast), unless the named one is a short form of the implicit one ("Resident
    Evil" in an article on "Resident Evil: The Final Chapter") or an earlier credit in
    brackets ("Juliet Stevenson (Bend It Like Beckham) as Matilda" casts her in the topic).
    ``fields`` are the values besides the work that make the claim (the person; the person
    and the role)."""
    named: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for c in cands:
        if c.info.get("work") is not None and c.prob >= threshold and not _credit(doc, c.info["work"]):
            named[(c.sent, *(c.values[f] for f in fields))].append(c.values["work"].lower())

    def other_work(c: Candidate) -> bool:
        implicit = c.values["work"].lower()
        return any(n not in implicit and implicit not in n for n in named.get((c.sent, *(c.values[f] for f in fields)), ()))

    return [c for c in cands if c.info.get("work") is not None or not other_work(c)]


def _one_implicit(cands: list[Candidate], threshold: float, fields: tuple[str, ...]) -> list[Candidate]:
    """Of the works a sentence leaves implicit (the topic, the work named last, the paragraph's
    subject), a person is cast (or credited in a role) in the most probable one only: "The cast
    also includes A and B" names one cast list, not two."""
    best: dict[tuple[Any, ...], Candidate] = {}
    for c in cands:
        key = (c.sent, *(c.values[f] for f in fields))
        if c.info.get("work") is None and c.prob >= threshold and (key not in best or c.prob > best[key].prob):
            best[key] = c
    return [c for c in cands if c.info.get("work") is not None or best.get((c.sent, *(c.values[f] for f in fields)), c) is c]


def _credit(doc: Doc, m: Mention) -> bool:
    """A work in brackets, the way a person's earlier credit is given ("Juliet Stevenson (Bend It
    Like Beckham) as Matilda"): the person's past, not what the sentence casts them in."""
    return doc.text[max(0, m.start - 3) : m.start].rstrip(" ‘“\"'").endswith("(")


def _add(doc: Doc, c: Candidate, type: str, **values: Any) -> None:
    sent = doc.sentences[c.sent]
    doc.add(type, sent.start, sent.end, confidence=c.prob, **values)


def _match_characters(cands: list[Candidate], threshold: float) -> dict[str, list[Candidate]]:
    """Each person's characters, matched one to one within a sentence (most probable pairs
    first), most probable first."""
    out: dict[str, list[Candidate]] = defaultdict(list)
    by_sentence: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.prob >= threshold:
            by_sentence[c.sent].append(c)
    for found in by_sentence.values():
        people: set[str] = set()
        names: set[str] = set()
        for c in sorted(found, key=lambda c: -c.prob):
            person, character = c.values["person"], c.values["character"]
            if person in people or character in names:
                continue
            people.add(person)
            names.add(character)
            out[person].append(c)
    for found in out.values():
        found.sort(key=lambda c: -c.prob)
    return out


def _character_for(found: list[Candidate], sentences: set[int], work: str, topic: str | None, works: set[str]) -> str | None:
    """The character a person plays in one work: one named in a sentence that states this cast
    fact ("X also stars as Y"); else, for the article's own work (or the person's only one), the
    person's most probable character anywhere; a credit ("Line of Duty actor X") gets none."""
    for c in found:
        if c.sent in sentences:
            return c.values["character"]
    if found and (work == topic or len(works) == 1):
        return found[0].values["character"]
    return None


def _season(doc: Doc, c: Candidate, what: str) -> int | None:
    """The season a status or release is about: the season phrase nearest the named work
    ("CSI for Season 15") or, for the topic, nearest the cue (a cancellation only when the
    phrase is right beside it); else the season the work's own mention carries."""
    sent = doc.sentences[c.sent]
    seasons = [q for q in doc.cues.get(c.sent, []) if q.kind == "season"]
    cue: Cue = c.info["cue"]
    work: Mention | None = c.info.get("work")
    units = sentence_units(doc, sent)
    at_cue = unit_of(units, cue.start, cue.end)
    at_work = unit_of(units, work.start, max(work.end, work.outer_end)) if work is not None else None
    best: tuple[float, int] | None = None
    for q in seasons:
        if q.start <= cue.start and cue.end <= q.end:
            return int(q.value)  # "fifth and final season" is both the cue and the season
        k = unit_of(units, q.start, q.end)
        if k is None or at_cue is None:
            continue
        distance = float(abs(k - at_cue))
        if at_work is not None:
            distance = min(distance, abs(k - at_work) - (0.5 if k > at_work else 0))
        if best is None or distance < best[0]:
            best = (distance, int(q.value))
    limit = 3 if what == "cancelled" else 10
    if best is not None and best[0] <= limit:
        return best[1]
    if work is not None and work.season is not None:
        return work.season
    return None


def _stated(best: Candidate, cands: list[Candidate], fields: tuple[str, ...], key: tuple[Any, ...], threshold: float,
            read: Callable[[Candidate], Any]) -> Any:  # fmt: skip
    """A field the model does not choose (a season, a network), read off the winning sentence,
    else off the most probable other sentence that states the same claim: a headline "ABC
    Cancels 'X'" whose network the typer doubts, restated in the body as "ABC has canceled X";
    "CBS renews X" in the headline, "for a sixth season" in the body."""
    found = read(best)
    if found is not None:
        return found
    others = [c for c in cands if c is not best and c.sent != best.sent and c.prob >= threshold and tuple(c.values[f] for f in fields) == key]
    for c in sorted(others, key=lambda c: -c.prob):
        found = read(c)
        if found is not None:
            return found
    return None


def _network(doc: Doc, c: Candidate) -> str | None:
    """The network the winning sentence names, nearest the cue."""
    sent = doc.sentences[c.sent]
    found = networks(sent)
    if not found:
        return None
    cue: Cue = c.info["cue"]
    return min(found, key=lambda n: abs(n.start - cue.start)).name


__all__ = ["SentenceView", "best_by_key", "decode"]
