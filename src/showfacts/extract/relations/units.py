"""A sentence as a row of units, the view the relation models read.

Each name becomes one typed unit (W work, P person, N network, C character, O outlet,
X other; PRON a pronoun, ANA "the series"-like phrase), each cue one unit (DATE, SEASON,
R_<role>, S_<status>), and every other token its lower-cased word (digits as 0). The
features of a pair of units are then the units between them, their order and distance,
and the words around each: "P1 , who plays C2 on W3" reads as ``P , who plays C on W``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from showfacts.extract.cues import Cue, sentence_cues
from showfacts.extract.doc import CHARACTER, NETWORK, OTHER, OUTLET, PERSON, UNKNOWN, WORK, Doc, Mention, Sentence

SYMBOL = {WORK: "W", PERSON: "P", NETWORK: "N", CHARACTER: "C", OUTLET: "O", OTHER: "X", UNKNOWN: "X"}
_QUOTE_CHARS = "“”\"«»"
_DIGITS = re.compile(r"\d")


@dataclass
class Units:
    syms: list[str]
    starts: list[int]
    ends: list[int]
    of_span: dict[tuple[int, int], int] = field(default_factory=dict)  # (start, end) of a name or cue → its unit
    quoted: list[bool] = field(default_factory=list)  # inside a quotation
    groups: list[tuple[int, int]] = field(default_factory=list)  # the list each unit stands in: (first, last) unit

    def group(self, i: int) -> tuple[int, int]:
        return self.groups[i] if self.groups else (i, i)

    def index(self, start: int, end: int) -> int | None:
        return self.of_span.get((start, end))

    def sym(self, i: int) -> str:
        if i < 0:
            return "<s>"
        if i >= len(self.syms):
            return "</s>"
        return self.syms[i]


def mention_symbol(m: Mention) -> str:
    if m.ref:
        return "ANA"
    if m.kind == PERSON and m.text.lower() in {"he", "she"}:
        return "PRON"
    return SYMBOL.get(m.kind, "X")


def sentence_units(doc: Doc, sent: Sentence) -> Units:
    """The units of a sentence (cached on the doc)."""
    cached = doc.units.get(sent.index)
    if cached is not None:
        return cached  # type: ignore[return-value]
    spans: list[tuple[int, int, str, int]] = []  # start, end, symbol, priority (lower wins)
    for m in sent.mentions:
        spans.append((m.start, max(m.end, m.outer_end), mention_symbol(m), 0))
    for m in sent.pronouns + sent.anaphors:
        spans.append((m.start, m.end, mention_symbol(m), 0))
    for cue in sentence_cues(doc, sent):
        spans.append((cue.start, cue.end, _cue_symbol(cue), 1 if cue.kind in ("date", "season") else 2))
    spans.sort(key=lambda s: (s[3], -(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str]] = []
    for start, end, sym, _ in spans:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, sym))
    chosen.sort()
    units = Units([], [], [])
    quote_open = False
    k = 0
    toks = sent.tokens
    n = len(toks)
    t = 0
    while t < n:
        tok = toks[t]
        start = tok.idx
        while k < len(chosen) and chosen[k][1] <= start:
            k += 1
        if k < len(chosen) and chosen[k][0] <= start < chosen[k][1]:
            s, e, sym = chosen[k]
            units.of_span[(s, e)] = len(units.syms)
            units.syms.append(sym)
            units.starts.append(s)
            units.ends.append(e)
            units.quoted.append(quote_open)
            while t < n and toks[t].idx < e:
                t += 1
            k += 1
            continue
        text = tok.text
        if text in _QUOTE_CHARS:  # double marks open and close quotations; single ones may be apostrophes
            quote_open = text in "“«" or (text == '"' and not quote_open)
            word = "Q"
        elif text in ("‘", "’", "'"):
            word = "Q"
        else:
            word = _DIGITS.sub("0", tok.lower_)
        units.syms.append(word)
        units.starts.append(start)
        units.ends.append(start + len(text))
        units.quoted.append(quote_open)
        t += 1
    units.groups = _lists(units.syms)
    doc.units[sent.index] = units
    return units


_LIST_SEPARATORS = ({","}, {"and", "&", "or"})
_NAME_CLASS = {"P": "P", "PRON": "P", "W": "W", "ANA": "W", "N": "N", "C": "C", "X": "X", "O": "O"}


def _lists(syms: list[str]) -> list[tuple[int, int]]:
    """For each unit, the list of like names it stands in ("P , P , P and P"; a person's
    bracketed credit "P ( W )" stays with the person); a unit outside a list is its own."""
    n = len(syms)
    groups = [(i, i) for i in range(n)]
    i = 0
    while i < n:
        kind = _NAME_CLASS.get(syms[i])
        if kind is None or groups[i] != (i, i):
            i += 1
            continue
        members = [i]
        j = i
        while True:
            k = j + 1
            if kind == "P" and k + 2 < n and syms[k] == "(" and _NAME_CLASS.get(syms[k + 1]) == "W":
                close = next((q for q in range(k + 2, min(n, k + 8)) if syms[q] == ")"), None)
                if close is not None:
                    k = close + 1  # "P ( W , W )": the credit goes with the person
            if k < n and syms[k] in _LIST_SEPARATORS[0]:
                k += 1
            if k < n and syms[k] in _LIST_SEPARATORS[1]:
                k += 1
            if k == j + 1 or k >= n or _NAME_CLASS.get(syms[k]) != kind:
                break
            members.append(k)
            j = k
        if len(members) > 1:
            span = (members[0], members[-1])
            for m in members:
                groups[m] = span
        i += 1
    return groups


def _cue_symbol(cue: Cue) -> str:
    if cue.kind == "date":
        return "DATE"
    if cue.kind == "season":
        return "SEASON"
    if cue.kind == "role":
        return "R_" + str(cue.value).replace(" ", "_")
    return "S_" + str(cue.value)


def unit_of(units: Units, start: int, end: int) -> int | None:
    """The unit of a span: its own, or the unit its start falls in."""
    i = units.of_span.get((start, end))
    if i is not None:
        return i
    for k, (s, e) in enumerate(zip(units.starts, units.ends, strict=True)):
        if s <= start < e:
            return k
    return None


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9-12" if n <= 12 else "13+"


def pair_features(u: Units, ia: int | None, ib: int | None, prefix: str = "") -> list[str]:
    """Features of a pair of units: what lies between them and around them. Either may be
    None (an implicit argument, such as the article's topic): then only the other's context."""
    f: list[str] = []
    sym = u.sym
    if ia is not None and ib is not None:
        first, second = (ia, ib) if ia < ib else (ib, ia)
        order = "ab" if ia < ib else "ba"
        btw = u.syms[first + 1 : second]
        n = len(btw)
        f += [f"ord={order}", f"dist={order}{_bucket(n)}"]
        if n <= 5:
            f.append(f"seq={order}:{' '.join(btw)}")
        window = btw if n <= 12 else btw[:6] + btw[-6:]
        for s in set(window):
            f.append(f"bw={s}")
            f.append(f"bw{order}={s}")
        if n:
            f.append(f"bf={order}:{btw[0]}")
            f.append(f"bl={order}:{btw[-1]}")
            for a, b in itertools.pairwise(window[:9]):
                f.append(f"bb={a}_{b}")
            for kind in ("P", "W", "N"):
                c = btw.count(kind)
                if c:
                    f.append(f"btw{kind}={min(c, 3)}")
        f += [f"l1={sym(first - 1)}", f"l2={sym(first - 2)}_{sym(first - 1)}", f"r1={sym(second + 1)}", f"r2={sym(second + 1)}_{sym(second + 2)}"]
        if u.quoted[ia] or u.quoted[ib]:
            f.append("in_quote")
    else:
        e = ia if ia is not None else ib
        f.append("implicit")
        if e is not None:
            f += [f"e_l1={sym(e - 1)}", f"e_l2={sym(e - 2)}_{sym(e - 1)}", f"e_r1={sym(e + 1)}", f"e_r2={sym(e + 1)}_{sym(e + 2)}"]
            f.append(f"e_pos={_bucket(e)}")
            if u.quoted[e]:
                f.append("in_quote")
    for name, i in (("a", ia), ("b", ib)):
        if i is not None:
            f += [f"{name}_l1={sym(i - 1)}", f"{name}_r1={sym(i + 1)}"]
            g = u.group(i)
            if g != (i, i):
                f += [f"{name}_in_list", f"{name}_list_l1={sym(g[0] - 1)}", f"{name}_list_l2={sym(g[0] - 2)}_{sym(g[0] - 1)}"]
    f += _group_features(u, ia, ib)
    return [prefix + x for x in f] if prefix else f


def _group_features(u: Units, ia: int | None, ib: int | None) -> list[str]:
    """The pair's features again with each side widened to its whole list: every member of
    "The film stars A, B, C and D" then reads as "ANA stars [P]"."""
    if ia is None or ib is None:
        e = ia if ia is not None else ib
        if e is None or u.group(e) == (e, e):
            return []
        g = u.group(e)
        return [f"g:e_l1={u.sym(g[0] - 1)}", f"g:e_l2={u.sym(g[0] - 2)}_{u.sym(g[0] - 1)}", f"g:e_r1={u.sym(g[1] + 1)}"]
    ga, gb = u.group(ia), u.group(ib)
    if ga == gb or (ga == (ia, ia) and gb == (ib, ib)):
        return []
    first, second = (ga, gb) if ga[0] < gb[0] else (gb, ga)
    if first[1] >= second[0]:
        return []
    order = "ab" if ga[0] < gb[0] else "ba"
    btw = u.syms[first[1] + 1 : second[0]]
    f = [f"g:dist={order}{_bucket(len(btw))}"]
    if len(btw) <= 5:
        f.append(f"g:seq={order}:{' '.join(btw)}")
    for s in set(btw[:6] + btw[-6:]):
        f.append(f"g:bw={s}")
    f += [f"g:l1={u.sym(first[0] - 1)}", f"g:l2={u.sym(first[0] - 2)}_{u.sym(first[0] - 1)}", f"g:r1={u.sym(second[1] + 1)}"]
    return f
