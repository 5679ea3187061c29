"""Candidate facts: every pairing, within a sentence, of names (and cues) that could state a
fact of each type, with the features its model reads.

- cast: a person and a work (named, "the series", or a work the sentence leaves implicit: the
  article's topic, the work narrated last, the paragraph's subject); character: a person and
  another name beside it;
- crew: a person, a role word and a work (the same works); network: a work and a network;
- status: a work (named, the topic or the work narrated last) and a status phrase; release: a
  work and a date;
- related: two works and a relation word.

Candidates are deliberately generous; the models decide (``decode.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from showfacts.extract.cues import Cue, sentence_cues
from showfacts.extract.doc import CHARACTER, NETWORK, OUTLET, PERSON, WORK, Doc, Mention, Sentence
from showfacts.extract.quotes import find_quote_spans
from showfacts.extract.reference import topic, topic_share
from showfacts.extract.relations.units import Units, pair_features, sentence_units, unit_of
from showfacts.lang import _load, lexicon

TYPES = ("cast", "character", "crew", "network", "status", "release", "related")
MIN_PROB = {PERSON: 0.1, WORK: 0.07, NETWORK: 0.2, CHARACTER: 0.0}
RELATION_WORDS = {
    "spinoff": "spinoff", "spin-off": "spinoff", "spinoffs": "spinoff", "spin-offs": "spinoff", "spun": "spinoff", "offshoot": "spinoff",
    "sequel": "sequel", "sequels": "sequel", "follow-up": "sequel", "prequel": "prequel", "prequels": "prequel",
    "remake": "remake", "reboot": "remake", "reimagining": "remake", "revival": "revival", "crossover": "crossover",
    "adaptation": "adaptation", "adapted": "adaptation", "based": "adaptation", "adapting": "adaptation", "adapt": "adaptation",
    "universe": "shared_universe",
}  # fmt: skip


@dataclass
class Candidate:
    """A possible fact: ``values`` are the fields it would assert, ``features`` what its model reads."""

    type: str
    sent: int
    values: dict[str, Any]
    features: list[str]
    info: dict[str, Any] = field(default_factory=dict)
    prob: float = 0.0


@cache
def cue_words() -> dict[str, frozenset[str]]:
    return {k: frozenset(str(w).lower() for w in v) for k, v in _load("cues.yaml").items()}


def _bin(p: float) -> str:
    return "0" if p < 0.1 else "1" if p < 0.3 else "3" if p < 0.5 else "5" if p < 0.7 else "7" if p < 0.9 else "9"


def people(sent: Sentence) -> list[Mention]:
    out = [m for m in sent.mentions if m.kind == PERSON or (m.p(PERSON) >= MIN_PROB[PERSON] and m.kind != WORK)]
    return out + [m for m in sent.pronouns if m.name]


def works(doc: Doc, sent: Sentence) -> list[Mention]:
    out = [m for m in sent.mentions if m.kind == WORK or (m.p(WORK) >= MIN_PROB[WORK] and m.kind not in (PERSON, NETWORK))]
    return out + [m for m in sent.anaphors if m.name]


def networks(sent: Sentence) -> list[Mention]:
    return [m for m in sent.mentions if m.kind == NETWORK or (m.p(NETWORK) >= MIN_PROB[NETWORK] and m.kind not in (PERSON, WORK))]


def work_name(m: Mention) -> str:
    if m.kind == WORK and m.name:
        return m.name
    return re.sub(r"(?:'s|’s|‘s)$", "", m.text)


_SPEECH = re.compile(r"^\W{0,3}\s*(?:has |had )?(?:said|says|told|tells|added|adds|explained|noted|recalled|admitted|revealed|shared|wrote|tweeted)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|added|explained|told|according to)\s+(?:[\w.-]+\s+){0,4}$")
_PLAYS_AFTER = re.compile(r"^\s*(?:\)|,)?\s*(?:will |would |also |is set to |is to )?(?:play|plays|played|playing|portray\w*|voice\w*|stars? as|starring as|as)\b")
_EXEC_WORDS = frozenset({"president", "chief", "head", "chairman", "chairwoman", "ceo", "executive", "boss", "vp", "commissioner", "controller",
                         "director", "producer", "writer", "creator", "showrunner", "filmmaker", "author", "novelist"})  # fmt: skip


_CREDIT_BEFORE = re.compile(
    r"(?:\b(?:known for|known from|star of|alum of|alumnus of|alumna of|starred in|starring in|appeared in|credits include|"
    r"roles in|role in|seen in|played in|breakout in)\s+(?:the\s+|[\w’']+[’']s\s+)?|\(\s*)[‘“\"']?$",
    re.IGNORECASE,
)


def profiles(doc: Doc) -> dict[str, set[str]]:
    """What the article says of each person and work anywhere: a person who speaks, is
    introduced by an executive or crew title, stands beside a crew role word, plays someone or
    carries a bracketed credit; a work given as someone's earlier credit, a
    work in the headline, the topic, named often. Features of every candidate they take part in."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in doc.mentions + [p for s in doc.sentences for p in s.pronouns]:
        if m.kind == PERSON and m.name:
            sent = doc.sentences[m.sent]
            after = doc.text[m.end : min(sent.end, m.end + 40)]
            before = doc.text[max(sent.start, m.start - 60) : m.start]
            if _SPEECH.match(after) or _SPEECH_BEFORE.search(before):
                out[m.name].add("speaks")
            if _PLAYS_AFTER.match(after):
                out[m.name].add("plays")
            if re.match(r"^\s*\(\s*[‘“\"']?[A-Z0-9]", after):
                out[m.name].add("credit")
            if m.descriptor and m.descriptor.split()[-1].rstrip("s") in _EXEC_WORDS:
                out[m.name].add("titled")
            if re.search(r"\b(?:actor|actress|star|co-star|alum|alumna|alumnus)s?\s+$", before):
                out[m.name].add("actor")
            if any(c.kind == "role" and (0 <= m.start - c.end <= 25 or 0 <= c.start - m.end <= 25) for c in sentence_cues(doc, sent)):
                out[m.name].add("beside_role")  # "director X", "X, who wrote", "written by X": crew rather than cast
            out[m.name].add("named")
        elif m.kind == WORK and m.name:
            if doc.is_headline(doc.sentences[m.sent]):
                out[m.name].add("in_headline")
            out.setdefault("#count:" + m.name, set()).add(str(m.sent))
            sent = doc.sentences[m.sent]
            if _CREDIT_BEFORE.search(doc.text[max(sent.start, m.start - 40) : m.start]):
                out[m.name].add("credit")  # "best known for X", "(X)", "the X star": someone's earlier work
    if doc.topic:
        out[doc.topic].add("topic")
    return out


