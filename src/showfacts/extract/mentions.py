"""Names in the text: capitalised runs of tokens, classified as work, person, network,
outlet or other, and resolved within the article (surnames to full names, short titles
to their fullest form, "Marvel's Jessica Jones" to "Jessica Jones").

The decisions are document-wide: a run that is ever marked as a title (in quotes, next
to a noun like "series", with a season number, owned by a network, or the subject of a
renewal) is a work wherever it appears, even if it looks like a person's name.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from showfacts.extract.doc import NETWORK, OTHER, OUTLET, PERSON, UNKNOWN, WORK, Doc, Mention, Sentence, tok_end, tok_start
from showfacts.lang import Lexicon

CONNECTORS = {"of", "the", "and", "&", "de", "du", "la", "le", "van", "von", "der", "y"}
TITLE_JOINERS = {"of", "the", "&", "de", "du", "la", "le", "van", "von", "der"}
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


def _is_cap(tok: Token) -> bool:
    t = tok.text
    if not t or not t[0].isupper():
        return False
    return any(ch.isalpha() for ch in t)


def find_runs(sent: Sentence, text: str) -> list[tuple[int, int]]:
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
            nxt = toks[j + 1] if j + 1 < n else None
            if lowers[j] in TITLE_JOINERS and texts[j].islower():
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


def _title_slot(texts: list[str], lowers: list[str], i: int, k: int) -> bool:
    """Whether tokens [i, k) fill a slot that only a title fills: inside quotes, or right
    after a title cue ("sitcom, ...") and closed by punctuation or the sentence end."""
    n = len(texts)
    if i > 0 and texts[i - 1] in OPEN_QUOTES and k < n and texts[k] in CLOSE_QUOTES:
        return True
    cue = i > 0 and (lowers[i - 1] in TITLE_CUES or (i > 1 and texts[i - 1] == "," and lowers[i - 2] in TITLE_CUES))
    return cue and (k == n or texts[k] in {",", ".", ";", ":", "(", ")", "-", "–", "—"})


def _opening_epithet(sent: Sentence, epithets: dict[str, str]) -> tuple[str, int] | None:
    """("she"/"any", index of the noun) when the sentence opens "The [up to two words] NOUN" followed by
    a comma or a verb-like lower-case word: "The film star, who …", "The 28-year-old actress said"."""
    toks = sent.tokens
    if len(toks) < 3 or toks[0].text != "The":
        return None
    for i in range(1, min(4, len(toks) - 1)):
        word = toks[i].lower_
        if word in epithets:
            following = toks[i + 1].text
            # "The actor who will voice Wilbur has yet to be named" is someone else: a restrictive clause
            if following == "," or (
                following.islower()
                and following.isalpha()
                and following not in {"who", "that", "which", "whose", "of", "in", "for", "behind"}
            ):
                return epithets[word], i
            return None
        if not (toks[i].text[:1].isalnum() or "-" in toks[i].text):
            return None
    return None


class MentionFinder:
    """Finds and classifies the names of one article."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.openers = lex.openers | {w.capitalize() for w in STOP_WORDS} | {w.capitalize() + s for w in lex.cue_nouns for s in ("", "s")}
        self.descriptors = lex.person_descriptors
        self.role_nouns = {k.lower() for k in lex.role_nouns}

    # ---- building mentions -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = []
        for sent in doc.sentences:
            if sent.start >= doc.body_end:
                break
            sent.mentions = []
            for i, j in find_runs(sent, doc.text):
                m = self._make(doc, sent, i, j)
                if m is not None:
                    sent.mentions.append(m)
                    mentions.append(m)
        doc.mentions = mentions
        self._classify(doc)
        return doc

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
        if i >= 2 and toks[i - 1].lower_ in {"'s", "’s"} and _is_cap(toks[i - 2]):
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

    # ---- classification ----------------------------------------------------------------
    def _classify(self, doc: Doc) -> None:
        lex = self.lex
        work_forms: set[str] = set()
        person_forms: set[str] = set()
        # "Stan" is a streamer, unless the article names a Stan Lee: then "Stan's idea" is his
        first_names = {m.words[0] for m in doc.mentions if len(m.words) >= 2 and m.words[0].lower() in lex.given_names}
        for m in doc.mentions:
            if (
                m.text.startswith("The ")
                and m.sentence_initial
                and (
                    m.text[4:] in lex.networks
                    or m.text[4:] in lex.outlets
                    or m.text[4:] in lex.not_names
                    or self._looks_like_person(m, skip=1)
                )
            ):
                self._drop_first_word(doc, m)  # "The BBC said", "The Oscar winner": the article, not a title
            bare = re.sub(r"\s+(?:TV|Network|network|Channel|channel|Films|Television)$", "", m.text)
            bare = re.sub(r"^(?:Distributor|Studio|Network|Broadcaster|Streamer|Channel|Cable channel)\s+", "", bare)
            if (m.text in lex.networks or bare in lex.networks) and m.text not in first_names:
                # the form the article uses ("Prime Video", "Channel Four"); the store folds aliases into one entity
                m.kind, m.name = NETWORK, m.text if m.text in lex.networks else bare
            elif m.text in lex.outlets and not m.quoted:
                m.kind, m.name = OUTLET, lex.outlets[m.text]
            elif m.text in lex.not_names or (len(m.words) >= 2 and m.words[-1] in lex.company_suffixes):
                m.kind = OTHER  # "Wolf Point Productions" is a company, whatever its first word
        self._merge_possessive_titles(doc)
        for m in doc.mentions:
            if m.kind != UNKNOWN:
                continue
            if self._work_evidence(doc, m):
                work_forms.add(m.text)
            elif self._person_evidence(m):
                person_forms.add(m.text)
        # a lone capitalised word that speaks is a person, named by surname ("Pike said")
        for m in doc.mentions:
            if m.kind == UNKNOWN and len(m.words) == 1 and m.text not in work_forms and m.text[:1].isupper() and not m.text.isupper():
                sent = doc.sentences[m.sent]
                after = doc.text[m.end : min(sent.end, m.end + 30)]
                before = doc.text[max(sent.start, m.start - 20) : m.start]
                if _SPEAKS_AFTER.match(after) or _SPEAKS_BEFORE.search(before):
                    person_forms.add(m.text)
        # a two- or three-word name that plays or voices someone is a person ("Oprah Winfrey will voice a goose")
        for m in doc.mentions:
            if m.kind == UNKNOWN and 2 <= len(m.words) <= 3 and m.text not in work_forms and not m.quoted:
                sent = doc.sentences[m.sent]
                if _ACTS_AFTER.match(doc.text[m.end : min(sent.end, m.end + 40)]):
                    person_forms.add(m.text)
        # a surname of someone named in full is that person, whatever cue it met
        surnames = {p.split()[-1] for p in person_forms}
        work_forms -= {w for w in work_forms if w in surnames}
        # titles marked anywhere make every identical run a work (the "Jessica Jones" rule)
        for m in doc.mentions:
            if m.kind == UNKNOWN and (m.text in work_forms or self._strip_the(m.text) in work_forms):
                m.kind = WORK
            elif m.kind == UNKNOWN and m.text in person_forms:
                m.kind = PERSON
        self._resolve_people(doc)
        self._resolve_works(doc)
        self._resolve_pronouns(doc, self.lex.epithets)

    def _merge_possessive_titles(self, doc: Doc) -> None:
        """ "The Hitchhiker's Guide To The Galaxy", "Charlotte's Web": one title across the 's."""
        merged: list[Mention] = []
        drop: set[int] = set()
        # "Ritter's Jessica": a part of someone's name owns a role, not a title
        name_parts = {w for m in doc.mentions if self._looks_like_person(m) for w in m.words}
        for sent in doc.sentences:
            ms = sent.mentions
            for a, b in itertools.pairwise(ms):
                if id(a) in drop or a.kind not in (UNKNOWN, WORK) or b.kind not in (UNKNOWN, WORK):
                    continue
                if a.text in self.lex.not_names or self._looks_like_person(a) or self._looks_like_person(b) or a.text in name_parts:
                    continue
                between = doc.text[a.end : b.start]
                if between not in ("'s ", "’s ") or b.sentence_initial:
                    continue
                a.end = a.outer_end = b.end
                a.text = doc.text[a.start : a.end]
                a.last_tok = b.last_tok
                a.name = ""
                a.possessive = b.possessive
                drop.add(id(b))
            sent.mentions = [m for m in ms if id(m) not in drop]
            merged.extend(sent.mentions)
        doc.mentions = merged

    @staticmethod
    def _resolve_pronouns(doc: Doc, epithets: dict[str, str]) -> None:
        """'he'/'she' → a person of matching gender: one named earlier in the same sentence,
        else the subject of an earlier sentence (within a paragraph or two), else the last named.
        A sentence opening "The film star, who …" (an epithet) stands for the latest subject."""
        from showfacts.lang import name_genders

        genders = name_genders()

        def keys(m: Mention) -> tuple[str, ...]:
            gender = genders.get(m.name.split()[0].lower(), "?")
            return {"M": ("he",), "F": ("she",)}.get(gender, ("he", "she"))

        subject: dict[str, Mention | None] = {"he": None, "she": None}
        latest: dict[str, Mention | None] = {"he": None, "she": None}
        for sent in doc.sentences:
            if sent.start >= doc.body_end:
                break
            for table in (subject, latest):
                for key, m in list(table.items()):
                    if m is not None and sent.para - doc.sentences[m.sent].para > 1:
                        table[key] = None
            sent.pronouns = []
            here: dict[str, Mention] = {}
            people = [m for m in sent.mentions if m.kind == PERSON]
            events: list[tuple[int, Mention | Token]] = [(m.start, m) for m in people]
            events += [(tok_start(t), t) for t in sent.tokens if t.lower_ in {"he", "she"}]
            epithet = _opening_epithet(sent, epithets)
            if epithet is not None:
                key, last = epithet
                candidates = [m for m in ((subject["she"],) if key == "she" else (subject["he"], subject["she"])) if m is not None]
                if candidates:
                    antecedent = max(candidates, key=lambda m: m.start)
                    start, end = tok_start(sent.tokens[0]), tok_end(sent.tokens[last])
                    reference = Mention(start, end, doc.text[start:end], sent.index, 0, last, kind=PERSON, name=antecedent.name)
                    reference.outer_end = end
                    sent.pronouns.append(reference)
            for _, item in sorted(events, key=lambda e: e[0]):
                if isinstance(item, Mention):
                    for key in keys(item):
                        here[key] = item
                    continue
                key = item.lower_
                antecedent = here.get(key) or subject[key] or latest[key]
                if antecedent is None:
                    continue
                start = tok_start(item)
                pronoun = Mention(start, start + len(item.text), item.text, sent.index, item.i, item.i, kind=PERSON, name=antecedent.name)
                pronoun.outer_end = pronoun.end
                sent.pronouns.append(pronoun)
                here.setdefault(key, antecedent)
            if people:
                first = people[0]
                for key in keys(first):
                    if first.first_tok <= 3 or len(people) == 1:
                        subject[key] = first
                for m in people:
                    for key in keys(m):
                        latest[key] = m

    @staticmethod
    def _strip_the(text: str) -> str:
        return text[4:] if text.startswith("The ") else text

    def _work_evidence(self, doc: Doc, m: Mention) -> bool:
        if m.quoted:
            m.cues.add("quoted")
            return True
        if m.season is not None:
            m.cues.add("season")
            return True
        if m.owner and (m.owner in self.lex.networks or m.owner in self.lex.not_names or m.owner in {"Marvel", "DC", "Disney", "Pixar"}):
            m.cues.add("owner")
            return True
        if doc.sentences[m.sent].para == 0:
            return False  # headline case is no evidence: headlines capitalise every word
        sent = doc.sentences[m.sent]
        before = doc.text[max(sent.start, m.start - 60) : m.start]
        after = doc.text[m.end : min(sent.end, m.end + 60)]
        if m.descriptor or (m.possessive and self._looks_like_person(m)):
            return False
        person_shaped = self._looks_like_person(m) or (len(m.words) == 1 and m.text.lower() in self.lex.given_names)
        if person_shaped:
            # a name that looks like a person's is a title only on a strong cue
            if (_STRONG_BEFORE.search(before) and not _AUTHOR_AFTER.match(after)) or _STRONG_AFTER.match(after):
                m.cues.add("strong")
                return True
            return False
        if _WORK_BEFORE.search(before):
            m.cues.add("before")
            return True
        if _WORK_AFTER.match(after) and not (m.sentence_initial and len(m.words) == 1):
            m.cues.add("after")
            return True
        if re.match(r"\s*(?:'s|’s)\s+(?:\w+\s+)?(?:season|series|finale|premiere|episode|cast|showrunner|creator)", after, re.I):
            m.cues.add("after")
            return True
        return False

    @staticmethod
    def _drop_first_word(doc: Doc, m: Mention) -> None:
        sent = doc.sentences[m.sent]
        m.first_tok += 1
        m.start = tok_start(sent.tokens[m.first_tok])
        m.text = doc.text[m.start : m.end]

    def _looks_like_person(self, m: Mention, skip: int = 0) -> bool:
        words = m.words[skip:]
        if not 2 <= len(words) <= 4:
            return False
        first = words[0].lower().split("-")[0]  # Jean-Pierre
        if first not in self.lex.given_names or first in STOP_WORDS or first in CONNECTORS:
            return False
        return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words) and all(
            (w.lower() not in CONNECTORS and w.lower() not in STOP_WORDS and w.lower() not in {"vs", "vs."}) or w.lower() in NAME_PARTICLES
            for w in words[1:]
        )

    def _person_evidence(self, m: Mention) -> bool:
        if self._looks_like_person(m):
            return True
        words = m.words
        if len(words) == 2 and words[0].rstrip(".") in HONORIFICS and words[1][:1].isupper():
            return True
        return bool(m.descriptor and len(m.words) <= 3 and not m.quoted)

    def _resolve_people(self, doc: Doc) -> None:
        full: list[str] = []
        for m in doc.mentions:
            if m.kind == PERSON:
                m.name = m.text
                if len(m.words) >= 2 and m.text not in full:
                    full.append(m.text)
        # a single word (or a shorter form) that is a known person's surname or first name
        by_part: dict[str, str] = {}
        for name in full:
            parts = name.split()
            by_part.setdefault(parts[-1], name)
            by_part.setdefault(" ".join(parts[1:]), name)
        firsts = {name.split()[0]: name for name in full}
        for m in doc.mentions:
            if m.kind == PERSON and len(m.words) == 2 and m.words[0].rstrip(".") in HONORIFICS:
                m.name = by_part.get(m.words[1]) or m.text
            if m.kind == PERSON and len(m.words) == 1:
                m.name = by_part.get(m.text) or firsts.get(m.text) or m.text
            elif m.kind == UNKNOWN:
                if m.text in by_part:
                    m.kind, m.name = PERSON, by_part[m.text]
                elif m.text in firsts and not m.possessive:
                    m.kind, m.name = PERSON, firsts[m.text]

    def _resolve_works(self, doc: Doc) -> None:
        forms = Counter(m.text for m in doc.mentions if m.kind == WORK)
        canonical: dict[str, str] = {}
        ordered = sorted(forms, key=lambda f: (-len(f.split()), -forms[f]))
        for form in ordered:
            for longer in ordered:
                if longer == form or len(longer) <= len(form):
                    continue
                if _is_short_form(form, longer):
                    canonical[form] = canonical.get(longer, longer)
                    break
            canonical.setdefault(form, form)
        for m in doc.mentions:
            if m.kind == WORK:
                m.name = canonical.get(m.text, m.text)
            elif m.kind == UNKNOWN:
                match = next((canonical[f] for f in ordered if _is_short_form(m.text, f)), None)
                if match and m.text.lower() not in self.lex.given_names:
                    m.kind, m.name = WORK, match


