"""Release facts: when a work or season comes out ("premieres Sept. 12", "released in
2006", "set to come out next year" with a known publication date)."""

from __future__ import annotations

import re

from showfacts.extract.context import work_for
from showfacts.extract.dates import find_dates
from showfacts.extract.doc import Doc
from showfacts.extract.mentions import NETWORK, Mention, season_near

_CUE = re.compile(
    r"\b(?:premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|releas(?:e|es|ed|ing)|come out|comes out|came out|(?<!pulled )(?<!dropped )(?<!bowed )(?<!walked )(?<!stepped )out in|"
    r"hit(?:s)? (?:the )?(?:big screen|screens|theaters|theatres|cinemas)|arriv(?:e|es|ed|ing)|launch(?:es|ed)?|"
    r"return(?:s|ed|ing)?|air(?:s|ed|ing)?|bow(?:s|ed)?|drop(?:s|ped)?|stream(?:s|ing)|opens?|opened|first broadcast|"
    r"began|begins|start(?:s|ed)? (?:airing|streaming)|is due|are due|due out|slated for|set for|scheduled for|in cinemas|in theaters|on screens)\b",
    re.I,
)
_NOT_RELEASE = re.compile(
    r"\b(?:film(?:ing|ed)|shoot(?:ing)?|production|script|writ(?:ing|ten)|casting|began (?:his|her|their) career|born|"
    r"released from|launched (?:the|his|her|their) (?:actress|actor|career|star)|launched (?:him|her|them))\b",
    re.I,
)
# "a third Spider-Man film": an instalment not yet named
_INSTALMENT = re.compile(r"\b(?:a|an|another|the next|a new)\s+(?:\w+\s+)?$", re.I)


class ReleaseStage:
    name = "release"

    def __call__(self, doc: Doc) -> Doc:
        published = doc.article.published_date
        for sent in doc.sentences:
            if sent.para == 0:
                continue
            text = doc.text[sent.start : sent.end]
            cues = list(_CUE.finditer(text))
            if not cues:
                continue
            for d in find_dates(text, sent.start, published):
                rel = d.start - sent.start
                cue = min(cues, key=lambda c: abs(c.start() - rel))
                if abs(cue.start() - rel) > 70:
                    continue
                between = text[min(cue.end(), rel) : max(cue.start(), rel)]
                if _NOT_RELEASE.search(between) or _NOT_RELEASE.search(text[max(0, cue.start() - 25) : cue.end() + 25]):
                    continue
                if re.search(r"\b(?:since|until|till|ago|after|before)\s+$", text[max(0, rel - 8) : rel]):
                    continue
                if re.match(r"\s*(?:'s|’s|\s+(?:film|original|version|movie|series|season))", text[d.end - sent.start :]):
                    continue  # "the 2002 original", "1995's A Little Princess"
                work = work_for(doc, sent, near=sent.start + min(cue.start(), rel))
                if work is None or _is_instalment(doc, work):
                    continue
                lo, hi = min(work.start, sent.start + cue.start(), d.start), max(work.end, sent.start + cue.end(), d.end)
                season = season_near(doc, sent, max(sent.start, lo - 12), min(sent.end, hi + 12))
                if season is None and work.season is not None:
                    season = work.season
                network = next((m.name for m in sent.mentions if m.kind == NETWORK and abs(m.start - d.start) < 40), None)
                doc.add("release", sent.start, sent.end, work=work.name or work.text, season=season, date=d.value, network=network)
        return doc


def _is_instalment(doc: Doc, work: Mention) -> bool:
    """True for a franchise name standing in for an unnamed instalment ("a third X film")."""
    before = doc.text[max(0, work.start - 20) : work.start]
    after = doc.text[work.end : work.end + 12]
    return bool(_INSTALMENT.search(before)) and bool(re.match(r"\s+(?:film|movie|instal?lment|sequel)", after, re.I))