def profile_features(role: str, name: str, profile: dict[str, set[str]]) -> list[str]:
    f = [f"{role}_has={x}" for x in sorted(profile.get(name, ()))]
    count = len(profile.get("#count:" + name, ()))
    if count:
        f.append(f"{role}_sentences={min(count, 4)}")
    return f


def arg_features(role: str, m: Mention | None, want: str) -> list[str]:
    if m is None:
        return [f"{role}_implicit"]
    f = [f"{role}_kind={m.kind}", f"{role}_p={_bin(m.p(want))}"]
    if want == PERSON:
        f.append(f"{role}_pc={_bin(m.p(CHARACTER))}")
    elif want == WORK:
        f.append(f"{role}_pp={_bin(m.p(PERSON))}")
    if m.ref:
        how, noun = m.ref.split(":", 1)
        f += [f"{role}_ref={how}", f"{role}_refnoun={noun}"]
    if m.text.lower() in ("he", "she"):
        f.append(f"{role}_pronoun")
    if m.quoted:
        f.append(f"{role}_quoted")
    if m.possessive:
        f.append(f"{role}_possessive")
    if m.descriptor:
        f.append(f"{role}_descriptor={m.descriptor}")
    if m.season is not None:
        f.append(f"{role}_season")
    return f


class SentenceView:
    """What every generator needs of one sentence, computed once."""

    def __init__(self, doc: Doc, sent: Sentence) -> None:
        self.doc, self.sent = doc, sent
        self.units: Units = sentence_units(doc, sent)
        self.cues: list[Cue] = sentence_cues(doc, sent)
        self.words = {s for s in self.units.syms}
        self.people = people(sent)
        self.works = works(doc, sent)
        self.networks = networks(sent)
        self.topic = topic(doc)
        self.recent: str | None = None  # set by generate(): the work named last before this sentence
        self.profile: dict[str, set[str]] = {}  # set by generate(): profiles(doc)
        self.recent_distance = 0
        self.lead: str | None = None  # set by generate(): the first work its paragraph (else the one before) names
        self.work_p: dict[str, float] = {}  # set by generate(): how surely each named work is one (its best mention)
        self.headline = doc.is_headline(sent)
        base = [f"n_people={min(len(self.people), 4)}", f"n_works={min(len(self.works), 4)}"]
        if self.headline:
            base.append("headline")
        words = cue_words()
        if self.words & words["negation"]:
            base.append("negation")
        if self.words & words["hedge"]:
            base.append("hedge")
        self.base = base

    def unit(self, m: Mention | Cue | None) -> int | None:
        if m is None:
            return None
        end = max(m.end, getattr(m, "outer_end", 0) or 0)
        return unit_of(self.units, m.start, end) if (m.start, end) not in self.units.of_span else self.units.of_span[(m.start, end)]

    def cue_features(self, kind: str) -> list[str]:
        return [f"cue={w}" for w in sorted(self.words & cue_words()[kind])]

    def work_args(self, people: bool = False) -> list[tuple[Mention | None, str]]:
        """The works of the sentence, then implicit ones it does not name: the article's topic,
        the work named last in the three sentences before (a round-up's current item) and, for
        statements about people, the paragraph's subject."""
        out: list[tuple[Mention | None, str]] = [(m, work_name(m)) for m in self.works]
        if self.topic and all(name != self.topic for _, name in out):
            out.append((None, self.topic))
        if self.recent and all(name != self.recent for _, name in out):
            out.append((None, self.recent))
        if people and self.lead and all(name != self.lead for _, name in out):
            out.append((None, self.lead))
        return out

    def implicit_features(self, name: str | None = None) -> list[str]:
        share = topic_share(self.doc)
        f = [f"topic_share={_bin(share)}", f"explicit_works={min(len(self.works), 3)}"]
        if name is not None and name == self.recent and name != self.topic:
            f += ["implicit_recent", f"recent_distance={self.recent_distance}"]
        elif name is not None and name == self.lead and name != self.topic:
            f.append("implicit_lead")
        else:
            f.append("implicit_topic")
        if name is not None and name == self.lead:
            f.append("is_lead")  # the paragraph's subject ("The cast also includes …" after "X will debut …")
        if name is not None:
            f.append(f"implicit_p={_bin(self.work_p.get(name, 0.0))}")  # a junk "work" named last is a poor topic
        return f


