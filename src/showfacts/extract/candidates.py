"""Candidate names: capitalised runs of tokens and quoted titles, cleaned of what is not part
of a name (sentence openers, descriptors such as "actress", a trailing "Season 2").

This stage decides where names are, not what they are: every candidate leaves here as
``unknown`` and the mention typer (``mention_types.py``) classifies it. A run is split
where two names meet: at a possessive ("Dark Horse's Resident Alien" is an owner and a
title) and at "of" after a person's name ("Jorge Garcia of Lost").
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from showfacts.extract.doc import Doc, Mention, Sentence, tok_end, tok_start
from showfacts.lang import Lexicon, given_names

CONNECTORS = {"of", "the", "and", "&", "de", "du", "la", "le", "van", "von", "der", "y"}
TITLE_JOINERS = {"of", "the", "&", "de", "du", "la", "le", "van", "von", "der"}
CONTRACTIONS = {"'re", "'ve", "'ll", "'m", "'d", "n't"}
LOOSE_JOINERS = {"on", "in", "at", "to", "for", "from", "with", "a", "an", "and"}
WORK_NOUNS = {
    "franchise",
    "film",
    "films",
    "movie",
    "movies",
    "series",
    "sequel",
    "sequels",
    "trilogy",
    "saga",
    "remake",
    "show",
    "sitcom",
    "spin-off",
    "spinoff",
    "reboot",
    "adaptation",
}
MONTH_WORDS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "Jan",
    "Feb",
    "Aug",
}
TITLE_CUES = {
    "drama",
    "series",
    "show",
    "sitcom",
    "film",
    "movie",
    "thriller",
    "comedy",
    "documentary",
    "prequel",
    "sequel",
    "spinoff",
    "spin-off",
}
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "thousand",
    "million",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
}
NAME_PARTICLES = {"de", "van", "von", "der", "da", "di", "du", "la", "le", "del", "st", "mc", "bin"}
OPEN_QUOTES = {"‘", "“", '"', "'", "«"}
CLOSE_QUOTES = {"’", "”", '"', "'", "»"}
SEASON_WORDS = {"season", "series", "seasons"}
ROLE_TITLES = {
    "Captain", "Detective", "Agent", "Officer", "Sheriff", "Doctor", "Dr", "Professor", "Sergeant", "Lieutenant", "King", "Queen",
    "Prince", "Princess", "Lord", "Lady", "Sir", "Dame", "President", "General", "Commander", "Judge", "Father", "Sister",
}  # fmt: skip
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev"}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
    "7th": 7,
    "8th": 8,
    "9th": 9,
    "10th": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

def _is_cap(tok: Token) -> bool:
    t = tok.text
    if not t or not t[0].isupper():
        return False
    return any(ch.isalpha() for ch in t)


def find_runs(sent: Sentence) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of capitalised runs in a sentence."""
    toks = sent.tokens
    texts = [t.text for t in toks]  # spaCy builds a new str on each .text: read each once
    lowers = [t.lower() for t in texts]
    caps = [bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t) for t in texts]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        quoted_number = 0 < i < n - 1 and texts[i - 1] in OPEN_QUOTES and texts[i + 1] in CLOSE_QUOTES
        if i > 0 and (lowers[i - 1] in TITLE_CUES or quoted_number) and toks[i].like_num and (i + 1 == n or not texts[i + 1][:1].isalpha()):
            runs.append((i, i + 1))  # a title that is a number: "US drama 24"
            i += 1
            continue
        if not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = toks[j]
            if caps[j]:
                j += 1
                continue
            if texts[j].isdigit() and len(texts[j]) <= 4:
                j += 1
                continue
            if lowers[j].replace("’", "'") in CONTRACTIONS and not toks[j - 1].whitespace_ and caps[j - 1]:
                j += 1  # "You're the Worst", "Don't Look Up": a contraction never ends a name
                continue
            nxt = toks[j + 1] if j + 1 < n else None
            if lowers[j] in TITLE_JOINERS and texts[j].islower() and not (lowers[j] == "of" and _person_shaped(texts[i:j])):
                k = j
                while k < n and k - j < 3 and lowers[k] in TITLE_JOINERS and texts[k].islower():
                    k += 1
                if k < n and (caps[k] or (texts[k][:1].isdigit() and lowers[k - 1] == "the")):
                    j = k if caps[k] else k + 1
                    continue
            if lowers[j] in LOOSE_JOINERS and texts[j].islower() and nxt is not None and caps[j + 1]:
                # "Nightmare on Elm Street franchise": join only when a work noun follows the whole
                k = j + 1
                while k < n and caps[k]:
                    k += 1
                if k < n and lowers[k] in WORK_NOUNS:
                    j = k
                    continue
                if _title_slot(texts, lowers, i, k):
                    j = k  # "the sitcom The World According to Bex,", "'Who Framed Roger Rabbit'"
                    continue
            if (
                lowers[j] == "and"
                and nxt is not None
                and caps[j + 1]
                and j - i >= 2
                and caps[j - 1]
                and texts[j - 1][0].isupper()
                and texts[j] == "And"
            ):
                j += 1
                continue
            if texts[j] == "&" and nxt is not None and caps[j + 1]:
                j += 1  # "Law & Order", "Parks & Recreation"
                continue
            if texts[j] == ":" and nxt is not None and caps[j + 1]:
                j += 1
                continue
            if texts[j] == "-" and nxt is not None and caps[j + 1] and not toks[j - 1].whitespace_ and not tok.whitespace_:
                j += 1  # Spider-Man, Jean-Pierre
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def sent_text(toks: list[Token], i: int, k: int) -> str:
    """The text of tokens [i, k) as written, spaces included."""
    return "".join(t.text_with_ws for t in toks[i:k]).strip()


