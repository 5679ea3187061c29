"""The Doc every extraction stage reads and adds to: text split into paragraphs,
sentences and spaCy tokens, plus the mentions, entities and facts found so far."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from spacy.lang.en import English
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token
from spacy.util import compile_suffix_regex

from showfacts.article import Article
from showfacts.facts import Evidence, Fact

if TYPE_CHECKING:
    from showfacts.extract.mentions import Mention

_LINE = re.compile(r"[^\n]+")


@cache
def nlp() -> English:
    """spaCy's English tokenizer with its rule-based sentencizer: no trained model needed."""
    pipeline = English()
    # a sentence-final full stop after a camel-case name ("on BSkyB.", "at MoviePass.") is
    # punctuation; spaCy's own suffix rules only split it after a lower-case letter or a number
    suffixes = [*pipeline.Defaults.suffixes, r"(?<=[a-z][A-Z])\."]
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
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    masks: dict[int, tuple[tuple[int, int], object]] = field(default_factory=dict)  # sentence → masked form (extract/masked.py)
    _seen: set[tuple[object, ...]] = field(default_factory=set)

    def add(self, type: str, start: int, end: int, **values: object) -> None:
        """Record a fact once (the first evidence for the same claim wins)."""
        fact = Fact.make(type, Evidence(start, end), **values)
        if fact.key in self._seen:
            return
        self._seen.add(fact.key)
        self.facts.append(fact)

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
    return Doc(article=article, text=text, paragraphs=paragraphs, sentences=sentences, body_end=len(text))


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
