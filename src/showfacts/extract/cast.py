"""Cast facts: who plays whom in which work ("X as Y", "X's Kilgrave", "X stars in W",
"W star X"), and the title-role rule: a character named like a work is its lead."""

from __future__ import annotations

import re

from showfacts.extract.context import ANAPHOR, dominant_work, labels, work_for, works_in
from showfacts.extract.doc import Doc, Sentence
from showfacts.extract.masked import mask
from showfacts.extract.mentions import NETWORK, OUTLET, PERSON, UNKNOWN, WORK, Mention
from showfacts.extract.patterns import find, roles_in
from showfacts.facts import Fact


class CastStage:
    name = "cast"

    def __call__(self, doc: Doc) -> Doc:
        played: dict[str, str] = {}  # person → character, to carry a role across works
        for sent in doc.sentences:
            if sent.para == 0 or not any(m.kind == PERSON for m in sent.mentions + sent.pronouns):
                continue
            masked = mask(doc, sent)
            for hit in find("cast", masked):
                # "X starred opposite Y in W": the subject and the partner
                people = [masked.mention(hit.group("person"))] if hit.group("person") else []
                people += [m for m in masked.all_in(hit.group("people")) if m not in people]
                char_m = masked.mention(hit.group("character"))
                work_ms = masked.all_in(hit.group("works")) or [masked.mention(hit.group("work"))]
                title_role = "title role" in hit.match.group(0).lower()
                if char_m is not None and char_m.kind == WORK and _CREDIT.fullmatch(hit.match.group(0)):
                    char_m, work_ms = None, [char_m]  # "Priya Nair (The Night Agent)": a credit, not a role
                works = [w for w in (_work_name(m) for m in work_ms) if w]
                if not works:
                    fallback = _fallback_work(doc, sent, hit.match.start(), hit.match.group(0), char_m is not None)
                    works = [fallback] if fallback else []
                if (
                    re.search(r"\bP\d+'s [UPW]\d+", hit.match.group(0))
                    and char_m is not None
                    and (len(char_m.words) > 1 or char_m.text.isupper())
                ):
                    continue  # "Julie Burchill's Sugar Rush" is a title, "Tennant's Kilgrave" a role
                for work in works:
                    character = _character(char_m, people, work, role_slot=_role_slot(hit.match.group(0), hit.group("character")))
                    if title_role:
                        character = work
                    if char_m is not None and character is None:
                        continue
                    for person in people:
                        if person is not None and person.kind == UNKNOWN and _NAME_LIKE.fullmatch(person.text):
                            person.kind, person.name = PERSON, person.text  # listed among the stars: a person
                        if person is None or person.kind != PERSON or person.name == character or person.name == work:
                            continue
                        maker = _maker_role(person, hit.match.group(0))
                        if maker:  # "writer Miriam Okafor, whose credits include Ozark": her credits as a writer
                            doc.add("crew", sent.start, sent.end, person=person.name, role=maker, work=work)
                            continue
                        doc.add("cast", sent.start, sent.end, person=person.name, character=character, work=work)
                        if character:
                            played[person.name] = character
        self._title_roles(doc, played)
        _drop_unnamed_roles(doc)
        return doc

    @staticmethod
    def _title_roles(doc: Doc, played: dict[str, str]) -> None:
        """A character named after a work ("Jessica" of Jessica Jones) is that work's title role."""
        works = {m.name for m in doc.mentions if m.kind == WORK}
        for fact in list(doc.facts):
            if fact.type != "cast":
                continue
            character = fact.get("character")
            if not character:
                continue
            for work in works:
                if character == work or (work.split()[0] == character and len(work.split()) == 2):
                    doc.add("cast", fact.evidence.start, fact.evidence.end, person=fact.get("person"), character=work, work=work)


_NAME_LIKE = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}")
_CREDIT = re.compile(r"P\d+ \(W\d+\)")
_UNNAMED_WORK = re.compile(
    r"\b(?:a|an|another) (?:new |\w+ )?(?:sequel|spin-?off|prequel|series|film|movie|show|project|reboot|revival)\b[^WU]*$", re.I
)


def _maker_role(person: Mention, matched: str) -> str | None:
    """The crew role of a person introduced by one ("writer X", "director X") whose credits are listed."""
    if not person.descriptor or not re.search(r"\bcredits\b", matched):
        return None
    roles = roles_in(person.descriptor)
    return roles[0] if roles else None


