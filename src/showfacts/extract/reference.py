"""What an article is about, and the phrases that point back to a named work.

The topic is the work the article names most (the headline and lede count extra). A phrase
such as "the series", "the drama" or "the upcoming film" stands for the work named last
within the two sentences before it, else for the topic; each becomes a mention of kind
``work`` (in ``Sentence.anaphors``) whose ``ref`` says how it was resolved, so that the
relation models can weigh it.
"""

from __future__ import annotations

import re
from collections import Counter

from showfacts.extract.doc import WORK, Doc, Mention, Sentence

ANAPHOR = re.compile(
    r"\b(?P<det>the|this|that|its|their|his|her)\s+(?P<mods>(?:(?!(?:and|or|of|in|on|for|with|by|to|from)\b)[\w$£€.'-]+\s+){0,2}?)"
    r"(?P<noun>series|show|sitcom|drama|dramedy|comedy|film|movie|sequel|prequel|spin-?off|reboot|revival|project|pilot|thriller|"
    r"miniseries|limited series|docuseries|feature|picture|adaptation|remake|programme|franchise|procedural|anthology)\b",
    re.IGNORECASE,
)
# "the first film", "the original series": an earlier instalment, not the work of the story
_EARLIER = re.compile(r"\b(?:first|original|previous|earlier|last|old|1st)\b", re.I)
# "the series Westworld": the title itself follows and is the mention
_TITLE_FOLLOWS = re.compile(r"^[,]?\s*[‘“\"']?[A-Z0-9]")


def topic(doc: Doc) -> str | None:
    """The name of the work the article is mostly about (cached on the doc)."""
    if doc.topic is not None or doc.topic_done:
        return doc.topic
    counts: Counter[str] = Counter()
    title = (doc.article.title or "").lower()
    for m in doc.mentions:
        if m.kind != WORK or not m.name:
            continue
        sent = doc.sentences[m.sent]
        weight = 1.0 + (1.0 if sent.para <= 1 or doc.is_headline(sent) else 0.0)
        counts[m.name] += weight
    for name in list(counts):
        core = name[4:] if name.startswith("The ") else name
        if core.lower() in title:
            counts[name] += 2
    doc.topic = counts.most_common(1)[0][0] if counts else None
    doc.topic_counts = counts
    doc.topic_done = True
    return doc.topic


def topic_share(doc: Doc) -> float:
    """How much of the article's work mentions go to its topic (0 to 1)."""
    topic(doc)
    total = sum(doc.topic_counts.values())
    return doc.topic_counts.get(doc.topic, 0) / total if total and doc.topic else 0.0


class ReferenceStage:
    """Decides the topic, and resolves "the series"-like phrases to works."""

    name = "reference"

    def __call__(self, doc: Doc) -> Doc:
        main = topic(doc)
        recent: list[tuple[int, Mention]] = []  # (sentence index, work mention)
        for sent in doc.sentences:
            if sent.start >= doc.body_end:
                break
            sent.anaphors = []
            text = doc.text[sent.start : sent.end]
            works_here = [m for m in sent.mentions if m.kind == WORK and m.name]
            for a in ANAPHOR.finditer(text):
                if _TITLE_FOLLOWS.match(text[a.end() :]) or _EARLIER.search(a.group("mods") or ""):
                    continue
                start = sent.start + a.start()
                before = [m for m in works_here if m.end <= start]
                window = [m for s, m in recent if sent.index - s <= 2]
                # a title earlier in the same sentence is most often a credit ("Downton Abbey star X
                # joins the show"): the phrase stands for the topic, or for the title of the sentences before
                if any(m.name == main for m in before):
                    referent, how = main, "same_sentence"
                elif window:
                    referent, how = window[-1].name, "recent"
                elif main:
                    referent, how = main, "topic"
                elif before:
                    referent, how = before[-1].name, "same_sentence"
                else:
                    continue
                if referent == main and how != "topic":
                    how += "_topic"
                toks = [k for k, t in enumerate(sent.tokens) if start <= t.idx < sent.start + a.end()]
                if not toks:
                    continue
                m = Mention(start, sent.start + a.end(), a.group(0), sent.index, toks[0], toks[-1], kind=WORK, name=referent)
                m.outer_end = m.end
                m.ref = f"{how}:{a.group('noun').lower()}"
                m.probs = {WORK: 1.0}
                sent.anaphors.append(m)
            recent.extend((sent.index, m) for m in works_here)
        return doc


def works_of(sent: Sentence) -> list[Mention]:
    """The works a sentence names or points to, in text order."""
    return sorted([m for m in sent.mentions if m.kind == WORK] + sent.anaphors, key=lambda m: m.start)
