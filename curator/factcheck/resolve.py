"""Resolving pronouns and short references to the source named before them: "she said" -> the last woman named,
"the minister said" -> the person last described as a minister, "the company denied" -> the company credited
before, "по его словам", "оның сөзінше", "деді министр".

Candidates are the people named in the story (with the titles written before their names) and every source
credited so far, in text order. A pronoun nobody can be found for is dropped (nothing is credited to "he"); a
short reference nobody matches stays as written ("the agency's spokesman").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from curator.core.text import fold
from curator.domain.factcheck import SourceKind
from curator.factcheck import phrases as ph
from curator.factcheck.text import UPPER, Document, word_set

if TYPE_CHECKING:
    from curator.factcheck.attributions import Attribution, Mention, Named, _Found

# How far back (characters) a pronoun and a short reference look for whom they mean.
PRONOUN_REACH = 1500
REFERENCE_REACH = 4000
_GENERIC_BODIES = word_set(
    "company firm airline carrier regulator operator venture group ведомство ведомства регулятор регулятора "
    "компания компании реттеуші палата министрлік"
)


@lru_cache(maxsize=256)
def _body_re(head: str) -> re.Pattern[str]:
    """A capitalised name ending in ``head``: "Caspian Fuel Company"."""
    word = rf"[{UPPER}][\w’'&.-]*"
    return re.compile(rf"\b((?:{word}\s+(?:(?:of|for|and|the)\s+)?){{1,5}}{head.capitalize()})\b")


@dataclass(frozen=True)
class _Entity:
    pos: int
    name: str
    kind: SourceKind
    gender: str | None
    words: frozenset[str]  # folded words of the name and of what describes it
    person: bool
    plural: bool


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    w = fold(word).strip("’'.,«»\"")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w and "\u0400" <= w[0] <= "\u04ff":
        return w[:6]
    return w


def _covers(want: set[str], words: frozenset[str]) -> bool:
    """Whether every wanted word is among ``words``; Cyrillic stems match on their common beginning, four letters
    at least ("әкім" / "әкімі", "министр" / "министра"), so case and possessive endings do not matter."""
    for h in want:
        if h in words:
            continue
        if not ("\u0400" <= h[0] <= "\u04ff" and len(h) >= 4):
            return False
        if not any(len(w) >= 4 and h[: min(len(h), len(w))] == w[: min(len(h), len(w))] for w in words):
            return False
    return True


_PUBLIC_BODIES = frozenset(
    _stem(w)
    for w in "ministry government union court agency committee commission council parliament bureau embassy "
    "министерство правительство профсоюз суд агентство комитет комиссия".split()
)


@lru_cache(maxsize=8192)
def _words(*texts: str) -> frozenset[str]:
    return frozenset(_stem(w) for t in texts for w in t.split() if w)


@lru_cache(maxsize=4096)
def _is_person_head(word: str) -> bool:
    low = fold(word).strip("’'")
    if low in ph.EN_PERSON_NOUNS or low in ph.TITLES:
        return True
    if ph.kk_head(low) in ph.KK_PERSON_STEMS:
        return True
    return ph.ru_head(low) in ph.RU_PERSON_STEMS


def _entity(pos: int, name: str, kind: SourceKind, gender: str | None, roles: Sequence[str]) -> _Entity:
    words = name.split()
    head = words[-1] if words else ""
    # the head of a descriptor is before its first preposition: "spokesman for the department"
    for k, w in enumerate(words):
        if k and fold(w) in ph.PREPOSITIONS:
            head = words[k - 1]
            break
    person = kind is SourceKind.PERSON
    low = fold(head)
    plural = False
    if not person and head[:1].islower():
        if (
            (low in ph.EN_PERSON_NOUNS and not low.endswith("s"))
            or (ph.ru_head(low) in ph.RU_PERSON_STEMS and not low.endswith(("и", "ы")))
            or ph.kk_head(low) in ph.KK_PERSON_STEMS
        ):
            person = True
        elif (low.endswith("s") and low in ph.EN_HEADS) or low.endswith(("лар", "лер", "дар", "дер", "тар", "тер")):
            plural = True
    return _Entity(pos, name, kind, gender, _words(name, " ".join(roles)), person, plural)


_entity = lru_cache(maxsize=4096)(_entity)


def _compatible(e: _Entity, gender: str | None) -> bool:
    if gender in ("m", "f"):
        return e.person and (e.gender is None or e.gender == gender)
    if gender == "any":
        return e.person
    if gender == "pl":
        return not e.person
    if gender == "org":
        return not e.person and not e.plural
    return False


class _Resolver:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.entities: list[_Entity] = []
        plain = doc.plain
        from curator.factcheck.attributions import guess_kind

        for pos, name in doc._persons:
            if guess_kind(name) is not SourceKind.PERSON or any(
                w.casefold() in ph.ORG_NAME_WORDS for w in name.split()
            ):
                continue
            lo = plain.rfind("\n", 0, pos) + 1
            before = plain[max(lo, pos - 60) : pos].split()[-4:]
            start = plain.find(name.split()[0], pos)
            roles = before + plain[pos : max(pos, start)].split()
            self.entities.append(_entity(pos, name, SourceKind.PERSON, ph.gender_of(name), tuple(roles)))
        self.entities.sort(key=lambda e: e.pos)
        self.positions = [e.pos for e in self.entities]

    def add(self, named: Named, name: str, kind: SourceKind, gender: str | None) -> None:
        e = _entity(named.start, name, kind, gender, named.roles)
        # keep the list in text order (attributions arrive in order; names from the text are already there)
        i = bisect.bisect_right(self.positions, e.pos)
        self.entities.insert(i, e)
        self.positions.insert(i, e.pos)

    def _before(self, pos: int, reach: int) -> list[_Entity]:
        hi = bisect.bisect_left(self.positions, pos)
        lo = bisect.bisect_left(self.positions, pos - reach)
        return self.entities[lo:hi][::-1]

    def pronoun(self, named: Named) -> _Entity | None:
        for e in self._before(named.start, PRONOUN_REACH):
            if _compatible(e, named.gender):
                return e
        return None

    def short(self, named: Named) -> _Entity | None:
        heads = [h for h in named.heads if fold(h) not in ph.DETERMINERS]
        if not heads:
            return None
        person = any(_is_person_head(h) for h in heads)
        want = {_stem(h) for h in heads}
        candidates = self._before(named.start, REFERENCE_REACH)
        for e in candidates:
            if e.person != person:
                continue
            if _covers(want, e.words):
                return e
        if not person and fold(heads[-1]) in _GENERIC_BODIES:
            for e in candidates:
                if e.person or e.plural:
                    continue
                if fold(heads[-1]) in ("company", "firm", "компания", "компании") and (
                    not e.name[:1].isupper() or e.words & _PUBLIC_BODIES
                ):
                    continue  # a company is not a ministry or a union
                return e
        if not person:
            return self._named_body(named.start, heads[-1], want)
        return None

    def _named_body(self, pos: int, head: str, want: set[str]) -> _Entity | None:
        """A body named earlier in the text but not credited: "The Caspian Fuel Company raised prices. The
        company said …"."""
        if not head.isascii() or not head.isalpha():
            return None
        plain = self.doc.plain
        last = None
        for m in _body_re(head.casefold()).finditer(plain, max(0, pos - REFERENCE_REACH), pos):
            if _covers(want, _words(m.group(1))):
                last = m
        if last is None:
            return None
        name = " ".join(last.group(1).split())
        name = name[4:] if name.startswith("The ") else name
        if len(name.split()) < 2:
            return None
        return _Entity(last.start(1), name, SourceKind.OTHER, None, _words(name), False, False)


