"""What a sentence is about when it does not say: the article's main work, the work a
sentence names, and the work a phrase like "the series" or "the film" refers back to."""

from __future__ import annotations

import re
from collections import Counter

from showfacts.extract.doc import UNKNOWN, WORK, Doc, Mention, Sentence
from showfacts.extract.masked import Masked

ANAPHOR = re.compile(
    r"\b(?:the|this|that|its|the new|the upcoming|the forthcoming|the latest|the hit|the original)\s+"
    r"(?:[\w$£€.-]+\s+){0,2}?(?:series|show|sitcom|drama|film|movie|comedy|programme|project|season|sequel|picture|feature|spin-?off|thriller|revival|reboot|pilot|episode|script|screenplay|adaptation|version|follow-up|prequel|remake|instal?lment)\b"
    r"|\b(?:it|It)\b",
    re.IGNORECASE,
)


# "the next Bond film", "a third Spider-Man film": a work not yet named, never an earlier one
_UNNAMED = re.compile(r"\b(?:next|new|another|third|fourth|fifth|sixth|[A-Z]\w*|\d{2,4}s)\b")  # "the 1970s TV series": another work


def topic_work(doc: Doc) -> Mention | None:
    """The work the article is mostly about: most mentioned, headline mentions counting double.

    An unclassified multi-word name that the headline also names is promoted to a work here
    (the first time the topic is asked for), since the headline makes it the story's subject.
    """
    cached = getattr(doc, "_topic", None)
    if cached is not None or hasattr(doc, "_topic_done"):
        return cached
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    headline = doc.text[doc.paragraphs[0].start : doc.paragraphs[0].end] if doc.paragraphs else ""
    for m in doc.mentions:
        if m.kind == WORK:
            counts[m.name] += 2 if doc.sentences[m.sent].para <= 1 else 1
            first.setdefault(m.name, m)
    # an unclassified title the headline names is a candidate too ("Da Vinci film" → The Da Vinci Code)
    for m in doc.mentions:
        if m.kind == "unknown" and len(m.words) >= 2 and doc.sentences[m.sent].para > 0 and m.text not in counts:
            core = m.text[4:] if m.text.startswith("The ") else m.text
            words = core.split()
            if any(" ".join(words[i : i + 2]) in headline_text(doc) for i in range(len(words) - 1)):
                m.kind, m.name = WORK, m.text
                counts[m.name] += 1
                first.setdefault(m.name, m)
    for name in list(counts):
        core = name[4:] if name.startswith("The ") else name
        words = core.split()
        # the headline names it, whole or by two of its words ("Da Vinci film")
        if core in headline or any(" ".join(words[i : i + 2]) in headline for i in range(len(words) - 1)):
            counts[name] += 3
    # "'Iron Meridian' Sequel Dated": the headline's subject is the new instalment the body names ("Iron Meridian 2")
    for name in list(counts):
        core = name[4:] if name.startswith("The ") else name
        if re.search(
            rf"{re.escape(core)}['’\"]?\s+(?:Sequel|Spinoff|Spin-Off|Spin-off|Prequel|Follow-Up|Follow-up|Reboot|Remake|Revival)", headline
        ):
            newer = [other for other in counts if other != name and other.startswith(name + " ")]
            if len(newer) == 1:
                counts[newer[0]] += counts[name]
    topic = first[counts.most_common(1)[0][0]] if counts else None
    doc._topic_counts = counts  # type: ignore[attr-defined]
    doc._topic = topic  # type: ignore[attr-defined]
    doc._topic_done = True  # type: ignore[attr-defined]
    return topic


class TopicStage:
    """Decide the article's main work once, right after the names are found, so that every
    relation stage sees the same titles (a headline-named title is promoted to a work here)."""

    name = "topic"

    def __call__(self, doc: Doc) -> Doc:
        topic_work(doc)
        return doc


def dominant_work(doc: Doc) -> Mention | None:
    """The article's main work when it is plainly about one: it outweighs every other title
    at least two to one (headline mentions counting extra). A statement that names no work
    ("Cole serves as showrunner") is then about it; in a round-up, about none."""
    topic = topic_work(doc)
    counts: Counter[str] = getattr(doc, "_topic_counts", Counter())
    if topic is None:
        return None
    # the title the main work extends ("Iron Meridian" beside "Iron Meridian 2") is part of its story, not a rival
    rivals = [n for name, n in counts.items() if name != topic.name and not topic.name.startswith(name + " ")]
    if rivals and counts[topic.name] < 2 * max(rivals):
        return None
    return topic


def final_season(doc: Doc, work: str) -> int | None:
    """The number of a work's final season, from an "ending" fact the article already gave."""
    return next(
        (
            f.get("season")
            for f in doc.facts
            if f.type == "status" and f.get("status") == "ending" and f.get("work") == work and f.get("season") is not None
        ),
        None,
    )


def headline_text(doc: Doc) -> str:
    return doc.text[doc.paragraphs[0].start : doc.paragraphs[0].end] if doc.paragraphs else ""


def works_in(sent: Sentence) -> list[Mention]:
    return [m for m in sent.mentions if m.kind == WORK]


_EARLIER = re.compile(
    r"\b(?:first|original|previous|earlier|last)\s+(?:[\w-]+\s+)?(?:film|movie|series|show|season|instal?lment|entry)\b", re.I
)


_OFFSHOOT = re.compile(r"\b(?:spin-?off|prequel|sequel|reboot|revival|remake)\b", re.I)


