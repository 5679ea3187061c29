"""The Doc every extraction stage reads and adds to: text split into paragraphs,
sentences and spaCy tokens, plus the mentions, entities and facts found so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from spacy.lang.en import English
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from showfacts.article import Article
from showfacts.facts import Evidence, Fact

if TYPE_CHECKING:
    from showfacts.extract.mentions import Mention

_LINE = re.compile(r"[^\n]+")


@cache
def nlp() -> English:
    """spaCy's English tokenizer with its rule-based sentencizer: no trained model needed."""
    pipeline = English()
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
    pronouns: list[Mention] = field(default_factory=list)
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
    """Split the article into paragraphs (lines) and sentences, tokenised by spaCy."""
    text = article.text
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    pieces = [text[s:e] for s, e in spans]
    for p_index, ((start, end), sdoc) in enumerate(zip(spans, nlp().pipe(pieces), strict=True)):
        para = Paragraph(p_index, start, end)
        for sent in _sentences(sdoc):
            tokens = [t for t in sent if not t.is_space]
            if not tokens:
                continue
            s = Sentence(len(sentences), p_index, start + tokens[0].idx, start + tokens[-1].idx + len(tokens[-1].text), tokens)
            para.sentences.append(s)
            sentences.append(s)
        paragraphs.append(para)
    # tokens keep offsets relative to their paragraph; store the paragraph start for absolute offsets
    for para in paragraphs:
        for sent in para.sentences:
            for tok in sent.tokens:
                tok._.base = para.start
    return Doc(article=article, text=text, paragraphs=paragraphs, sentences=sentences, body_end=len(text))


def _sentences(sdoc: SpacyDoc) -> list[list[Token]]:
    """The sentencizer's sentences, re-joined where it split after an abbreviation-like token."""
    out: list[list[Token]] = []
    for sent in sdoc.sents:
        tokens = list(sent)
        if out and tokens and tokens[0].text[:1].islower():
            out[-1].extend(tokens)
        else:
            out.append(tokens)
    return out


def tok_start(tok: Token) -> int:
    """Absolute character offset of a token in the article text."""
    return int(tok._.base) + tok.idx


def tok_end(tok: Token) -> int:
    return int(tok._.base) + tok.idx + len(tok.text)


if not Token.has_extension("base"):
    Token.set_extension("base", default=0)