def generate(doc: Doc) -> list[Candidate]:
    """Every candidate of every type in an article."""
    out: list[Candidate] = []
    previous_status: list[Cue] = []
    named: list[tuple[int, str]] = []  # (sentence, work) in text order
    profile = profiles(doc)
    leads: dict[int, str] = {}  # paragraph → the first work it narrates
    last_lead: str | None = None  # the lead of the last paragraph that had one
    page: dict[str, list[int]] = {}  # network → the sentences that name it
    work_p: dict[str, float] = {}
    spoken = [(q.start, q.end) for q in find_quote_spans(doc) if len(q.text.split()) > 6]  # utterances, not quoted titles
    for m in doc.mentions:
        if m.kind == NETWORK:
            page.setdefault(m.name, []).append(m.sent)
        elif m.kind == WORK:
            name = work_name(m)
            work_p[name] = max(work_p.get(name, 0.0), m.p(WORK))
    for sent in doc.sentences:
        if sent.start >= doc.body_end:
            break
        if sent.para in doc.chrome or not (sent.mentions or sent.anaphors):
            previous_status = []
            continue
        view = SentenceView(doc, sent)
        view.profile = profile
        view.work_p = work_p
        view.lead = leads.get(sent.para, last_lead)  # none named yet in this paragraph: the one before's
        before = [(k, name) for k, name in named if 0 < sent.index - k <= 3]
        if before:
            view.recent = before[-1][1]
            view.recent_distance = sent.index - before[-1][0]
        narrated = [m for m in sent.mentions if m.kind == WORK and not _spoken(m, spoken)]  # what a speaker names is no current item
        named += [(sent.index, work_name(m)) for m in narrated]
        first = next((work_name(m) for m in narrated), None)
        if first is not None and sent.para not in leads:
            leads[sent.para] = first
        if sent.para in leads:
            last_lead = leads[sent.para]
        out += _cast(view) + _characters(view) + _crew(view) + _network(view) + _status(view) + _release(view) + _related(view)
        if page and view.works:
            out += _page_networks(view, page)
        own_status = [c for c in view.cues if c.kind == "status"]
        if not own_status and previous_status and view.works:
            out += [c for c in _status(view, previous_status) if c.info["work"] is not None]
        previous_status = own_status
    return out


