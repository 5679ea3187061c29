"""Release-order facts: one work comes out before another ("it won't be till after The
Defenders that we get to see the second season", "began in 2001 following X and Y")."""

from __future__ import annotations

import re

from showfacts.extract.context import topic_work
from showfacts.extract.doc import UNKNOWN, WORK, Doc
from showfacts.extract.masked import mask
from showfacts.extract.seasons import season_near

_AFTER = re.compile(
    r"(?:(?:till|until) after|not (?:be )?(?:until|till) after|following|after|ahead of|before)\s+(?:(?:other|the|fellow|earlier|previous|its)\s+)?"
    r"(?:(?:[WU]\d+\s+)?(?:[a-z][\w-]*\s+){0,3})?(?P<list>[WU]\d+(?:(?:,\s+|,?\s+and\s+)[WU]\d+)*)",
    re.I,
)
_RELEASE_WORDS = re.compile(r"\b(?:premiere|debut|release|come out|came out|began|begin|return|see|launch|air|arriv|hit|out)\w*", re.I)


class OrderStage:
    name = "release_order"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0:
                continue
            masked = mask(doc, sent)
            if not _RELEASE_WORDS.search(masked.text):
                continue
            for m in _AFTER.finditer(masked.text):
                firsts = [w for w in masked.all_in(m.group("list")) if w.kind in (WORK, UNKNOWN) and len(w.text) > 2]
                if not firsts:
                    continue
                lead = masked.text[: m.start()]
                if re.search(r"\bset\b[^,.;]{0,40}$", lead) or "events of" in m.group(0).lower():
                    continue  # "a prequel set twenty years before the events of X": story time, not release order
                later_first = m.group(0).lower().startswith(("ahead of", "before"))
                if re.search(r"\bnot\s+$", lead) and later_first:
                    later_first = False  # "you will see it — but not before X arrives": X comes first
                subject = next((w for w in masked.slots.values() if w.kind == WORK and w not in firsts and w.start < firsts[0].start), None)
                if subject is None:
                    topic = topic_work(doc)
                    subject = topic if topic is not None and topic.name not in {w.name for w in firsts} else None
                if subject is None:
                    continue
                season = season_near(doc, sent, sent.start, sent.end) or subject.season
                for first in firsts:
                    a = {"work": first.name or first.text, "season": None}
                    b = {"work": subject.name or subject.text, "season": season}
                    before, after = (b, a) if later_first else (a, b)
                    doc.add("release_order", sent.start, sent.end, before=before, after=after)
        return doc