def _fallback_work(doc: Doc, sent: Sentence, at: int, matched: str, has_character: bool) -> str | None:
    """The work of a cast statement that names none: the nearest title before it in the
    sentence, or what "the show"/"the film" points back to."""
    masked = mask(doc, sent)
    opening = [m for m in sent.mentions if m.kind == WORK and m.first_tok <= 2]
    if _UNNAMED_WORK.search(masked.text[:at]):
        return None  # "a sequel series starring X": a work not named
    if opening and masked.text.find(next(k for k, v in masked.slots.items() if v is opening[0])) < at:
        return opening[0].name  # "Enterprise stars ... Scott Bakula as Captain Archer"
    before = [
        m
        for slot, m in masked.slots.items()
        if (slot[0] == "W" or (slot[0] == "U" and len(m.words) >= 2))
        and masked.text.find(slot) < at
        and len(m.text) > 1
        and not labels(masked, slot, at)
    ]
    if before:
        m = max(before, key=lambda x: x.start)
        return m.name or m.text
    if has_character or ANAPHOR.search(matched) or ANAPHOR.search(doc.text[sent.start : sent.end][:40]):
        # a title after the statement belongs to it unless a clause break comes first
        # ("Ritter's Jessica will be part of W" is about W; "X, who played Chandler, has a
        # film, W" is not): then the previous sentences give the work
        end = at + len(matched)
        later = sorted((masked.position(slot), slot) for slot in masked.slots if slot[0] == "W" and masked.position(slot) >= end)
        if later and "," not in masked.text[end : later[0][0]]:
            return _name_of(masked.slots[later[0][1]])
        return _name_of(work_for(doc, sent, in_sentence=False, phrase=masked.text[:end]))  # an anaphor before or in it
    if re.search(
        r"\b(?:the cast|cast as|set as|back as|returns? as|returning as|reprising|recurs?|recurring|guest[- ]stars?|cast members?|regulars|newcomers|joins as|joined as|to star|to appear|to co-star)\b",
        matched,
    ) and not works_in(sent):
        return _name_of(dominant_work(doc))  # "newcomer Ben Adeyemi joins the cast" in a story about one film
    return None


def _name_of(m: Mention | None) -> str | None:
    return m.name if m is not None and m.kind == WORK else None


def _work_name(m: Mention | None) -> str | None:
    if m is None or m.kind in (PERSON, NETWORK, OUTLET):
        return None
    return m.name or m.text


_ROLE_SLOT = re.compile(
    r"\b(?:as|play|plays|played|playing|portray|portrays|portrayed|voice|voices|voiced|role of|part of|voice of)(?: [a-z][\w'-]*){0,4} $"
)


def _role_slot(matched: str, character: str | None) -> bool:
    """Whether the character slot follows "as" or a verb of playing: a full name there is the
    role ("Hanks will play Robert Langdon"), not a second actor."""
    if not character:
        return False
    at = matched.find(character)
    return at > 0 and bool(_ROLE_SLOT.search(matched[:at]))


def _character(m: Mention | None, people: list[Mention | None], work: str, role_slot: bool = False) -> str | None:
    if m is None:
        return None
    if m.kind in (NETWORK, OUTLET):
        return None
    if m.kind == PERSON and role_slot and m.name == m.text and all(p is None or p.name != m.name for p in people):
        return m.text  # "X as Joel Miller": a full name in a role slot is the character
    if m.kind == PERSON and (len(m.words) >= 2 or m.name != m.text):
        # a person named in the character slot is another actor (or the same one), not a role
        return None
    return m.text if m.kind != WORK else m.name


def _drop_unnamed_roles(doc: Doc) -> None:
    """A cast fact says less than another for the same person and work when it has no character,
    or only the first word of the other's ("Jessica" beside "Jessica Jones")."""
    named: dict[tuple[str, str], set[str]] = {}
    for f in doc.facts:
        if f.type == "cast" and f.get("character"):
            named.setdefault((f.get("person"), f.get("work")), set()).add(f.get("character"))

    def weaker(f: Fact) -> bool:
        others = named.get((f.get("person"), f.get("work")), set())
        character = f.get("character")
        if not character:
            return bool(others)
        return any(o != character and o.split()[0] == character and len(character.split()) == 1 for o in others)

    doc.facts[:] = [f for f in doc.facts if not (f.type == "cast" and weaker(f))]
