"""Names resolved within an article: a surname or first name to the full name given
elsewhere ("Rosenberg" → Melissa Rosenberg), a short title to its fullest form ("Defenders"
→ The Defenders), a network to the form without its article ("The BBC" → BBC), and
"he"/"she" (or an epithet such as "The film star, who …") to the person they stand for.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from showfacts.extract.candidates import HONORIFICS
from showfacts.extract.doc import NETWORK, PERSON, WORK, Doc, Mention, Sentence, tok_end, tok_start
from showfacts.lang import Lexicon


class NameStage:
    """Gives every typed mention its canonical name, and resolves pronouns."""

    name = "names"

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        for m in doc.mentions:
            if m.kind == NETWORK:
                bare = m.text[4:] if m.text.startswith("The ") else m.text
                m.name = bare if bare in self.lex.networks else m.text
            elif m.kind not in (PERSON, WORK):
                m.name = m.text
        self._resolve_people(doc)
        self._resolve_works(doc)
        self._resolve_pronouns(doc, self.lex.epithets)
        return doc

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

    def _resolve_people(self, doc: Doc) -> None:
        full: list[tuple[int, str]] = []  # (offset, full name) of every two-word-or-longer person mention
        for m in doc.mentions:
            if m.kind == PERSON:
                m.name = m.text
                if len(m.words) >= 2 and not (len(m.words) == 2 and m.words[0].rstrip(".") in HONORIFICS):
                    full.append((m.start, m.text))
        for m in doc.mentions:
            if m.kind != WORK and len(m.words) == 2 and m.words[0].rstrip(".") in HONORIFICS:
                name = _full_name(full, m.words[1], m.start, surname_only=True)  # "Ms Mendelsohn", whatever the typer made of it
                if name or m.kind == PERSON:
                    m.kind, m.name = PERSON, name or m.text
            if m.kind == PERSON and len(m.words) == 1:
                m.name = _full_name(full, m.text, m.start) or m.text
            elif m.kind != WORK and m.p(PERSON) >= 0.2 and len(m.words) == 1:
                name = _full_name(full, m.text, m.start, surname_only=True)
                if name:
                    m.kind, m.name = PERSON, name

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
            elif m.kind != PERSON:
                match = next((canonical[f] for f in ordered if _is_short_form(m.text, f)), None)
                if match and m.text.lower() not in self.lex.given_names:
                    m.kind, m.name = WORK, match


def _full_name(full: list[tuple[int, str]], short: str, at: int, surname_only: bool = False) -> str | None:
    """The full name a short form stands for. A surname ("Swartzlander", "Del Toro") is the
    first person the article introduces with it (a family's "Osbourne" is the lead of the
    story); a first name, tried after surnames, is the person of that name named last before
    it (two Martins in one article: "Martin" is the one just mentioned), else the first after."""
    for _, name in full:
        parts = name.split()
        if parts[-1] == short or " ".join(parts[1:]) == short:
            return name
    if surname_only:
        return None
    before = [name for start, name in reversed(full) if start < at]
    after = [name for start, name in full if start >= at]
    return next((name for name in before + after if name.split()[0] == short), None)


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


