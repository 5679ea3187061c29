"""The Doc every extraction stage reads and adds to: text split into paragraphs,
sentences and spaCy tokens, plus the mentions, entities and facts found so far."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.lang.en import English
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token
from spacy.util import compile_suffix_regex

from showfacts.article import Article
from showfacts.facts import Evidence, Fact

_LINE = re.compile(r"[^\n]+")
# a stored page's date line (" date 2018-01-04"): page furniture, not a headline or news
_DATE_LINE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*$")

WORK, PERSON, NETWORK, CHARACTER, OUTLET, OTHER, UNKNOWN = "work", "person", "network", "character", "outlet", "other", "unknown"
KINDS = (WORK, PERSON, NETWORK, CHARACTER, OUTLET, OTHER)
"""What a name can be; the mention typer gives each a probability (``Mention.probs``)."""


@dataclass
class Mention:
    """One name in the text (or a phrase standing for one, such as "the series").

    ``kind`` is the typer's decision and ``probs`` its probabilities; ``name`` is the
    canonical form within the article ("Melissa Rosenberg" for "Rosenberg").
    """

    start: int
    end: int
    text: str
    sent: int
    first_tok: int  # token indices within the sentence
    last_tok: int
    kind: str = UNKNOWN
    name: str = ""
    probs: dict[str, float] = field(default_factory=dict)
    season: int | None = None
    quoted: bool = False
    owner: str | None = None  # "Marvel" in "Marvel's Jessica Jones"
    possessive: bool = False  # followed by 's
    descriptor: str | None = None  # "actress" in "actress Lisa Kudrow"
    sentence_initial: bool = False
    cues: set[str] = field(default_factory=set)
    outer_end: int = 0  # end including a stripped "Season 2" suffix
    ref: str | None = None  # for a phrase standing for a work ("the series"): how it was resolved

    @property
    def words(self) -> list[str]:
        return self.text.split()

    def p(self, kind: str) -> float:
        """The typer's probability that this is a ``kind`` (1 or 0 where it decided by rule)."""
        return self.probs.get(kind, 1.0 if self.kind == kind else 0.0)


@cache
def nlp() -> English:
    """spaCy's English tokenizer with its rule-based sentencizer: no trained model needed."""
    pipeline = English()
    # a sentence-final full stop after a camel-case name ("on BSkyB.", "at MoviePass.") is
    # punctuation; spaCy's own suffix rules only split it after a lower-case letter or a number
    # and a possessive written with an opening curly mark ("Empire of Light‘s cast") is a possessive
    suffixes = [*pipeline.Defaults.suffixes, r"(?<=[a-z][A-Z])\.", r"(?<=\w)‘[sS]"]
    pipeline.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    pipeline.add_pipe("sentencizer")
    return pipeline


@dataclass
class Sentence:
    index: int
    para: int
    start: int  # character offsets into the article text
    end: int
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    pronouns: list[Mention] = field(default_factory=list)  # he/she standing for a named person
    anaphors: list[Mention] = field(default_factory=list)  # "the series", "the film" standing for a named work

    def text_of(self, doc: Doc) -> str:
        return doc.text[self.start : self.end]


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Doc:
    """An article being read. Stages fill ``mentions``, ``facts`` and the metadata fields."""

    article: Article
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    body_end: int  # where the byline/bio tail begins; facts come from text before it
    headline: int | None = None  # the paragraph that is the headline (0), if the text opens with one
    chrome: set[int] = field(default_factory=set)  # paragraphs that are page furniture, not news
    topic: str | None = None  # the work the article is mostly about (reference.py)
    topic_counts: dict[str, float] = field(default_factory=dict)
    topic_done: bool = False
    known_titles: frozenset[str] = frozenset()  # folded titles the user or the knowledge base knows
    cues: dict[int, list] = field(default_factory=dict)  # sentence → its cue phrases (cues.py)
    units: dict[int, object] = field(default_factory=dict)  # sentence → its units (relations/units.py)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    masks: dict[int, tuple[tuple[int, int], object]] = field(default_factory=dict)  # sentence → masked form (extract/masked.py)
    _seen: set[tuple[object, ...]] = field(default_factory=set)

    def add(self, type: str, start: int, end: int, confidence: float | None = None, **values: object) -> None:
        """Record a fact once (the first evidence for the same claim wins)."""
        fact = Fact.make(type, Evidence(start, end), confidence, **values)
        if fact.key in self._seen:
            return
        self._seen.add(fact.key)
        self.facts.append(fact)

    def is_headline(self, sent: Sentence) -> bool:
        return sent.para == self.headline

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None


def make_doc(article: Article) -> Doc:
    """Split the article into paragraphs (lines) and sentences, tokenised by spaCy in one pass."""
    text = article.text
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    paragraphs = [Paragraph(i, start, end) for i, (start, end) in enumerate(spans)]
    starts = [start for start, _ in spans]
    sentences: list[Sentence] = []
    for tokens in _sentences(nlp()(text)):
        para = paragraphs[bisect_right(starts, tokens[0].idx) - 1]
        if sentences and tokens[0].text[:1].islower() and sentences[-1].para == para.index:
            # the sentencizer split after an abbreviation-like token ("Sept. 12"): join back
            prev = sentences[-1]
            prev.tokens.extend(tokens)
            prev.end = tok_end(tokens[-1])
            continue
        sent = Sentence(len(sentences), para.index, tok_start(tokens[0]), tok_end(tokens[-1]), tokens)
        para.sentences.append(sent)
        sentences.append(sent)
    chrome = {p.index for p in paragraphs if _DATE_LINE.match(text[p.start : p.end])}
    doc = Doc(article=article, text=text, paragraphs=paragraphs, sentences=sentences, body_end=len(text), chrome=chrome)
    doc.headline = _headline_paragraph(doc)
    return doc


def _headline_paragraph(doc: Doc) -> int | None:
    """0 when the text opens with its headline: the article's title, or (without one) a short
    first line that does not end like a sentence. Excerpts that open with the lede have none."""
    first = next((p for p in doc.paragraphs if p.index not in doc.chrome), None)
    if first is None or first.index != 0:
        return None
    line = doc.text[first.start : first.end].strip()
    title = (doc.article.title or "").strip()
    if title:
        return 0 if _squash(line) == _squash(title) or _squash(line).startswith(_squash(title)) else None
    if len(doc.paragraphs) == 1:
        return None
    return 0 if len(line.split()) <= 25 and not re.search(r"[.!?][\"”’']?$", line) else None


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _sentences(sdoc: SpacyDoc) -> list[list[Token]]:
    """The sentencizer's sentences, also split where a line ends (a headline, a byline, a paragraph)."""
    out: list[list[Token]] = []
    for sent in sdoc.sents:
        current: list[Token] = []
        for tok in sent:
            if tok.is_space:
                if "\n" in tok.text and current:
                    out.append(current)
                    current = []
                continue
            current.append(tok)
            if "\n" in tok.whitespace_:
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def tok_start(tok: Token) -> int:
    """Character offset of a token in the article text."""
    return int(tok.idx)


def tok_end(tok: Token) -> int:
    return int(tok.idx) + len(tok.text)
