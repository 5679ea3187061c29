"""What each candidate name is: a work, person, network, character, outlet or other.

A linear classifier (``models/mention_types.json``) reads each candidate's shape (words,
given names, capitals, digits), the lexicons (networks, outlets, not-names), its context
(the words around it, quote marks, a possessive, "Season 2" after it, the cue phrases of
titles and of speakers) and what the rest of the article says of the same string (quoted
elsewhere, given a season elsewhere, its surname use). The article then decides once per
name: the probabilities of every occurrence of a string are pooled, so a title marked once
is a title everywhere ("Jessica Jones").
"""

from __future__ import annotations

import re
from collections import defaultdict

from showfacts.eval import fold_name
from showfacts.extract.doc import KINDS, NETWORK, OTHER, OUTLET, WORK, Doc, Mention
from showfacts.extract.linear import LinearModel, load_model
from showfacts.lang import Lexicon, given_names

MODEL = "mention_types"
CONTEXT_MODEL = "mention_types_context"
_QUOTE_MARKS = frozenset("‘“\"'«’”»")
_ROLE_AFTER_WORK = re.compile(r"^\s*(?:'s|’s|‘s)\s+(?:\w+\s+)?(?:season|series|finale|premiere|episode|cast|showrunner|creator)", re.I)

_WORK_BEFORE = re.compile(
    r"(?:\b(?:star(?:red|s|ring)?|appear(?:ed|s|ing)?|role in|roles in|cameo|cast|guest[- ]star(?:red|ring)?|episodes?|seasons?|series|"
    r"finale|premiere|return|revival|reboot|remake|sequel|prequel|spin-?off|version|adaptation|creator|co-creator|director|producer|"
    r"showrunner|writer|fans|viewers|set of|stars? of|success of|makers of|cast of|creators? of|run of|end of|based on|"
    r"co-write|co-wrote|co-written|directs?|directed|directing|wrote|writes|penned|created|produced|helmed|"
    r"executive[- ]produced?|executive[- ]produces|executive[- ]producing|film|movie|show|sitcom|drama|comedy|thriller|soap|"
    r"documentary|miniseries|docuseries|franchise|hit|blockbuster|biopic|programme|serial|cartoon|animation|musical|sci-fi|spoof|classic|procedural)\s+(?:(?:in|of|on|to|for|from)\s+)?(?:the\s+)?|"
    r"\b(?:series|show|satire|sitcom|drama|film|movie|comedy|thriller|soap|documentary|programme),\s+(?:the\s+)?|"
    r"\b(?:spin-?off|sequel|prequel|series|show|film|movie|project|drama|comedy),?\s+(?:titled|called|dubbed|named|entitled)\s+)$",
    re.IGNORECASE,
)
_WORK_AFTER = re.compile(
    r"^\s*(?:(?:,\s+)?(?:star|stars|actor|actress|actors|cast|creator|co-creator|director|producer|showrunner|writer|"
    r"series|season|seasons|film|movie|sitcom|drama|show|spin-?off|sequel|prequel|remake|reboot|revival|franchise|trilogy|"
    r"episode|episodes|finale|premiere|pilot|co-star|alum|fans|books?|novels?|project|remake|adaptation|reboot)\b|"
    r"(?:,\s+)?(?:has|have|had|was|were|is|will|would)\s+(?:been\s+|be\s+|officially\s+|now\s+|first\s+)?(?:renewed|cancell?ed|axed|picked up|ordered|"
    r"greenlit|commissioned|recommissioned|scrapped|premiered?|returns?|returning|debuted?|released?|aired?|set to (?:return|premiere|debut))|"
    r"(?:returns|premieres|debuts|airs|streams)\b)",
    re.IGNORECASE,
)


_STRONG_BEFORE = re.compile(
    r"\b(?:series|show|sitcom|drama|film|movie|comedy|thriller|soap|documentary|miniseries|spin-?off|co-write|co-wrote|remake|remaking|classic|"
    r"sequel|prequel|reboot|revival|pilot of|sequel to|prequel to|spin-?off of|adaptation of|procedural|docuseries|limited series|"
    r"titled|called|dubbed|entitled)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_STRONG_AFTER = re.compile(
    r"^\s*(?:series|season|film|movie|sitcom|drama|franchise|finale|premiere|pilot|spin-?off|"
    r"(?:is|was|will be) (?:a|an|the) (?:[\w-]+ )?(?:sequel|prequel|spin-?off|remake|reboot|adaptation|series|film|movie|drama|comedy)|"
    r"(?:has|have|had|was|were|is|will)\s+(?:been\s+|be\s+|officially\s+)?(?:renewed|cancell?ed|axed|picked up|given a season|ordered|greenlit))\b",
    re.IGNORECASE,
)


_AUTHOR_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:best-?seller|bestselling|best-selling|novels?|books?|story|stories|memoir|comics?|graphic novel|play)\b",
    re.IGNORECASE,
)
_SPEAKS_AFTER = re.compile(
    r"^\s*(?:has |had |also |later )?(?:said|says|told|tells|added|adds|explained|noted|recalled|admitted|insisted|joked|teased)\b"
)
_ACTS_AFTER = re.compile(
    r"^\s*(?:will |would |is to |is set to |is due to |has been cast to |is cast to |also )?(?:voice|voices|voiced|play|plays|played|portray|portrays|portrayed)\b"
)
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|added|explained|told)\s+$")