def _title_slot(texts: list[str], lowers: list[str], i: int, k: int) -> bool:
    """Whether tokens [i, k) fill a slot that only a title fills: inside quotes, or right
    after a title cue ("sitcom, ...") and closed by punctuation or the sentence end."""
    n = len(texts)
    if i > 0 and texts[i - 1] in OPEN_QUOTES and k < n and texts[k] in CLOSE_QUOTES:
        return True
    cue = i > 0 and (lowers[i - 1] in TITLE_CUES or (i > 1 and texts[i - 1] == "," and lowers[i - 2] in TITLE_CUES))
    return cue and (k == n or texts[k] in {",", ".", ";", ":", "(", ")", "-", "–", "—"})




def _person_shaped(words: list[str]) -> bool:
    """Two or three capitalised words opening with a given name: "Jorge Garcia"."""
    return 2 <= len(words) <= 3 and words[0].lower() in given_names() and all(w[:1].isupper() for w in words)


_QUOTED = re.compile(
    r"(?:(?<=[\s(—–-])|^)(?:[“\"]([A-Z0-9][^“”\"\n]{0,80}?)[”\"]|‘([A-Z0-9](?:[^‘’\n]|’(?=\w)){0,80}?)’|\(([A-Z0-9][^()\n]{0,60}?)\)"
    r"|'([A-Z0-9](?:[^'\n]|'(?=\w)){0,80}?)')(?!\w)"
)


