"""Release facts: when a work or season comes out ("premieres Sept. 12", "released in
2006", "set to come out next year" with a known publication date)."""

from __future__ import annotations

import re
from datetime import date

from showfacts.extract.context import final_season, work_for
from showfacts.extract.dates import find_dates, in_the_past
from showfacts.extract.doc import Doc, Sentence
from showfacts.extract.mentions import NETWORK, Mention, season_near
from showfacts.lang import lexicon

_CUE = re.compile(
    r"\b(?:premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|releas(?:e|es|ed|ing)|come out|comes out|came out|(?<!pulled )(?<!dropped )(?<!bowed )(?<!walked )(?<!stepped )out in|"
    r"hit(?:s)? (?:the )?(?:big screen|screens|theaters|theatres|cinemas)|arriv(?:e|es|ed|ing)|launch(?:es|ed)?|"
    r"return(?:s|ed|ing)?|air(?:s|ed|ing)?|bow(?:s|ed)?|drop(?:s|ped)?|stream(?:s|ing)|opens?|opened|opening|first broadcast|"
    r"began|begins|start(?:s|ed)? (?:airing|streaming)|is due|are due|due out|slated for|set for|scheduled for|expected (?:in|on|by|to arrive|to debut|to premiere|to return|to bow)|(?:push|mov|shift|bump)(?:es|ed|ing|e|s)?\b|slot|in cinemas|in theaters|on screens)\b",
    re.I,
)
_NOT_RELEASE = re.compile(
    r"\b(?:film(?:ing|ed)|shoot(?:ing)?|production|script|writ(?:ing|ten)|casting|began (?:his|her|their) career|born|"
    r"released from|launched (?:the|his|her|their) (?:actress|actor|career|star)|launched (?:him|her|them))\b",
    re.I,
)
_DECISION = re.compile(r"\b(?:renew|cancel|order|green-?lit|greenlight|commission|pick(?:ed)? up|axed|scrapped)\w*", re.I)
_NOT_UNTIL = re.compile(r"\b(?:won't|will not|wouldn't|would not|isn't|is not|not)\b[^,.;]{0,40}\b(?:until|till)\s+$", re.I)
_OLD_PLAN = re.compile(
    r"\b(?:was|were|had been) (?:originally |initially |first )?(?:expected|scheduled|slated|set|due|supposed|planned)\b", re.I
)
_PAST = re.compile(r"(?:\w+ed|began|came out|bowed|opened|arrived|launched|aired|hit(?: \w+)*|first broadcast)", re.I)
# "in the 2006 film": a year as the adjective of the work itself, a release when the film is still to come
_YEAR_FILM = re.compile(r"\bthe (?P<year>(?:19|20)\d\d) (?:film|movie|feature|picture|series|sequel|remake|adaptation)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|is to|are to|is set to|are set to|is due|are due|upcoming|forthcoming)\b", re.I)
_YEAR_ADJECTIVE = re.compile(
    r"\s*(?:'s|’s|\s+(?:film|original|version|movie|series|season)|\s+(?:[A-Z][\w'’:-]*\s+){1,5}(?:film|movie|series|original|version)\b)"
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
                self._year_adjective(doc, sent, text, published)
                continue
            decision = [h.start() for h in _DECISION.finditer(text)]  # renewal and similar verbs own the dates nearest them
            for d in find_dates(text, sent.start, published):
                rel = d.start - sent.start
                cue = min(cues, key=lambda c: abs(c.start() - rel))
                if abs(cue.start() - rel) > (130 if re.search(r"\bto\s+$", text[max(0, rel - 4) : rel]) else 70):
                    continue  # "pushed X, the thriller starring A and B, from May to June 19, 2026" reaches further
                between = text[min(cue.end(), rel) : max(cue.start(), rel)]
                if _NOT_RELEASE.search(between) or _NOT_RELEASE.search(text[max(0, cue.start() - 25) : cue.end() + 25]):
                    continue
                if re.search(r"\bfrom\s+$", text[max(0, rel - 6) : rel]) and re.search(r"\bto\b", text[rel:]):
                    continue  # "pushed from November 2025 to June 19, 2026": the old date
                if re.search(r"\b(?:since|until|till|ago|after|before)\s+$", text[max(0, rel - 8) : rel]) and not _NOT_UNTIL.search(
                    text[:rel]
                ):
                    continue  # "until 2027" bounds something else, but "won't arrive until 2027" dates the release
                if decision and min(abs(h - rel) for h in decision) < abs(cue.start() - rel):
                    continue  # "renewed in May, days after the finale aired": the date is the decision's
                if _OLD_PLAN.search(text[max(0, cue.start() - 30) : cue.end()]):
                    continue  # "was expected to return this year": a plan the story reports as dropped
                if _YEAR_ADJECTIVE.match(text[d.end - sent.start :]):
                    continue  # "the 2002 original", "1995's A Little Princess", "the 1988 Glass Orchard film"
                work = work_for(doc, sent, near=sent.start + min(cue.start(), rel))
                if work is None or _is_instalment(doc, work):
                    continue
                lo, hi = min(work.start, sent.start + cue.start(), d.start), max(work.end, sent.start + cue.end(), d.end)
                season = season_near(doc, sent, max(sent.start, lo - 20), min(sent.end, hi + 12))
                value = d.value
                if d.relative and published is not None and _PAST.fullmatch(cue.group(0)):
                    value = in_the_past(value, published)
                if season is None and work.season is not None:
                    season = work.season
                if season is None and re.search(r"\b(?:final|last) season\b", text, re.I):
                    season = final_season(doc, work.name or work.text)  # "the final season", numbered elsewhere
                network = next((m.name for m in sent.mentions if m.kind == NETWORK and abs(m.start - d.start) < 40), None)
                if network is None and work.owner and work.owner in lexicon().networks:
                    network = work.owner  # "Lionsgate's The Longest Mile, which opens March 7"
                if network is None:  # "Warner Bros. has dated the sequel …, setting it for release on …": the subject
                    network = next((m.name for m in sent.mentions if m.kind == NETWORK and m.first_tok <= 1), None)
                doc.add("release", sent.start, sent.end, work=work.name or work.text, season=season, date=value, network=network)
            self._year_adjective(doc, sent, text, published)
        return doc

    @staticmethod
    def _year_adjective(doc: Doc, sent: Sentence, text: str, published: date | None) -> None:
        """ "Oprah Winfrey will voice a goose in the 2006 film": a release year, when the film is still
        to come (a future tense, or a year not before the article's); "the 1992 film" of a past work is not."""
        for hit in _YEAR_FILM.finditer(text):
            year = int(hit.group("year"))
            if published is not None and year < published.year:
                continue
            if published is None and not _FUTURE.search(text):
                continue
            work = work_for(doc, sent, near=sent.start + hit.start())
            if work is not None and not _is_instalment(doc, work):
                doc.add("release", sent.start, sent.end, work=work.name or work.text, season=None, date=str(year), network=None)


def _is_instalment(doc: Doc, work: Mention) -> bool:
    """True for a franchise name standing in for an unnamed instalment ("a third X film")."""
    before = doc.text[max(0, work.start - 20) : work.start]
    after = doc.text[work.end : work.end + 12]
    return bool(_INSTALMENT.search(before)) and bool(re.match(r"\s+(?:film|movie|instal?lment|sequel)", after, re.I))
