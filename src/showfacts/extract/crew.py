"""Crew facts: who made a work in which role ("W director P", "P, the showrunner and
executive producer of W", "P will direct and co-write W", "created by P")."""

from __future__ import annotations

from showfacts.extract.context import work_for
from showfacts.extract.doc import Doc
from showfacts.extract.masked import mask
from showfacts.extract.mentions import PERSON, UNKNOWN, WORK
from showfacts.extract.patterns import find, roles_in


class CrewStage:
    name = "crew"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0 or not any(m.kind == PERSON for m in sent.mentions):
                continue
            masked = mask(doc, sent)
            for hit in find("crew", masked):
                roles = roles_in(hit.group("roles"))
                if not roles:
                    continue
                people = masked.all_in(hit.group("people")) or [masked.mention(hit.group("person"))]
                work_ms = masked.all_in(hit.group("works")) or [masked.mention(hit.group("work"))]
                work_ms = [w for w in work_ms if w is not None and w.kind in (WORK, UNKNOWN)]
                if not work_ms:
                    fallback = work_for(doc, sent, near=hit.match.start() + sent.start)
                    work_ms = [fallback] if fallback is not None else []
                for work_m in work_ms:
                    work = work_m.name or work_m.text
                    for person in people:
                        if person is None or person.kind != PERSON or person.name == work:
                            continue
                        for role in roles:
                            doc.add("crew", sent.start, sent.end, person=person.name, role=role, work=work)
        return doc