class CandidateStage:
    """Finds the candidate names of an article (``doc.mentions``, each ``unknown``)."""

    name = "candidates"

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.openers = (lex.openers | {w.capitalize() for w in STOP_WORDS} | {w.capitalize() + s for w in lex.cue_nouns for s in ("", "s")}
                        | {w.capitalize() for w in lex.speech_verbs if " " not in w})  # "Said Salke, …"
        self.descriptors = lex.person_descriptors
        self.role_nouns = {k.lower() for k in lex.role_nouns}

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = []
        for sent in doc.sentences:
            if sent.start >= doc.body_end:
                break
            sent.mentions = []
            if sent.para in doc.chrome:
                continue
            for i, j in self._split_network_verbs(sent, find_runs(sent)):
                m = self._make(doc, sent, i, j)
                if m is not None:
                    sent.mentions.append(m)
            spans = self._quoted_titles(doc, sent)  # (it drops the runs a span covers from sent.mentions)
            sent.mentions = sorted(sent.mentions + spans, key=lambda m: m.start)
            mentions.extend(sent.mentions)
        doc.mentions = mentions
        self._echoes_of_quoted(doc)
        return doc

    def _split_network_verbs(self, sent: Sentence, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A title-cased headline runs a network's name into its verb and object ("ABC Cancels
        Happy Endings"): a run that opens with a known network followed by a headline verb is cut
        into the network and what follows the verb, less the words that are no title ("Sets
        Premiere Date"). A run that is such a verb alone ("…, Cancels 'X'") is no name."""
        out: list[tuple[int, int]] = []
        toks = sent.tokens
        lex = self.lex
        for i, j in runs:
            if j - i == 1 and toks[i].lower_ in lex.network_verbs:
                continue
            cut = next((k for k in range(i + 1, min(i + 4, j)) if toks[k].lower_ in lex.network_verbs and sent_text(toks, i, k) in lex.networks), None)
            if cut is None:
                out.append((i, j))
                continue
            out.append((i, cut))
            rest = cut + 1
            while rest < j and toks[rest].lower_ in lex.headline_nouns:
                rest += 1
            if rest < j:
                out.append((rest, j))
        return out

    @staticmethod
    def _echoes_of_quoted(doc: Doc) -> None:
        """A title the article quotes once ("‘Salt and Iron’ sets premiere date") is the same
        one name where it stands bare later ("FX's Salt and Iron has set …"): the runs the
        bare occurrence was cut into give way to one candidate over the whole title."""
        titles = {m.text for m in doc.mentions if m.quoted and " " in m.text}
        if not titles:
            return
        pattern = re.compile(r"(?<![\w’'])(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + r")(?![\w])")
        for sent in doc.sentences:
            if sent.start >= doc.body_end or sent.para in doc.chrome:
                continue
            for hit in pattern.finditer(doc.text, sent.start, sent.end):
                start, end = hit.span()
                if any(m.start == start and m.end == end for m in sent.mentions):
                    continue
                if any(m.start < end and start < m.end and not (start <= m.start and m.end <= end) for m in sent.mentions):
                    continue  # part of a longer name
                toks = [k for k, t in enumerate(sent.tokens) if start <= tok_start(t) < end]
                if not toks:
                    continue
                mention = Mention(start, end, hit.group(), sent.index, toks[0], toks[-1])
                mention.outer_end = end
                mention.cues.add("echo_of_quoted")
                sent.mentions = sorted([m for m in sent.mentions if not (start <= m.start and m.end <= end)] + [mention], key=lambda m: m.start)
        doc.mentions = [m for sent in doc.sentences for m in sent.mentions]

    def _quoted_titles(self, doc: Doc, sent: Sentence) -> list[Mention]:
        """A quoted title the runs missed or cut ("‘Don’t Look Up’", "'tick, tick...BOOM!'"):
        up to eight words in quote marks, opening with a capital, not a sentence."""
        out = []
        text = doc.text[sent.start : sent.end]
        for q in _QUOTED.finditer(text):
            group = next(k for k in (1, 2, 3, 4) if q.group(k) is not None)
            inner = q.group(group).rstrip(" ,.!?;:")
            start = sent.start + q.start(group)
            end = start + len(inner)
            words = inner.split()
            if not 1 <= len(words) <= 8 or re.search(r"[.!?;]\s", inner) or (group == 3 and "," in inner):
                continue
            same = [m for m in sent.mentions if (m.start, m.end) == (start, end)]
            if same:
                if group != 3:
                    same[0].quoted = True  # “Treme,” — the comma inside the marks
                continue
            capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
            if capitals < max(1, len(words) // 2):
                continue  # a quoted phrase of speech, not a title
            toks = [k for k, t in enumerate(sent.tokens) if start <= tok_start(t) < end]
            if not toks:
                continue
            inner_ms = [m for m in sent.mentions if start <= m.start and m.end <= end]
            if group == 3 and len(inner_ms) == 1 and (inner_ms[0].start, inner_ms[0].end) == (start, end):
                continue  # "(HBO)": the run already is the whole of it
            mention = Mention(start, end, doc.text[start:end], sent.index, toks[0], toks[-1], quoted=group != 3)
            mention.outer_end = end
            mention.cues.add("quoted_span" if group != 3 else "bracketed_span")
            # the span is one name: the runs inside it ("Make It" of "How to Make It in America") go
            sent.mentions = [m for m in sent.mentions if m not in inner_ms]
            out.append(mention)
        return out

    def _make(self, doc: Doc, sent: Sentence, i: int, j: int) -> Mention | None:
        toks = sent.tokens
        # strip leading sentence openers and descriptors ("While", "Comedian", "Producers")
        descriptor = None
        if i > 0 and toks[i - 1].lower_ in self.descriptors and toks[i - 1].text.islower():
            descriptor = toks[i - 1].lower_
        initial = i == 0 or (i == 1 and toks[0].text in OPEN_QUOTES)
        lead_season = None
        if j - i >= 4 and toks[i].lower_ in SEASON_WORDS and toks[i + 1].text.isdigit() and toks[i + 2].lower_ == "of":
            lead_season = int(toks[i + 1].text)
            i += 3
            initial = False
        while i < j:
            word = toks[i].text
            low = word.lower()
            if (
                (low in self.descriptors or low in self.role_nouns)
                and (
                    word.islower()
                    or (i + 1 < j and toks[i + 1].lower_ in self.lex.given_names)
                    # "Director Kenji Morita will return": a role word opening a sentence before a two- or three-word name
                    or (initial and 2 <= j - i - 1 <= 3 and all(t.text[:1].isupper() and t.text.isalpha() for t in toks[i + 1 : j]))
                )
            ):
                descriptor = low
                i += 1
                initial = False
                continue
            if low in NUMBER_WORDS and (initial or word.islower()):
                i += 1  # "Two of the actors …"; a capitalised number inside a sentence is a name ("plays Eleven")
                continue
            keep_the = word == "The" and i + 1 < j and toks[i + 1].text not in self.openers  # "The Office became …"
            keep_the = keep_the or (i + 1 < j and toks[i + 1].text in TITLE_JOINERS)  # "Top of the Pops"
            if (
                initial
                and not keep_the
                and (word in self.openers or (low not in self.lex.given_names and re.fullmatch(r"[A-Z][a-z]+(?:ing|ly|ed)", word)))
            ):
                i += 1
                initial = False
                continue
            if not any(ch.isalpha() for ch in word) and not (
                word.isdigit() and i > 0 and (toks[i - 1].lower_ in TITLE_CUES or toks[i - 1].text in OPEN_QUOTES)
            ):
                i += 1
                continue
            break
        # "Season 2" or "Series 3" at the end is the season, not part of the title; so is "Season 3 of" before it
        season = lead_season
        if j - i >= 3 and toks[j - 2].lower_ in SEASON_WORDS and toks[j - 1].text.isdigit():
            season = int(toks[j - 1].text)
            j -= 2
        while j > i and (toks[j - 1].lower_ in CONNECTORS or toks[j - 1].text in {":", "-"}):
            j -= 1
        if i >= j:
            return None
        if j - i == 1 and initial and (toks[i].lower_ in self.descriptors or toks[i].lower_ in self.role_nouns):
            return None  # "Executive producer Dana Cho": a role word capitalised only because it opens the sentence
        i = self._person_tail(toks, i, j)
        if toks[i].text == "The" and j - i >= 3 and _person_shaped([t.text for t in toks[i + 1 : j]]):
            i += 1  # "The Martin Scorsese-produced …": the article belongs to the phrase, not the name
        start, end = tok_start(toks[i]), tok_end(toks[j - 1])
        text = doc.text[start:end]
        if text.split()[0] in MONTH_WORDS and all(w.isdigit() for w in text.split()[1:]):
            return None  # "May 2006"
        if text.split()[0].lower() in SEASON_WORDS | {"part", "episode", "chapter", "volume"} and all(
            w.isdigit() for w in text.split()[1:]
        ):
            return None  # "Season 4" is a season, not a title
        number_title = text.isdigit() and i > 0 and (toks[i - 1].lower_ in TITLE_CUES or toks[i - 1].text in OPEN_QUOTES)
        if not number_title and (
            (text.lower() in STOP_WORDS and not (text.lower() in NUMBER_WORDS and not initial))
            or not text[0].isalpha()
            or (text in self.lex.not_names and len(text.split()) == 1)
        ):
            return None
        m = Mention(start, end, text, sent.index, i, j - 1, season=season, descriptor=descriptor)
        m.outer_end = tok_end(toks[j + 1]) if season is not None and lead_season is None else end
        m.sentence_initial = i == 0 or (i == 1 and toks[0].text in OPEN_QUOTES)
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j] if j < len(toks) else None
        m.quoted = prev is not None and prev.text in OPEN_QUOTES and nxt is not None and nxt.text in CLOSE_QUOTES
        m.possessive = (nxt is not None and nxt.lower_ in {"'s", "’s", "'", "’"} and nxt.text not in {"'", "’"}) or (
            nxt is not None and nxt.text in {"'", "’"} and text.endswith("s") and not m.quoted
        )
        if i >= 2 and toks[i - 1].lower_ in {"'s", "’s", "‘s"} and _is_cap(toks[i - 2]):
            m.owner = doc.text[self._run_start(doc, sent, i - 2) : tok_end(toks[i - 2])]
        return m

    def _person_tail(self, toks: list[Token], i: int, j: int) -> int:
        """'MGM Vice Chairman Chris McGurk' → the run starts at 'Chris': a title before a name."""
        if j - i < 3:
            return i
        for k in range(max(i + 1, j - 3), j - 1):
            head = [t.text for t in toks[i:k]]
            if toks[k].lower_ not in self.lex.given_names or toks[k].lower_ in STOP_WORDS or toks[k - 1].lower_ in CONNECTORS:
                continue
            if any(
                w.lower() in self.descriptors
                or w.lower() in self.role_nouns
                or w in self.lex.networks
                or (w in self.lex.not_names and w not in ROLE_TITLES)
                or w.lower() in {"vice", "senior", "executive", "deputy", "co", "former", "managing"}
                for w in head
            ):
                return k
        return i

    def _run_start(self, doc: Doc, sent: Sentence, k: int) -> int:
        toks = sent.tokens
        while k > 0 and _is_cap(toks[k - 1]):
            k -= 1
        return tok_start(toks[k])