def _shape(word: str) -> str:
    """'Netflix' → 'Xx', 'HBO' → 'X', 'neXt' → 'xXx', '24' → 'd', 'Apple TV+' parts likewise."""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def mention_features(doc: Doc, m: Mention, lex: Lexicon) -> list[str]:
    """The features of one candidate in its sentence (document-wide ones are added later)."""
    sent = doc.sentences[m.sent]
    toks = sent.tokens
    words = m.text.split()
    low = [w.lower() for w in words]
    f = [f"nw={min(len(words), 5)}", f"shape={_shape(words[0])}", f"shape_last={_shape(words[-1])}"]
    if low[0] in lex.given_names:
        f.append("first_given")
        if len(words) >= 2 and words[1][:1].isupper():
            f.append("first_given_cap2")
    if len(words) >= 2 and low[-1] in lex.given_names:
        f.append("last_given")
    if any(ch.isdigit() for ch in m.text):
        f.append("digit")
    if words[0] == "The":
        f.append("the")
    if ":" in m.text:
        f.append("colon")
    if any(w in {"of", "the", "and", "&", "a", "to", "in", "on", "with", "for"} for w in low[1:]):
        f.append("small_word")
    if m.text in lex.networks or (len(words) > 1 and " ".join(words[1:]) in lex.networks and words[0] == "The"):
        f.append("lex_network")
    if m.text in lex.outlets:
        f.append("lex_outlet")
    if m.text in lex.not_names:
        f.append("lex_not_name")
    if words[-1] in lex.company_suffixes:
        f.append("company_suffix")
    if low[0] in lex.cue_nouns or low[-1] in lex.cue_nouns:
        f.append("cue_noun_inside")
    f += [f"w={w}" for w in low[:3]]
    f.append(f"last={low[-1]}")
    if m.quoted:
        f.append("quoted")
    for cue in m.cues:
        f.append(f"cue={cue}")
    if m.possessive:
        f.append("possessive")
    if m.owner:
        f.append("owned")
        if m.owner in lex.networks:
            f.append("owned_by_network")
    if m.season is not None:
        f.append("season")
    if m.descriptor:
        f.append(f"descriptor={m.descriptor}")
    if m.sentence_initial:
        f.append("initial")
    if doc.is_headline(sent):
        f.append("headline")
    i, j = m.first_tok, m.last_tok
    p1 = toks[i - 1].lower_ if i > 0 else "<s>"
    p2 = toks[i - 2].lower_ if i > 1 else "<s>"
    n1 = toks[j + 1].lower_ if j + 1 < len(toks) else "</s>"
    n2 = toks[j + 2].lower_ if j + 2 < len(toks) else "</s>"
    p1 = "Q" if p1 in _QUOTE_MARKS else p1
    n1 = "Q" if n1 in _QUOTE_MARKS else n1
    f += [f"p1={p1}", f"p2={p2}|{p1}", f"n1={n1}", f"n2={n1}|{n2}"]
    if p1 == "(" or n1 == ")":
        f.append("in_parens")
    before = doc.text[max(sent.start, m.start - 60) : m.start]
    after = doc.text[m.end : min(sent.end, m.end + 60)]
    for name, regex, text, how in (
        ("work_before", _WORK_BEFORE, before, "search"),
        ("strong_before", _STRONG_BEFORE, before, "search"),
        ("work_after", _WORK_AFTER, after, "match"),
        ("strong_after", _STRONG_AFTER, after, "match"),
        ("author_after", _AUTHOR_AFTER, after, "match"),
        ("speaks_after", _SPEAKS_AFTER, after, "match"),
        ("acts_after", _ACTS_AFTER, after, "match"),
        ("speaks_before", _SPEAKS_BEFORE, before, "search"),
        ("role_after", _ROLE_AFTER_WORK, after, "match"),
    ):
        if (regex.search(text) if how == "search" else regex.match(text)):
            f.append(name)
    return f


