"""Related-work facts: spin-offs, sequels, prequels, remakes, revivals, adaptations,
crossovers and shared universes, from the relation phrases in lang/en/relations.yaml."""

from __future__ import annotations

import re
from functools import cache

from showfacts.extract.context import topic_work
from showfacts.extract.doc import Doc
from showfacts.extract.masked import mask
from showfacts.extract.mentions import UNKNOWN, WORK
from showfacts.lang import lexicon

_SLOT = r"[WU]\d+"


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for relation, sources in lexicon().relation_patterns.items():
        for source in sources:
            regex = source.replace("{A}", rf"(?P<a>{_SLOT})").replace("{B}", rf"(?P<b>{_SLOT})")
            out.append((relation, re.compile(regex, re.IGNORECASE)))
    return out


_SPINOFF_SELF = re.compile(r"\b(?:the|a|an) (?:\w+ )?spin-?off (?:series|show|sitcom|drama)\b", re.IGNORECASE)


class RelatedStage:
    name = "related"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0:
                continue
            works = [m for m in sent.mentions if m.kind in (WORK, UNKNOWN)]
            masked = mask(doc, sent)
            if len(works) >= 2 or (works and "the " in masked.text.lower()):
                for relation, pattern in _patterns():
                    for match in pattern.finditer(masked.text):
                        a = masked.mention(match.groupdict().get("a"))
                        b = masked.mention(match.groupdict().get("b"))
                        if a is None:
                            continue
                        if b is None:
                            topic = topic_work(doc)
                            if topic is None or topic.name == a.name:
                                continue
                            b_name = topic.name
                        else:
                            b_name = b.name or b.text
                        a_name = a.name or a.text
                        if a.kind != WORK and (b is None or b.kind != WORK):
                            continue
                        if a_name == b_name:
                            continue
                        doc.add("related", sent.start, sent.end, work=a_name, related=b_name, relation=relation)
            # "the spin-off series" said of another work in a sentence about the topic work
            if _SPINOFF_SELF.search(masked.text):
                topic = topic_work(doc)
                here = {m.name for m in works}
                others = [m for m in doc.mentions if m.kind == WORK and topic is not None and m.name != topic.name and m.name not in here]
                if topic is not None and others:
                    other = max({m.name for m in others}, key=lambda n: sum(1 for m in others if m.name == n))
                    doc.add("related", sent.start, sent.end, work=other, related=topic.name, relation="spinoff")
        return doc
