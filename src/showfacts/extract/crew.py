"""Crew facts: who made a work in which role ("W director P", "P, the showrunner and
executive producer of W", "P will direct and co-write W", "created by P")."""

from __future__ import annotations

import re

from showfacts.extract.context import ANAPHOR, dominant_work, in_relative_clause, work_before, work_for
from showfacts.extract.doc import Doc, Sentence
from showfacts.extract.masked import Masked, mask
from showfacts.extract.mentions import PERSON, UNKNOWN, WORK, Mention
from showfacts.extract.patterns import find, roles_in

_SUBJECT_VERB = re.compile(
    r"\s+(?:has |had |is |was |will |would |also |then |previously )?"
    r"(?!(?:to|and|or|of|in|on|at|for|from|with|by|as|who|whose|which|that|is|was|the|a|an)\b)[a-z]{3,}\b"
)


_UNNAMED_PART = re.compile(
    r"\b(?:a|an|another) (?:new |next |\w+ )?(?:instal?lment|entry|chapter|film|movie|sequel|spin-?off) (?:in|of|to|from) (?:the )?[WU]\d+"
)


class CrewStage:
    name = "crew"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0 or not any(m.kind == PERSON for m in sent.mentions + sent.pronouns):
                continue
            masked = mask(doc, sent)
            for hit in find("crew", masked):
                roles = roles_in(hit.group("roles"))
                if not roles or _UNNAMED_PART.search(hit.match.group(0)):
                    continue  # "to direct a new instalment in the X franchise": a work not yet named, not X
                people = masked.all_in(hit.group("people")) or [masked.mention(hit.group("person"))]
                work_ms = masked.all_in(hit.group("works")) or [masked.mention(hit.group("work"))]
                work_ms = [w for w in work_ms if w is not None and w.kind in (WORK, UNKNOWN)]
                if not work_ms and hit.group("anaphor"):
                    fallback = work_for(doc, sent, near=None)  # "series creators X and Y"
                    work_ms = [fallback] if fallback is not None else []
                if not work_ms:
                    fallback = _fallback_work(doc, sent, masked, hit.match)
                    work_ms = [fallback] if fallback is not None else []
                for work_m in work_ms:
                    work = work_m.name or work_m.text
                    for person in people:
                        if person is None or person.kind != PERSON or person.name == work:
                            continue
                        for role in roles:
                            doc.add("crew", sent.start, sent.end, person=person.name, role=role, work=work)
        return doc


def _fallback_work(doc: Doc, sent: Sentence, masked: Masked, match: re.Match[str]) -> Mention | None:
    """The work of a crew statement that names none: the work the sentence opens with, or
    the one "the film"/"the series" points back to (a title named before the phrase, else
    the previous sentences'). Nothing when neither is there."""
    works = [m for m in sent.mentions if m.kind == WORK or (m.kind == UNKNOWN and len(m.words) >= 2)]
    if works and works[0].first_tok <= 2:
        return works[0]
    if ANAPHOR.search(match.group(0)):
        return work_before(doc, sent, masked, match.start())
    if ANAPHOR.search(doc.text[sent.start : sent.end]):
        return work_for(doc, sent, near=None)
    role_at = match.start("roles") if "roles" in match.re.groupindex and match.group("roles") else match.start()
    named_before = [
        m
        for slot, m in masked.slots.items()
        if m.kind == WORK and 0 <= masked.position(slot) < role_at and not in_relative_clause(doc, sent, m)
    ]
    if named_before:  # "Roth created Copper Valley and serves as showrunner alongside Lila Brandt"
        return max(named_before, key=lambda m: m.start)
    # the maker is the subject of the clause ("showrunner Dev Malhotra walked through …"): the story's one work
    lead = masked.text[: match.start()]
    if (not re.search(r"[WPNOUX]\d", lead) and len(lead.split()) <= 3) or _SUBJECT_VERB.match(masked.text[match.end() :]):
        return dominant_work(doc)  # "Cole serves as showrunner and executive producer." in a story about one show
    return None