def _is_short_form(short: str, long: str) -> bool:
    """'Defenders' of 'The Defenders', 'Enterprise' of 'Star Trek: Enterprise', 'The Office' of 'The Office US'."""
    if short == long:
        return True
    s, lg = short.lower(), long.lower()
    if lg == "the " + s or s == "the " + lg:
        return True
    if lg.endswith(": " + s) or lg.endswith(": the " + s):
        return True
    return lg.startswith(s + ":") and short.isupper()


_NUMBERED_SEASON = re.compile(r"\b(?:season|series)\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
_ORDINAL_SEASON = re.compile(
    r"\b("
    + "|".join(
        k for k in ORDINALS if not k.isdigit() and k not in {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    )
    + r")\s+(?:and final\s+)?(?:season|series)\b",
    re.I,
)


def season_phrases(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of every season phrase in ``text``: 'Season 2' and 'series two' first,
    then 'second season' and 'third and final season'."""
    found = []
    for m in _NUMBERED_SEASON.finditer(text):
        v = m.group(1).lower()
        number = int(v) if v.isdigit() else ORDINALS.get(v)
        if number is not None:
            found.append((m.start(), m.end(), number))
    found += [(m.start(), m.end(), ORDINALS[m.group(1).lower()]) for m in _ORDINAL_SEASON.finditer(text)]
    return found


def season_near(doc: Doc, sent: Sentence, start: int, end: int) -> int | None:
    """A season number stated in a sentence span: 'Season 2', 'second season', 'series two'."""
    phrases = season_phrases(doc.text[start:end])
    return phrases[0][2] if phrases else None