def _spoken(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start < m.start and m.end < end for start, end in spans)


def _pair(view: SentenceView, a: Mention | Cue | None, b: Mention | Cue | None, prefix: str = "") -> list[str]:
    return pair_features(view.units, view.unit(a), view.unit(b), prefix)


_LIST_GAP = re.compile(r"\s*(?:\([^()]{1,60}\))?\s*(?:,|;|&|,?\s+and|,?\s+as well as)\s*")
"""What stands between two people of one list: a bracketed part, then a comma, "and", "&"."""


def _listed(view: SentenceView) -> dict[tuple[int, int], str]:
    """People of a list of people ("starring A, B (Bea), C and D"): their place in it, first or later."""
    spans = sorted({(p.start, p.end) for p in view.people if p.end > p.start})
    out: dict[tuple[int, int], str] = {}
    for before, span in pairwise(spans):
        if _LIST_GAP.fullmatch(view.doc.text, before[1], span[0]):
            out.setdefault(before, "first")
            out[span] = "later"
    return out


def _cast(view: SentenceView) -> list[Candidate]:
    out = []
    base = view.base + view.cue_features("cast")
    listed = _listed(view)
    for p in view.people:
        for w, wname in view.work_args(people=True):
            if wname == p.name or (w is not None and (w.start < p.end and p.start < w.end)):
                continue
            f = base + _pair(view, p, w) + arg_features("p", p, PERSON) + arg_features("w", w, WORK)
            if listed.get((p.start, p.end)):
                f += [f"p_list={listed[(p.start, p.end)]}", f"p_list={listed[(p.start, p.end)]}|w_implicit={w is None}"]
            f += profile_features("p", p.name, view.profile) + profile_features("w", wname, view.profile)
            if w is None:
                f += view.implicit_features(wname)
            out.append(Candidate("cast", view.sent.index, {"person": p.name, "work": wname}, f, {"person": p, "work": w}))
    return out


def _characters(view: SentenceView) -> list[Candidate]:
    out = []
    names = [m for m in view.sent.mentions if m.kind not in (NETWORK, OUTLET) and m.p(CHARACTER) >= MIN_PROB[CHARACTER]]
    base = view.base + view.cue_features("cast")
    for p in view.people:
        ip = view.unit(p)
        for c in names:
            if c is p or c.text == p.name or c.text == p.text:
                continue
            ic = view.unit(c)
            if ip is None or ic is None or abs(ip - ic) > 25:
                continue
            f = base + pair_features(view.units, ip, ic) + arg_features("p", p, PERSON) + arg_features("c", c, CHARACTER)
            f.append(f"c_pw={_bin(c.p(WORK))}")
            f.append(f"c_pp={_bin(c.p(PERSON))}")
            out.append(Candidate("character", view.sent.index, {"person": p.name, "character": c.text}, f, {"person": p, "character": c}))
    return out