def resolve(doc: Document, found: list[_Found]) -> list[Attribution]:
    from curator.factcheck.attributions import Attribution, Mention, source_key

    resolver = _Resolver(doc)

    def mention(named: Named | None) -> tuple[Mention | None, str, bool]:
        """The mention for a source as read, resolved if it is a reference; (mention, reference, dropped)."""
        if named is None:
            return None, "", False
        name, kind, gender, reference = named.name, named.kind, named.gender, ""
        if named.ref:
            e = resolver.pronoun(named) if named.ref == "pronoun" else resolver.short(named)
            if e is None:
                if named.ref == "pronoun":
                    return None, "", True
            else:
                name, kind, gender, reference = e.name, e.kind, e.gender, named.written
        if not name.strip():
            return None, "", True
        resolver.add(named, name, kind, gender)
        link = doc.link_at(named.start, named.end)
        m = Mention(name, source_key(name), kind, named.start, named.end, link.url if link else "")
        return m, reference, False

    out: list[Attribution] = []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        source, reference, dropped = mention(f.named)
        if dropped or source is None:
            continue
        speaker, ref2, dropped = mention(f.speaker)
        if dropped:
            continue
        via, _, _ = mention(f.via)
        out.append(
            Attribution(
                f.start, f.end, f.sentence, f.pattern, f.trigger, source, speaker, via, f.trailing, reference or ref2
            )
        )
    return out
