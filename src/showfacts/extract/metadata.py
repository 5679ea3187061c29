"""Article metadata: headline, byline (at the top, "By Jane Doe", or at the end with an
author bio), and the outlets the article cites as its source ("Source: Variety",
"told The Hollywood Reporter", "as Deadline reports").

It runs first: it also marks where the byline/bio tail begins, so later stages do not
read the author's bio as news.
"""

from __future__ import annotations

import re

from showfacts.extract.doc import Doc
from showfacts.lang import Lexicon

_NAME = r"(?:[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da|di|la|le)){1,3})"
_BYLINE = re.compile(rf"^\s*(?:By|BY|Written by|Words by|Story by)\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[,|–—-].*)?$")
_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:is|was|has been|covers|writes)\b[^.]{{0,160}}\b(?:journalist|writer|editor|reporter|critic|contributor|correspondent|"
    r"freelancer|columnist|blogger|author|staff|news|covering|covers|podcast)",
)
_FOLLOWING = re.compile(r"(?:\s+[a-z][\w'’-]*){0,2}")
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Sources|Via|H/T|h/t|Source material)\s*:\s*(?P<outlets>.+?)\s*\.?$")
_CITE = re.compile(
    r"(?:according to|told|telling|tell|tells|(?:during |in )?an? (?:recent |new )?appearance on|speaking to|speaking with|spoke to|spoke with|in an? (?:new |recent |exclusive |candid )?"
    r"(?:interview|conversation|chat|sit-down) with|interview with|reported by|first reported by|confirmed to|revealed to|"
    r"in a statement to|as reported by|via|per|report from|reports? in|wrote in|writing in|to)\s+(?:the\s+)?"
    r"(?:(?:(?:US|UK|British|American|Hollywood|showbusiness|showbiz|trade)\s+)?(?:(?:TV|radio|trade|entertainment|news)\s+)?"
    r"(?:show|programme|program|magazine|newspaper|paper|website|site|station|publication|outlet)\s+)?(?P<name>[A-Z0-9][\w'’!.&+-]*(?:\s+[A-Z0-9][\w'’!.&+-]*){0,4})"
    r"|(?P<name2>[A-Z][\w'’!.&+-]*(?:\s+[A-Z][\w'’!.&+-]*){0,4})\s+(?:has\s+|have\s+)?(?:first\s+)?(?:reported|reports|has learned|learned|broke the news|confirmed|revealed|understands|said|says)\b",  # only known outlets pass
)


class MetadataStage:
    name = "metadata"

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._outlets_folded = {name.lower(): canonical for name, canonical in lex.outlets.items()}

    def __call__(self, doc: Doc) -> Doc:
        article = doc.article
        first_line = doc.text.split("\n", 1)[0].strip()
        doc.title = article.title or first_line or None
        authors = list(article.authors)
        paragraphs = doc.paragraphs
        texts = [doc.text[p.start : p.end].strip() for p in paragraphs]
        # byline near the top
        for text in texts[1:4]:
            m = _BYLINE.match(text)
            if m:
                authors += _split_names(m.group("names"))
                break
        # tail: bare name lines, bio lines and source lines at the end
        tail_start = len(doc.text)
        for p, text in zip(reversed(paragraphs[1:]), reversed(texts[1:]), strict=True):
            bio = _BIO.match(text)
            if bio and self._is_person(bio.group("name")):
                authors.append(bio.group("name"))
            elif self._is_person(text) or _BYLINE.match(text):
                m = _BYLINE.match(text)
                authors += _split_names(m.group("names")) if m else [text]
            elif _SOURCE_LINE.match(text) or len(text) < 3:
                pass
            else:
                break
            tail_start = p.start
        doc.body_end = tail_start
        doc.authors = _unique(authors)
        doc.cited_sources = self._cited(doc, texts)
        return doc

    def _is_person(self, text: str) -> bool:
        words = text.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return False
        return words[0].lower() in self.lex.given_names and text not in self.lex.outlets and text not in self.lex.networks

    def _cited(self, doc: Doc, texts: list[str]) -> list[str]:
        found: list[str] = []
        for text in texts[1:]:
            m = _SOURCE_LINE.match(text)
            if m:
                for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", m.group("outlets")):
                    name = self._outlet(part.strip(" ."), loose=True)
                    if name:
                        found.append(name)
        body = doc.text[: doc.body_end]
        for m in _CITE.finditer(body):
            raw = m.group("name") or m.group("name2")
            if m.group("name"):
                # "according to the Hollywood reporter": an outlet's name written with a small letter
                raw += " " + " ".join(_FOLLOWING.match(body, m.end()).group(0).split()[:2])
            name = self._outlet(
                raw, loose=m.group("name") is not None and m.group(0).lower().startswith(("told", "according to", "in a", "interview"))
            )
            if name:
                found.append(name)
        return _unique(found)

    def _outlet(self, raw: str, loose: bool) -> str | None:
        """The outlet a phrase names: a known outlet (possibly with a network owner before
        it, "ITV1's This Morning"), or with ``loose`` any capitalised name that is not a person."""
        raw = raw.strip().rstrip(".,;:")
        words = raw.split()
        for n in range(len(words), 0, -1):
            for i in range(0, len(words) - n + 1):
                cand = " ".join(words[i : i + n]).rstrip(".,'’").removesuffix("'s").removesuffix("’s")
                if cand.lower() in self._outlets_folded:
                    return cand if cand[:1].isupper() else self._outlets_folded[cand.lower()]  # the form the article uses
        words = [w for w in words if w[:1].isupper() or w[:1].isdigit()]  # the words looked ahead for a known name go
        raw = " ".join(words)
        if not loose or not words:
            return None
        # "ITV1's This Morning": the programme after a channel's possessive
        m = re.match(r"^[\w+!&-]+(?:'s|’s)\s+(.+)$", raw)
        if m:
            raw = m.group(1)
        raw = re.sub(
            r"^(?:US|UK|British|American)\s+(?:TV\s+)?(?:show|programme|program|magazine|newspaper|paper|website|site|radio)\s+", "", raw
        )
        words = raw.split()
        if not words or self._is_person(raw) or raw in self.lex.networks or raw in self.lex.not_names:
            return None
        if len(words) > 4 or words[0].lower() in {"he", "she", "they", "it", "i", "we", "a", "an", "his", "her", "their", "fans"}:
            return None
        if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in {"of", "the", "and"} for w in words):
            return None
        return raw


def _split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", text) if n.strip()]


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out