def _crew(view: SentenceView) -> list[Candidate]:
    roles = [c for c in view.cues if c.kind == "role"]
    if not roles or not view.people:
        return []
    out = []
    base = view.base + view.cue_features("crew")
    for r in roles:
        for p in view.people:
            ip, ir = view.unit(p), view.unit(r)
            if ip is not None and ir is not None and abs(ip - ir) > 20:
                continue
            for w, wname in view.work_args(people=True):
                if wname == p.name:
                    continue
                f = [*base, f"role={r.value}", f"rword={r.text.lower()}"]
                f += _pair(view, p, w, "pw:") + _pair(view, p, r, "pr:") + _pair(view, r, w, "rw:")
                f += arg_features("p", p, PERSON) + arg_features("w", w, WORK)
                f += profile_features("p", p.name, view.profile) + profile_features("w", wname, view.profile)
                if w is None:
                    f += view.implicit_features(wname)
                info = {"person": p, "work": w, "cue": r}
                out.append(Candidate("crew", view.sent.index, {"person": p.name, "role": r.value, "work": wname}, f, info))
    return out


def _page_networks(view: SentenceView, page: dict[str, list[int]]) -> list[Candidate]:
    """A work and a network the sentence does not name but the page does: stories about one
    channel's slate name it once ("NBC's new shows: …") and then list the shows."""
    here = {n.name for n in view.networks}
    ranked = sorted(page, key=lambda name: -len(page[name]))[:3]
    out = []
    base = [*view.base, "page_network", f"page_networks={min(len(page), 3)}"]
    for rank, name in enumerate(ranked):
        if name in here:
            continue
        where = page[name]
        before = [view.sent.index - k for k in where if k < view.sent.index]
        after = [k - view.sent.index for k in where if k > view.sent.index]
        nf = [f"net_rank={rank}", f"net_count={min(len(where), 4)}", f"net_before={min(min(before), 6) if before else 'none'}",
              f"net_after={min(min(after), 6) if after else 'none'}", f"net_share={_bin(len(where) / sum(len(v) for v in page.values()))}"]  # fmt: skip
        if 0 in where or (view.doc.headline is not None and any(view.doc.sentences[k].para == view.doc.headline for k in where)):
            nf.append("net_in_headline")
        for w in view.works:
            if w.ref:
                continue
            f = base + nf + pair_features(view.units, view.unit(w), None) + arg_features("w", w, WORK)
            out.append(Candidate("network", view.sent.index, {"work": work_name(w), "network": name}, f, {"work": w, "network": None}))
    return out


def _network(view: SentenceView) -> list[Candidate]:
    if not view.networks:
        return []
    out = []
    base = view.base + view.cue_features("network")
    for n in view.networks:
        for w, wname in view.work_args():
            if wname == n.name or (w is not None and w.start < n.end and n.start < w.end):
                continue
            f = base + _pair(view, w, n) + arg_features("w", w, WORK) + arg_features("n", n, NETWORK)
            f += profile_features("w", wname, view.profile)
            if w is None:
                f += view.implicit_features(wname)
            if n.possessive:
                f.append("n_possessive")
            out.append(Candidate("network", view.sent.index, {"work": wname, "network": n.name}, f, {"work": w, "network": n}))
    return out