def _latest_offshoot(doc: Doc, sent: Sentence) -> Mention | None:
    """The last work introduced as an offshoot ("the spinoff Starfall: Outpost") in the sentences before."""
    for prev in reversed(doc.sentences[max(0, sent.index - 4) : sent.index]):
        text = doc.text[prev.start : prev.end]
        for m in reversed(works_in(prev)):
            if _OFFSHOOT.search(text[max(0, m.start - prev.start - 20) : m.start - prev.start]):
                return m
    return None


def _earlier_instalment(doc: Doc) -> Mention | None:
    """The title the main work extends ("Iron Meridian" for "Iron Meridian 2"), if the article names it."""
    topic = topic_work(doc)
    if topic is None:
        return None
    for m in doc.mentions:
        if m.kind == WORK and m.name != topic.name and topic.name.startswith(m.name + " "):
            return m
    return None


def in_relative_clause(doc: Doc, sent: Sentence, m: Mention) -> bool:
    """Whether a name sits in a ", who …" / ", which …" clause still open where it stands."""
    before = doc.text[sent.start : m.start]
    opened = max(before.rfind(", who"), before.rfind(", whose"), before.rfind(", which"))
    return opened >= 0 and "," not in before[opened + 2 :]


def _in_appositive(doc: Doc, sent: Sentence, m: Mention, near: int) -> bool:
    return bool(re.match(r"[^,]*,\s*(?:\w+\s+){0,2}$", doc.text[m.end : near])) and bool(
        re.search(r",\s+(?:a|an|the)\s[^,]*$", doc.text[sent.start : m.start])
    )


def work_for(
    doc: Doc, sent: Sentence, near: int | None = None, allow_topic: bool = True, in_sentence: bool = True, phrase: str | None = None
) -> Mention | None:
    """The work a statement in ``sent`` is about: the nearest named work before ``near``,
    else the first in the sentence, else what an anaphor ("the series") points back to.
    ``in_sentence=False`` skips the sentence's own names: for an anaphor that comes before
    them ("The film is produced by X, producer of W" is not about W). ``phrase`` limits the
    search for an anaphor to the statement itself."""
    # a title inside ", who directed X," is an aside about a person, not what the statement is about
    works = [w for w in works_in(sent) if not in_relative_clause(doc, sent, w)] if in_sentence else []
    if works:
        if near is not None:
            before = [m for m in works if m.end <= near]
            # "W1, a prequel set before the events of W2, will premiere first": not the title in the appositive
            outside = [m for m in before if not _in_appositive(doc, sent, m, near)]
            if outside or before:
                return (outside or before)[-1]
        return works[0]
    text = doc.text[sent.start : sent.end] if phrase is None else phrase  # where to look for "the series"
    anaphor = ANAPHOR.search(text)
    if anaphor and _EARLIER.search(anaphor.group(0)):
        earlier = _earlier_instalment(doc)
        if earlier is not None:
            return earlier  # "The first film grossed $600m": the original, in a story about its sequel
    if anaphor and _OFFSHOOT.search(anaphor.group(0)):
        offshoot = _latest_offshoot(doc, sent)
        if offshoot is not None:
            return offshoot  # "will appear in the spinoff": the spin-off just named, not the main show
    if anaphor and not _UNNAMED.search(anaphor.group(0).split(None, 1)[-1]):
        topic = topic_work(doc)
        recent = [s for s in doc.sentences[max(0, sent.index - 4) : sent.index] if s.para > 0]
        for prev in reversed(recent):
            prev_works = works_in(prev)
            if topic is not None and any(w.name == topic.name for w in prev_works):
                return topic  # "the show" is the article's main work when it was just named
            if prev_works:
                # a title inside a relative clause ("Kessler, who directed The Hollow, is helming …") is an
                # aside: "the film" then is the story's own work, when it has one
                outside = [w for w in prev_works if not in_relative_clause(doc, prev, w)]
                if outside:
                    return outside[-1]
                main = dominant_work(doc)
                return main if main is not None else prev_works[-1]
    return topic_work(doc) if allow_topic else None


_LABEL_GAP = re.compile(r" [a-z][\w-]*(?: [a-z][\w-]*)? ")


def labels(masked: Masked, slot: str, at: int) -> bool:
    """Whether the title in ``slot`` only labels the person named at ``at`` ("Friends actor X")."""
    return bool(_LABEL_GAP.fullmatch(masked.text[masked.position(slot) + len(slot) : at]))


def work_before(doc: Doc, sent: Sentence, masked: Masked, at: int) -> Mention | None:
    """The work a phrase at offset ``at`` of the masked sentence points back to ("it was
    screened on", "the studio behind the film"): the nearest title named before it in the
    sentence, else the one the previous sentences give (not a title named after it)."""
    before = [
        m
        for slot, m in masked.slots.items()
        if (m.kind == WORK or (m.kind == UNKNOWN and len(m.words) >= 2 and not placed(doc, m)))
        and 0 <= masked.position(slot) < at
        and not labels(masked, slot, at)
    ]
    if before:
        return max(before, key=lambda m: m.start)
    return work_for(doc, sent, in_sentence=False)


_PLACE_WORDS = re.compile(r"\b(?:in|at|near|outside|from|across)\s+(?:the\s+)?$", re.IGNORECASE)


def placed(doc: Doc, m: Mention) -> bool:
    """An unclassified name after "in", "at" or "near" is a place ("shown at the Millennium
    Dome in Greenwich before being screened on BSkyB"), not a title."""
    return bool(_PLACE_WORDS.search(doc.text[max(0, m.start - 12) : m.start]))