def document_features(doc: Doc, feats: list[list[str]], known_titles: frozenset[str] = frozenset()) -> None:
    """Add what the whole article says of each name: the cues of its other occurrences,
    how often it occurs, whether the title names it, whether it is part of a longer name."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, m in enumerate(doc.mentions):
        groups[fold_name(m.text) or m.text].append(k)
    title = fold_name(doc.article.title or (doc.text[: doc.paragraphs[0].end] if doc.paragraphs else "")) or ""
    shared = ("quoted", "season", "owned_by_network", "work_before", "strong_before", "work_after", "strong_after", "role_after",
              "speaks_after", "acts_after", "descriptor", "first_given_cap2")  # fmt: skip
    multi_person_parts: set[str] = set()
    names = given_names()
    for m in doc.mentions:
        words = m.text.split()
        if len(words) >= 2 and words[0].lower() in names:
            multi_person_parts.update(w.lower() for w in words)
    for key, members in groups.items():
        seen: set[str] = set()
        for k in members:
            seen.update(x.split("=")[0] for x in feats[k] if x.split("=")[0] in shared)
        for k in members:
            m = doc.mentions[k]
            f = feats[k]
            f += [f"doc_{x}" for x in sorted(seen)]
            f.append(f"doc_count={min(len(members), 4)}")
            if key and len(key) > 2 and f" {key} " in f" {title} ":
                f.append("in_title")
            if len(m.words) == 1 and m.text.lower() in multi_person_parts:
                f.append("part_of_person_name")
            if key in known_titles:
                f.append("known_title")


_SEPARATORS = {",": ",", "and": "and", ", and": "and", "&": "and", "'s": "'s", "’s": "'s", "‘s": "'s", "(": "(", ")": ")", "": "adj",
               "or": "and", ", or": "and", "/": "and", "as": "as", "of": "of", "in": "in", "on": "on", "star": "star", "stars": "star",
               "alum": "star", "actor": "star", "actress": "star", "'s star": "star"}  # fmt: skip


def context_features(doc: Doc, local: list[list[str]]) -> list[list[str]]:
    """Second-pass features: what the first pass made of the names beside each one (the
    other items of a list, the owner of a possessive, the name after "'s") and of the same
    name elsewhere in the article. Reads ``Mention.probs`` as the first pass left them."""
    index = {id(m): k for k, m in enumerate(doc.mentions)}
    out = [list(f) for f in local]
    pooled: dict[str, dict[str, float]] = {}
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in doc.mentions:
        groups[fold_name(m.text) or m.text].append(m)
    for key, members in groups.items():
        pooled[key] = {k: sum(m.probs.get(k, 0.0) for m in members) / len(members) for k in KINDS}
    for sent in doc.sentences:
        ms = sent.mentions
        for pos, m in enumerate(ms):
            k = index.get(id(m))
            if k is None:
                continue
            f = out[k]
            own = pooled[fold_name(m.text) or m.text]
            top = max(own, key=own.__getitem__)
            f.append(f"pool={top}")
            f.append(f"pool={top}|{_bin(own[top])}")
            for side, other in (("prev", ms[pos - 1] if pos > 0 else None), ("next", ms[pos + 1] if pos + 1 < len(ms) else None)):
                if other is None:
                    f.append(f"{side}=none")
                    continue
                gap = doc.text[other.end : m.start] if side == "prev" else doc.text[m.end : other.start]
                sep = _SEPARATORS.get(" ".join(gap.replace("“", " ").replace("”", " ").replace('"', " ").split()), "far")
                kind = max(other.probs, key=other.probs.__getitem__) if other.probs else "other"
                f.append(f"{side}={sep}|{kind}")
                f.append(f"{side}={sep}|{kind}|{_bin(other.probs.get(kind, 0.0))}")
    return out


def _bin(p: float) -> str:
    return "lo" if p < 0.4 else "mid" if p < 0.7 else "hi"


class MentionTyper:
    """Classifies every candidate in two passes (alone, then beside its neighbours' first
    decisions), and pools the decisions per name across the article."""

    name = "mention_types"

    def __init__(self, lex: Lexicon, model: LinearModel | None = None, context_model: LinearModel | None = None) -> None:
        self.lex = lex
        self.model = model or load_model(MODEL)
        self.context_model = context_model or load_model(CONTEXT_MODEL)

    def features(self, doc: Doc) -> list[list[str]]:
        feats = [mention_features(doc, m, self.lex) for m in doc.mentions]
        document_features(doc, feats, doc.known_titles)
        return feats

    def __call__(self, doc: Doc) -> Doc:
        feats = self.features(doc)
        for m, f in zip(doc.mentions, feats, strict=True):
            m.probs = self.model.probs(f)
        second = context_features(doc, feats)
        for m, f in zip(doc.mentions, second, strict=True):
            m.probs = self.context_model.probs(f)
        pool(doc)
        if doc.known_titles:
            _known_are_works(doc)
        return doc


def _known_are_works(doc: Doc) -> None:
    """A name that is a title the user or the knowledge base knows is a work."""
    for m in doc.mentions:
        if m.kind != WORK and fold_name(m.text) in doc.known_titles:
            m.kind = WORK
            m.probs = {**m.probs, WORK: max(m.probs.values(), default=1.0)}


def pool(doc: Doc) -> None:
    """One decision per name: each occurrence keeps half its own probabilities and takes half
    the average of all occurrences of the same string; its kind is then the most probable."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in doc.mentions:
        groups[fold_name(m.text) or m.text].append(m)
    for members in groups.values():
        if len(members) > 1:
            mean = {k: sum(m.probs.get(k, 0.0) for m in members) / len(members) for k in KINDS}
            for m in members:
                m.probs = {k: 0.5 * m.probs.get(k, 0.0) + 0.5 * mean[k] for k in KINDS}
    for m in doc.mentions:
        m.kind = max(m.probs, key=m.probs.__getitem__) if m.probs else OTHER
        if m.kind in (NETWORK, OUTLET):
            m.name = m.text