def _status(view: SentenceView, previous: list[Cue] | None = None) -> list[Candidate]:
    """A work and a status phrase of its sentence, each phrase tried as its own status and as
    the statuses it may also state (status.yaml alternatives). With ``previous``, the phrases of
    the sentence before, for a sentence that only lists the works ("Those series include …")."""
    statuses = previous if previous is not None else [c for c in view.cues if c.kind == "status"]
    if not statuses:
        return []
    alternatives = lexicon().status_alternatives
    out = []
    base = [*view.base, "previous_sentence_cue"] if previous is not None else view.base
    has_season = any(c.kind == "season" for c in view.cues)
    for s in statuses:
        phrase = re.sub(r"\s+", " ", s.text.lower().replace("’", "'"))
        for w, wname in view.work_args():
            pf = _pair(view, w, s) if previous is None else pair_features(view.units, view.unit(w), None)
            common = [*base, f"phrase={phrase[:30]}", *pf, *arg_features("w", w, WORK), *profile_features("w", wname, view.profile)]
            if w is None:
                common += view.implicit_features(wname)
            if has_season:
                common.append("has_season")
            for status in (s.value, *alternatives.get(str(s.value), [])):
                own = "own" if status == s.value else "alt"
                f = [*common, f"st={status}", f"st={status}|{own}", f"st={status}|phrase={phrase[:30]}"]
                f += [f"st={status}|{x}" for x in common if x.startswith(("ord=", "dist=", "seq=", "implicit", "has_season", "cue=", "bw="))]
                out.append(Candidate("status", view.sent.index, {"work": wname, "status": status}, f, {"work": w, "cue": s}))
    return out


def _release(view: SentenceView) -> list[Candidate]:
    dates = [c for c in view.cues if c.kind == "date"]
    if not dates:
        return []
    out = []
    base = view.base + view.cue_features("release")
    anchor = view.doc.article.published_anchor
    text = view.doc.text
    for rank, d in enumerate(dates):
        value = str(d.value)
        precision = "season" if value[5:6].isalpha() else {4: "year", 7: "month", 10: "day"}.get(len(value), "other")
        when = []
        if anchor is not None:
            when.append("future" if value[:4] > str(anchor[0].year) or (value[:4] == str(anchor[0].year) and value[5:] >= anchor[0].isoformat()[5:]) else "past")
        before = text[max(view.sent.start, d.start - 45) : d.start].lower()
        order = [f"n_dates={min(len(dates), 3)}"]
        if len(dates) > 1:
            order.append("date_first" if rank == 0 else "date_last" if rank == len(dates) - 1 else "date_middle")
        if _REPLACING.search(before):
            order.append("date_replacing")  # "… to August 14", "now opens on"
        elif _SUPERSEDED.search(before):
            order.append("date_superseded")  # "moved from May 29", "instead of releasing on …", "originally set for"
        for w, wname in view.work_args():
            f = base + [f"precision={precision}", f"relative={d.relative}"] + [f"when={x}" for x in when] + order
            f += _pair(view, w, d) + arg_features("w", w, WORK) + profile_features("w", wname, view.profile)
            if w is None:
                f += view.implicit_features(wname)
            out.append(Candidate("release", view.sent.index, {"work": wname, "date": value}, f, {"work": w, "cue": d}))
    return out


_SUPERSEDED = re.compile(
    r"\b(?:from|instead of|originally|initially|previously|formerly|earlier|original(?: release)? date|"
    r"(?:was|were|had been|been) (?:supposed|set|slated|scheduled|due|dated|planned|expected))\b[^.;]{0,30}$"
)
_REPLACING = re.compile(r"(?:\b(?:to|until|till|now|instead)|new (?:release )?date(?: of| is)?)\s+(?:on\s+|in\s+|for\s+|of\s+)?(?:the\s+)?$")


def _related(view: SentenceView) -> list[Candidate]:
    relations = [(k, RELATION_WORDS[s]) for k, s in enumerate(view.units.syms) if s in RELATION_WORDS]
    args = view.work_args()
    if not relations or len(args) < 2:
        return []
    out = []
    base = view.base + view.cue_features("related")
    for k, relation in relations:
        for a, aname in args:
            for b, bname in args:
                if a is b or aname == bname:
                    continue
                f = [*base, f"rel={relation}", *_pair(view, a, b, "ab:")]
                f += pair_features(view.units, view.unit(a), k, "ac:") + pair_features(view.units, view.unit(b), k, "bc:")
                f += arg_features("a", a, WORK) + arg_features("b", b, WORK)
                values = {"work": aname, "related": bname, "relation": relation}
                out.append(Candidate("related", view.sent.index, values, f, {"work": a, "related": b}))
    return out
