"""Related-work facts: spin-offs, sequels, prequels, remakes, revivals, adaptations,
crossovers and shared universes, from the relation phrases in lang/en/relations.yaml."""

from __future__ import annotations

import re
from functools import cache

from showfacts.extract.context import topic_work
from showfacts.extract.doc import UNKNOWN, WORK, Doc, Mention, Sentence
from showfacts.extract.masked import mask
from showfacts.lang import lexicon

_SLOT = r"[WU]\d+"
_LIST = rf"{_SLOT}(?:(?:,\s+|,?\s+and\s+){_SLOT})*"
# "the spin-off series", unnamed: another work of the article spun off from its main one
_SPINOFF_SELF = re.compile(r"\b(?:the|a|an) spin-?off (?:series|show|sitcom|drama)\b", re.IGNORECASE)


# "The prequel 1923 stars …": an offshoot named right after its kind, of the work just discussed
_NAMED_OFFSHOOT = re.compile(
    r"\b(?:the|a|an|its|this|that) (?:new |upcoming |planned |animated |live-action )?(?P<rel>prequel|sequel|spin-?off|revival|remake|reboot)"
    r"(?: series| film| movie| show)?,? (?:titled |called |named )?(?P<a>[WU]\d+)",
    re.IGNORECASE,
)
_RELATION_NOUN = {
    "prequel": "prequel",
    "sequel": "sequel",
    "spinoff": "spinoff",
    "revival": "revival",
    "remake": "remake",
    "reboot": "remake",
}


def _previous_work(doc: Doc, sent: Sentence, newer: Mention | None) -> Mention | None:
    """The work discussed just before: one named earlier in the sentence, else the last one named in
    the (up to four) preceding sentences of this paragraph."""
    if newer is None:
        return None
    titles = {m.name for m in doc.mentions if m.kind == WORK and m.name}
    earlier = [m for m in sent.mentions if m.kind == WORK and m.end <= newer.start and m.name != (newer.name or newer.text)]
    if earlier:  # "Peacock renewed Starfall …, but not before the spinoff Starfall: Outpost arrives"
        return earlier[-1]
    for prev in reversed(doc.sentences[max(0, sent.index - 4) : sent.index]):
        if prev.para != sent.para:
            break
        named = [_as_title(m, titles) for m in prev.mentions if m.kind in (WORK, UNKNOWN)]
        named = [m for m in named if m is not None and m.name != (newer.name or newer.text)]
        if named:
            return named[-1]
    return None


def _main_other(doc: Doc, newer: Mention | None) -> Mention | None:
    """The story's main work, when the offshoot is not it ("a spinoff, titled Southern Cross")."""
    topic = topic_work(doc)
    if newer is None or topic is None or topic.name == (newer.name or newer.text):
        return None
    return topic


def _as_title(m: Mention, titles: set[str]) -> Mention | None:
    """A work mention, or an unclassified short form of a title the article names in full
    ("Buffy" after "Buffy the Vampire Slayer") standing for that title; else None."""
    if m.kind == WORK:
        return m
    full = [t for t in titles if t != m.text and t.startswith(m.text + " ")]
    if len(full) != 1:
        return None
    return Mention(m.start, m.end, m.text, m.sent, m.first_tok, m.last_tok, kind=WORK, name=full[0])


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Relation phrases with {A} (the newer work), {AL} (a list of them) and {B} (the older)."""
    out = []
    for relation, sources in lexicon().relation_patterns.items():
        for source in sources:
            regex = source.replace("{AL}", rf"(?P<a>{_LIST})").replace("{A}", rf"(?P<a>{_SLOT})").replace("{B}", rf"(?P<b>{_SLOT})")
            out.append((relation, re.compile(regex, re.IGNORECASE)))
    return out


class RelatedStage:
    name = "related"

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sentences:
            if sent.para == 0:
                continue
            works = [m for m in sent.mentions if m.kind in (WORK, UNKNOWN)]
            masked = mask(doc, sent)
            if len(works) >= 2:
                for relation, pattern in _patterns():
                    for match in pattern.finditer(masked.text):
                        older = masked.mention(match.group("b"))
                        for newer in masked.all_in(match.group("a")):
                            _relate(doc, sent, relation, newer, older)
            if _SPINOFF_SELF.search(masked.text):
                self._unnamed_spinoff(doc, sent, works)
            for match in _NAMED_OFFSHOOT.finditer(masked.text):
                newer = masked.mention(match.group("a"))
                older = _previous_work(doc, sent, newer) or _main_other(doc, newer)
                if newer is not None and older is not None:
                    relation = _RELATION_NOUN.get(match.group("rel").lower().replace("-", ""), "spinoff")
                    _relate(doc, sent, relation, newer, older)
        return doc

    @staticmethod
    def _unnamed_spinoff(doc: Doc, sent: Sentence, works: list[Mention]) -> None:
        topic = topic_work(doc)
        if topic is None:
            return
        here = {m.name for m in works}
        others = [m.name for m in doc.mentions if m.kind == WORK and m.name != topic.name and m.name not in here]
        if others:
            other = max(set(others), key=others.count)
            doc.add("related", sent.start, sent.end, work=other, related=topic.name, relation="spinoff")


def _relate(doc: Doc, sent: Sentence, relation: str, newer: Mention, older: Mention | None) -> None:
    if older is None or (newer.kind != WORK and older.kind != WORK):
        return
    a_name, b_name = newer.name or newer.text, older.name or older.text
    if a_name != b_name:
        doc.add("related", sent.start, sent.end, work=a_name, related=b_name, relation=relation)
