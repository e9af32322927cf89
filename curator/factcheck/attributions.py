"""Finding attributions: who each statement in a story is credited to ("Orda.kz reports", "according to CBS
News", "told TASS", "…, Karasin said", "said its director, Dr Marat Ospanov", "The union's leader, Dana Kim,
welcomed", "were announced by Dana Kim and Marat Ospanov", "she added", "по словам Жумабаевой", "как передаёт
ТАСС", "деп хабарлады Kazinform", "Садықованың сөзінше").

A rule layer over the sentences of the story and their tokens (see ``phrases``): each sentence holding a trigger
(a speech verb in any form, "according to", a passive "by", a Russian or Kazakh form) is read for the noun phrase
that names the source: before the verb past appositives and relative clauses, after it when inverted, and split
when several speakers are named. Pronouns and short references ("she said", "the minister said", "по его
словам", "деді ол") are resolved to the speaker named before them (``resolve``). No network, no model files.

Each attribution carries the span of its phrase, its sentence, and the source it credits, all as offsets into the
body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from curator.core.text import fold
from curator.domain.factcheck import SourceKind
from curator.factcheck import phrases as ph
from curator.factcheck.phrases import Tok, tokenize
from curator.factcheck.text import ORGANISATION_WORDS, Document, Span, ru_stem, word_set

# ----------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Mention:
    """A source as named at one place in the text."""

    name: str  # as a source list shows it: "Associated Press", "Grigory Karasin" (a surname resolved)
    key: str  # what identifies the source within a story (folded, without article)
    kind: SourceKind  # a guess; a checker can change it
    start: int  # where the name is written (for a pronoun or short reference: where that is written)
    end: int
    url: str = ""  # when the name is a Markdown link


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # the attribution phrase: "Orda.kz reports", "According to CBS News", "Karasin … told TASS"
    end: int
    sentence: Span
    pattern: str  # "according_to", "reports", "says", "told", "after_quote", "ru_po_dannym", "kk_verb", …
    trigger: str  # the words that signal it, as written
    source: Mention  # who is credited: the outlet or person the statement comes from
    speaker: Mention | None = None  # who spoke, when reported through someone else (Karasin told TASS)
    via: Mention | None = None  # who passed it on (CBS News, citing diplomatic sources)
    trailing: bool = False  # the attribution follows what it attributes ("…, Karasin said.")
    reference: str = ""  # how the source is referred to here when resolved from before: "she", "the minister"

    @property
    def credited(self) -> Mention:
        """The person or body whose words these are."""
        return self.speaker or self.source


# ------------------------------------------------------------------------------------------- vocabulary

_DOCUMENT_WORDS = word_set(
    """
    report statement data study survey letter decree document documents figures release memo filing
    transcript resolution order records census poll research paper minutes protocol verdict ruling forecast
    данным отчет отчёт документ документы заявление доклад
    """
)
_MEDIA_WORDS = word_set(
    """
    news press times post agency journal telegraph guardian gazette herald tribune radio tv television daily
    wire media broadcasting network magazine newspaper review observer chronicle express mail today online
    novosti новости агентство газета
    """
)
_KNOWN_OUTLETS = word_set(
    """
    tass reuters bloomberg interfax afp ap bbc cnn cbs nbc abc ria xinhua kyodo yonhap anadolu kazinform
    tengrinews vedomosti kommersant rbc izvestia axios politico al-jazeera aljazeera euronews dw tdh тасс
    интерфакс риа рбк ведомости коммерсантъ коммерсант известия казинформ курсив tengrinews
    """
)
_KNOWN_OUTLET_STEMS = frozenset(ru_stem(name) for name in _KNOWN_OUTLETS)
_DOMAIN_RE = re.compile(r"[^\W_]\.[^\W\d_]{2,}$")
_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"[’']s?$")
_QUOTE_MARKS = frozenset('«»“”„"')
_OPENING_MARKS = frozenset('«“„"')
_CLOSING_MARKS = frozenset('»”“"')
# Punctuation after which a verb is inverted ("…,” said Karasin", "— заявил Песков").
_INVERTING = frozenset(',—–-”"»:')
_DASHES = frozenset("—–-")


@lru_cache(maxsize=4096)
def _folded(word: str) -> str:
    return fold(word).strip("’'")


@lru_cache(maxsize=4096)
def source_key(name: str) -> str:
    """What identifies a source within a story: folded, without a leading article or possessive ending."""
    text = " ".join(name.replace("«", " ").replace("»", " ").replace("“", " ").replace("”", " ").split())
    text = _ARTICLE_RE.sub("", text)
    return fold(_POSSESSIVE_RE.sub("", text)).strip(" .,\"'") or fold(text)


@lru_cache(maxsize=4096)
def guess_kind(name: str, role: str = "") -> SourceKind:
    """A first guess at what kind of source a name is, from its shape and the verb that credits it."""
    words = name.split()
    if not words:
        return SourceKind.OTHER
    folded = [_folded(w) for w in words]
    key = source_key(name)
    if _DOMAIN_RE.search(words[-1]) or folded[-1] in _MEDIA_WORDS or key in _KNOWN_OUTLETS:
        return SourceKind.OUTLET
    if len(words) == 1 and ru_stem(key) in _KNOWN_OUTLET_STEMS:
        return SourceKind.OUTLET  # an outlet's name in another case: «Интерфакса», ТАССу
    if any(w in _KNOWN_OUTLETS for w in folded[:1]) and len(words) <= 3:
        return SourceKind.OUTLET
    if any(w in _DOCUMENT_WORDS for w in folded):
        return SourceKind.DOCUMENT
    if role == "publisher":
        return SourceKind.OUTLET
    titlecase = all(w[:1].isupper() and not w.isupper() and "." not in w for w in words)
    if 2 <= len(words) <= 3 and titlecase and not any(w in ORGANISATION_WORDS for w in folded):
        return SourceKind.PERSON
    return SourceKind.OTHER


# ------------------------------------------------------------------------------------- noun phrases


class Named(NamedTuple):
    """A source as read from a noun phrase, before pronouns and short references are resolved."""

    start: int
    end: int
    name: str
    kind: SourceKind
    ref: str = ""  # "pronoun", "short" (the minister), "its" (its forecasters): resolved from earlier mentions
    gender: str | None = None  # for a pronoun: "m", "f", "pl", "org", "any"
    heads: tuple[str, ...] = ()  # for a short reference: the words to look for ("energy", "minister")
    roles: tuple[str, ...] = ()  # words that describe this source here ("akim", "chairman"), for later references
    written: str = ""  # the words as written, for a reference


_NOBODY = word_set("nobody everyone everybody someone somebody anyone anybody nothing никто все кто-то ешкім бәрі")
_NP_JOINERS = word_set("of at in for from with on and to и")
_TO_NOUNS = word_set(
    "close closer adviser advisers advisor advisors aide aides spokesman spokeswoman spokesperson ambassador envoy "
    "envoys secretary counsellor counselor consultant successor heir related linked loyal"
)
_PATRONYMIC_RE = re.compile(r"(?:вич|вна|ична|ұлы|улы|қызы|кызы)$")
_TITLECASE_RE = re.compile(r"^[^\W\d_][^\W\d_’'-]*(?:[-’'][^\W\d_]+)*$")
_CONNECTORS = word_set("of the for on and de du la le del der van von al bin ibn & at")
_PERSON_BLOCKERS = (
    ORGANISATION_WORDS
    | ph.EN_BODY_NOUNS
    | ph.MONTHS_AND_DAYS
    | ph.ORG_NAME_WORDS
    | word_set(
        "kazakh russian ukrainian american chinese uzbek kyrgyz tajik turkmen european national international "
        "state central eurasian asian public human"
    )
)


def _is_title_case(tok: Tok) -> bool:
    t = tok.text
    return t[0].isupper() and not t.isupper() and _TITLECASE_RE.match(t) is not None


def _person_like(toks: list[Tok]) -> bool:
    """Two to four title-case words that are not an organisation's: "Aigerim Sadykova", "Kassym-Jomart Tokayev"."""
    if not 2 <= len(toks) <= 4:
        return False
    return all(_is_title_case(t) and t.low not in _PERSON_BLOCKERS and t.low not in ph.TITLES for t in toks)


def _text(plain: str, toks: list[Tok]) -> str:
    return " ".join(plain[toks[0].start : toks[-1].end].split()) if toks else ""


class _Reader:
    """Reads noun phrases out of one sentence's tokens."""

    def __init__(self, finder: _Finder, toks: list[Tok], lang: str) -> None:
        self.f = finder
        self.plain = finder.plain
        self.toks = toks
        self.lang = lang
        self._memo: dict[tuple[int, int, str], list[Named]] = {}
        self._left: dict[tuple[int, int], tuple[int, int] | None] = {}

    # ---------------------------------------------------------------------------------- scanning

    def _quoted_span_back(self, i: int) -> int | None:
        """``i`` is a closing mark: the index of its opening mark, when it encloses a short capitalised name."""
        for k in range(i - 1, max(-1, i - 8), -1):
            t = self.toks[k].text
            if t in _OPENING_MARKS:
                return k if k + 1 < i and self.toks[k + 1].cap else None
            if not self.toks[k].is_word and t not in "-&.":
                return None
        return None

    def _quoted_span_forward(self, i: int) -> int | None:
        for k in range(i + 1, min(len(self.toks), i + 8)):
            t = self.toks[k].text
            if t in _CLOSING_MARKS:
                return k if k > i + 1 and self.toks[i + 1].cap else None
            if not self.toks[k].is_word and t not in "-&.":
                return None
        return None

    def skip_back(self, j: int, floor: int) -> int:
        """From ``j`` leftwards past auxiliaries, adverbs and time phrases between a subject and its verb."""
        toks = self.toks
        while j >= floor:
            low = toks[j].low
            if self.lang == "en":
                if low in ph.EN_AUX or low in ph.EN_BE or (low.endswith("ly") and len(low) > 4 and not toks[j].cap):
                    j -= 1
                    continue
                if (low in ph.TIME_WORDS and not toks[j].cap) or low in ph.MONTHS_AND_DAYS:
                    k = j - 1
                    while k >= floor and toks[k].low in ("on", "last", "this", "next", "in", "a", "an", "early"):
                        k -= 1
                    j = k
                    continue
                if low == "not" or low == "n't":
                    j -= 1
                    continue
            else:
                if low in ("также", "уже", "ранее", "тоже", "еще", "позже", "впервые", "не", "в", "свою", "очередь"):
                    j -= 1
                    continue
                # "на брифинге", "в обзоре", "журналистам": a lowercase phrase after a preposition
                k = j
                while k >= floor and not toks[k].cap and toks[k].is_word and k > j - 3:
                    if toks[k].low in ("на", "в", "во", "при", "после", "по") and k < j:
                        break
                    k -= 1
                if k >= floor and k < j and toks[k].low in ("на", "в", "во", "при", "после") and k > floor:
                    j = k - 1
                    continue
            break
        return j

    def left_np(self, j: int, floor: int) -> tuple[int, int] | None:
        """The noun phrase ending at token ``j``: (first, last) token indexes, or None."""
        key = (j, floor)
        if key not in self._left:
            self._left[key] = self._left_np(j, floor)
        return self._left[key]

    def _left_np(self, j: int, floor: int) -> tuple[int, int] | None:
        toks = self.toks
        if j < floor:
            return None
        a = j + 1
        stops = ph.EN_LEFT_STOPS if self.lang == "en" else ph.RU_STOP
        while a - 1 >= floor and j - a < 12:
            t = toks[a - 1]
            if t.text in _CLOSING_MARKS:
                k = self._quoted_span_back(a - 1)
                if k is None or k < floor:
                    break
                a = k
                continue
            if not t.is_word:
                break
            if t.low == "to" and a - 2 >= floor and toks[a - 2].low in _TO_NOUNS and a <= j:
                a -= 1  # "a source close to the talks", "an adviser to the president"
                continue
            if t.low in stops and not t.cap and not (t.low == "and" and a <= j):
                break
            if t.low == "and":
                # "the mayor and his deputy": keep going only if a speaker stands on both sides
                nxt = toks[a] if a <= j else None
                if nxt is None or not (nxt.low in ph.DETERMINERS or nxt.cap):
                    break
            a -= 1
            if t.low in ph.DETERMINERS and t.low not in ("one", "two", "three", "both", "all"):
                # "the head of the water board", "the mayor and his deputy": on past a preposition or "and"
                if (
                    a - 2 >= floor
                    and toks[a - 1].low in _NP_JOINERS
                    and toks[a - 2].is_word
                    and (toks[a - 2].low not in stops or toks[a - 2].low == "and")
                    and j - a < 10
                ):
                    continue
                break
        if a > j:
            return None
        # "and" left at the start is no part of the phrase
        while a <= j and toks[a].low in ("and", "but", "however", "meanwhile", "и", "а", "но", "однако"):
            a += 1
        return (a, j) if a <= j else None

    def right_np(self, i: int, ceiling: int) -> tuple[int, int] | None:
        """The noun phrase starting at token ``i``, up to a clause boundary."""
        toks = self.toks
        b = i - 1
        stops = ph.EN_LEFT_STOPS - {"and"} if self.lang == "en" else ph.RU_STOP - {"и"}
        while b + 1 <= ceiling and b - i < 12:
            t = toks[b + 1]
            if t.text in _OPENING_MARKS:
                k = self._quoted_span_forward(b + 1)
                if k is None or k > ceiling:
                    break
                b = k
                continue
            if not t.is_word:
                break
            if (t.low in stops and not t.cap) or (self.lang == "en" and t.low in ph.EN_SPEECH and b >= i):
                break
            if self.lang == "en" and t.low in ("saying", "adding", "noting", "warning", "citing"):
                break
            b += 1
        return (i, b) if b >= i else None

    # ----------------------------------------------------------------------------------- reading

    def read(self, a: int, b: int, *, role: str = "") -> list[Named]:
        """The source(s) a noun phrase names, or [] when it names none."""
        key = (a, b, role)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._read(a, b, role)
        return found

    def _read(self, a: int, b: int, role: str) -> list[Named]:
        toks = self.toks
        # trailing time words and punctuation ("the court in Astana last week")
        while b >= a and (not toks[b].is_word or toks[b].low in ph.TIME_WORDS or toks[b].low in ph.EN_AUX):
            if toks[b].text in _CLOSING_MARKS:
                break
            b -= 1
            while b >= a and toks[b].low in ("on", "last", "this", "next", "in", "a", "an", "early", "late", "в", "во"):
                b -= 1
        while a <= b and toks[a].low in ("however", "meanwhile", "and", "but", "also", "then", "now", "so"):
            a += 1
        if a > b:
            return []
        # several speakers: "Dana Kim and Marat Ospanov", "the mayor and his deputy", "… и руководитель …"
        for k in range(a + 1, b):
            if toks[k].low not in ("and", "и", "мен", "және"):
                continue
            left, right = self.read_one(a, k - 1, role=role), self.read_one(k + 1, b, role=role)
            if not left or not right:
                continue
            nxt = toks[k + 1]
            both_people = left.kind is SourceKind.PERSON and right.kind is SourceKind.PERSON
            if both_people or nxt.low in ph.DETERMINERS or nxt.low in ph.POSSESSIVE_PRONOUNS or not nxt.cap:
                if left.ref == "pronoun" or right.ref == "pronoun":
                    continue
                more = self.read(k + 1, b, role=role)
                return [left, *more] if more else [left, right]
        one = self.read_one(a, b, role=role)
        return [one] if one is not None else []

    def read_one(self, a: int, b: int, *, role: str = "") -> Named | None:
        toks = self.toks
        plain = self.plain
        while a <= b and toks[a].text in _QUOTE_MARKS:
            a += 1
        while b >= a and toks[b].text in _QUOTE_MARKS:
            b -= 1
        if a > b:
            return None
        first = toks[a]
        if self.lang != "en":
            if first.low in ("в", "во") and a < b:
                a += 1
                first = toks[a]
            pron = ph.RU_PRONOUNS.get(first.low) if self.lang == "ru" else ph.KK_PRONOUNS.get(first.low)
            if pron is not None:
                return Named(first.start, first.end, first.text, SourceKind.OTHER, "pronoun", pron, written=first.text)
        # a pronoun alone
        if a == b:
            gender = ph.EN_PRONOUNS.get(first.low) if self.lang == "en" else None
            if self.lang == "ru":
                gender = ph.RU_PRONOUNS.get(first.low)
            elif self.lang == "kk":
                gender = ph.KK_PRONOUNS.get(first.low)
            if gender is not None:
                return Named(
                    first.start, first.end, first.text, SourceKind.OTHER, "pronoun", gender, written=first.text
                )
            if first.low in ph.EN_PRONOUNS or first.low in ph.RU_PRONOUNS or first.low in ph.KK_PRONOUNS:
                return None
        if first.low in _NOBODY:
            return None
        possessor = det = ""
        if first.low in ph.POSSESSIVE_PRONOUNS:
            possessor = first.low
            a += 1
        elif first.low in ph.DETERMINERS and first.low not in ("one", "two", "three", "both", "all"):
            det = first.low
            a += 1
        definite = det in ("the", "this", "that") or self.lang != "en"
        if a > b:
            return None
        span = [t for t in toks[a : b + 1] if t.text not in _QUOTE_MARKS]
        if not span:
            return None
        # a document by someone: "a survey by Kcell", "a study by the Eurasian Development Bank", "data from …"
        for k, t in enumerate(span[:-1]):
            if t.low in ph.EN_DOCUMENT_NOUNS and span[k + 1].low in ("by", "from", "of") and k + 2 < len(span):
                inner = self.read(a + k + 2, b, role=role)
                if inner and inner[0].kind is not SourceKind.DOCUMENT:
                    return inner[0]
        # the phrase up to its first preposition holds its head ("the head of the water board")
        pp = next((k for k, t in enumerate(span) if k > 0 and t.low in ph.PREPOSITIONS and not t.cap), len(span))
        core = span[:pp]
        while len(core) > 1 and core[-1].low in ph.EN_POSTPOSITIVE:
            core = core[:-1]
        runs = self._cap_runs(span)
        # a person's name at the end of the phrase wins: "regional deputy Aigerim Sadykova", "Professor Lena Park"
        for run in reversed(runs):
            person = self._person_in(run)
            if person is not None:
                start, end, name = person
                if run[-1] is span[-1] or run[-1] is core[-1] or self._tail_ok(span, run):
                    roles = tuple(t.low for t in span if t.start < start and t.is_word)
                    return self._person(start, end, name, roles)
        # a role and whose it is: "председателя Нацбанка", "глава ведомства" -> who was so described before
        if (
            self.lang != "en"
            and 2 <= len(span) <= 4
            and self._person_role(span[0])
            and span[0].low not in ph.MEMBER_WORDS
            and not possessor
        ):
            words = tuple(t.low for t in span if t.is_word)
            name = _text(plain, span)
            return Named(span[0].start, span[-1].end, name, SourceKind.OTHER, "short", heads=words, written=name)
        heads = [t for t in core if self._is_head(t)]
        head_last = bool(core) and (self._is_head(core[-1]) or core[-1].cap)
        if self.lang != "en":
            head_last = head_last or bool(heads) or any(t.cap for t in span)
        # one word that names a role or a body: "министр", "the ministry" -> a short reference
        if len(span) == 1 and self._is_head(span[0]) and (self.lang != "en" or not span[0].cap) and definite:
            short = self._short(span, possessor)
            if short is not None:
                return short
        # a name alone (possibly with titles before it): "TASS", "Karasin", "the Akorda", "President Tokayev"
        if runs and len(runs) == 1 and runs[0][0] is span[0] and runs[0][-1] is span[-1]:
            run = self._strip_titles(runs[0])
            if not run:
                # titles alone: "the Foreign Minister" -> a short reference
                return self._short(span, possessor)
            return self._name(run, role, possessor, span)
        # a descriptor ending in a close name: "the grid operator KEGOC", "state news agency TDH"
        if runs and runs[-1][-1] is span[-1] and len(span) > len(runs[-1]) and pp == len(span):
            before = span[: len(span) - len(runs[-1])]
            if before and self._is_head(before[-1]) and not before[-1].cap and self._quoted_or_acronym(runs[-1]):
                named = self._name(runs[-1], role, "", runs[-1])
                if named is not None:
                    return named._replace(roles=tuple(t.low for t in before))
        if not head_last:
            return None
        # members stand for their body: "Analysts at Halyk Finance", "Аналитики Halyk Finance"
        if len(span) >= 2 and span[0].low in ph.MEMBER_WORDS and self.lang != "en":
            rest = self.read_one(a + 1, b, role=role)
            if rest is not None and not rest.ref:
                return rest
        if possessor == "its" and not runs:
            return Named(
                toks[a - 1].start,
                span[-1].end,
                "",
                SourceKind.OTHER,
                "pronoun",
                "org",
                written=_text(plain, [toks[a - 1], *span]),
            )
        # a short reference: "the minister", "the ministry", "the company", "министр", "адвокат"
        if not runs and len(core) <= 3 and pp == len(span) and definite:
            short = self._short(span, possessor)
            if short is not None:
                return short
        name = _text(plain, span)
        kind = SourceKind.DOCUMENT if any(t.low in ph.EN_DOCUMENT_NOUNS for t in core[-1:]) else guess_kind(name, role)
        if kind is SourceKind.PERSON and not runs:
            kind = SourceKind.OTHER
        return Named(span[0].start, span[-1].end, name, kind, roles=tuple(t.low for t in span))

    def _tail_ok(self, span: list[Tok], run: list[Tok]) -> bool:
        """Whether what follows a person's name in the phrase still belongs to them ("Ilyas Kenzhebayev of the
        Kazakh-British Technical University", "Сатқалиев журналистам")."""
        after = [t for t in span if t.start >= run[-1].end]
        if not after:
            return True
        return after[0].low in ("of", "at", "from") or self.lang != "en"

    def _person_role(self, t: Tok) -> bool:
        return ph.ru_head(t.low) in ph.RU_PERSON_STEMS or ph.kk_head(t.low) in ph.KK_PERSON_STEMS

    def _is_head(self, t: Tok) -> bool:
        if self.lang == "en":
            return t.low in ph.EN_HEADS or _POSSESSIVE_RE.sub("", t.low) in ph.EN_HEADS
        if self.lang == "ru":
            return ph.ru_head(t.low) is not None
        return ph.kk_head(t.low) is not None or ph.ru_head(t.low) is not None

    def _quoted_or_acronym(self, run: list[Tok]) -> bool:
        text = run[0].text
        if self.lang == "en":
            return True
        latin = text[0].isascii()
        return len(run) <= 3 and (
            latin or text.isupper() or (run[0].start > 0 and self.plain[run[0].start - 1] in '«“"')
        )

    def _cap_runs(self, span: list[Tok]) -> list[list[Tok]]:
        """Runs of capitalised words, joined by small words inside names ("Union of Farmers of Kazakhstan")."""
        runs: list[list[Tok]] = []
        cur: list[Tok] = []
        pending: list[Tok] = []
        for t in span:
            if t.cap or (cur and t.text.isdigit() and not pending):  # "Agency 7", "Channel 31"
                cur.extend(pending)
                pending = []
                cur.append(t)
            elif cur and t.low in _CONNECTORS and len(pending) < 2 and self.lang == "en":
                pending.append(t)
            else:
                if cur:
                    runs.append(cur)
                cur, pending = [], []
        if cur:
            runs.append(cur)
        return runs

    def _strip_titles(self, run: list[Tok]) -> list[Tok]:
        """A name without the titles written before it, when a name follows them ("Deputy Energy Minister
        Yerlan Akkenzhenov" -> "Yerlan Akkenzhenov"); an organisation keeps every word ("Ukrainian Grain
        Association")."""
        last_title = -1
        for k, t in enumerate(run):
            if t.low in ph.TITLES:
                last_title = k
        if last_title < 0:
            return run
        rest = run[last_title + 1 :]
        if rest and (_person_like(rest) or (len(rest) == 1 and _is_title_case(rest[0]))):
            return rest
        if not rest:
            return []
        return run

    def _person_in(self, run: list[Tok]) -> tuple[int, int, str] | None:
        """A person's full name in a run of capitalised words, after any titles: (start, end, name)."""
        rest = self._strip_titles(run)
        if not rest:
            return None
        # "Ilyas Kenzhebayev of the Kazakh-British Technical University": the name before "of"
        for k, t in enumerate(rest):
            if t.low in _CONNECTORS:
                rest = rest[:k]
                break
        rest = [t for t in rest if t.text not in _QUOTE_MARKS]
        if self.lang != "en" and len(rest) > 2:
            # Russian and Kazakh write the body before the name: "Нацбанка Тимур Сулейменов"
            keep = 3 if _PATRONYMIC_RE.search(rest[-1].low) or _PATRONYMIC_RE.search(rest[-2].low) else 2
            rest = rest[-keep:]
        if len(rest) > 4:
            rest = rest[-3:] if _person_like(rest[-3:]) else rest[-2:]
        if _person_like(rest):
            return rest[0].start, rest[-1].end, " ".join(t.text for t in rest)
        return None

    def _person(self, start: int, end: int, name: str, roles: tuple[str, ...]) -> Named:
        name = _POSSESSIVE_RE.sub("", name) if name.endswith(("'s", "’s")) else name
        return Named(start, end, name, SourceKind.PERSON, roles=roles, gender=ph.gender_of(name))

    def _name(self, run: list[Tok], role: str, possessor: str, span: list[Tok]) -> Named | None:
        plain = self.plain
        start, end = run[0].start, run[-1].end
        name = " ".join(plain[start:end].split())
        name = name.strip('«»“”"„ ')
        if not name:
            return None
        roles = tuple(t.low for t in span if t.start < start)
        if self.lang == "kk" and len(run) == 1:
            stripped = ph.kk_strip_genitive(name)
            name = stripped
        if len(run) == 1 and not name.isupper() and not _DOMAIN_RE.search(name):
            bare = _POSSESSIVE_RE.sub("", name)
            full = self.f.doc.full_name(bare, start)
            if full is not None and len(full.split()) >= 2:
                return Named(start, end, full, SourceKind.PERSON, roles=roles, gender=ph.gender_of(full))
        if run[0].low in ph.MONTHS_AND_DAYS and len(run) == 1:
            return None
        kind = guess_kind(name, role)
        if kind is SourceKind.OTHER and self.f.doc.is_known_person(name):
            kind = SourceKind.PERSON
        gender = ph.gender_of(name) if kind is SourceKind.PERSON else None
        return Named(start, end, name, kind, roles=roles, gender=gender)

    def _short(self, span: list[Tok], possessor: str) -> Named | None:
        """A reference by role alone ("the minister", "the company", "министр"): resolved later."""
        if possessor in ("his", "her", "their"):
            return None
        words = [t for t in span if t.is_word]
        if not words or (not self._is_head(words[-1]) and words[-1].low not in ph.TITLES):
            return None
        if words[-1].low in ph.EN_DOCUMENT_NOUNS:
            return None
        if any("'" in t.text or "’" in t.text for t in words):
            return None  # "the agency's spokesman": a description of its own
        heads = tuple(t.low for t in words)
        name = _text(self.plain, span)
        return Named(span[0].start, span[-1].end, name, SourceKind.OTHER, "short", heads=heads, written=name)


# -------------------------------------------------------------------------------------------- the finder


@dataclass
class _Found:
    """An attribution as read, its source not yet resolved when it is a pronoun or a short reference."""

    start: int
    end: int
    sentence: Span
    pattern: str
    trigger: str
    named: Named
    speaker: Named | None = None
    via: Named | None = None
    trailing: bool = False
    extra: dict[str, object] = field(default_factory=dict)


_EN_FAMILY = {
    **dict.fromkeys(("reports", "reported", "report", "reporting"), "reports"),
    **dict.fromkeys(("notes", "noted", "noting"), "notes"),
    **dict.fromkeys(("added", "adds", "adding"), "added"),
    **dict.fromkeys(("confirmed", "confirms", "confirming"), "confirmed"),
    **dict.fromkeys(("cited", "cites"), "cited"),
    **dict.fromkeys(("described", "describes"), "described"),
    **dict.fromkeys(("told", "tells", "telling"), "told"),
    **dict.fromkeys(("wrote", "writes"), "wrote"),
}
_SPEECH_FAMILIES = frozenset({"says", "notes", "added", "told", "confirmed", "wrote", "described"})
_PASSIVE_FAMILY = {"reported": "reports", "described": "described", "quoted": "says", "cited": "cited"}
_PASSIVE_FAMILY |= {"confirmed": "confirmed", "noted": "notes"}
_RU_FORWARD = {
    "словам": "ru_po_slovam",
    "мнению": "ru_po_slovam",
    "оценке": "ru_po_dannym",
    "данным": "ru_po_dannym",
    "информации": "ru_po_dannym",
    "сведениям": "ru_po_dannym",
    "прогнозу": "ru_po_dannym",
    "подсчетам": "ru_po_dannym",
    "расчетам": "ru_po_dannym",
}
_WORD_RE = re.compile(r"\w+")
_START = itemgetter(4)
_TRAILING_WORDS = word_set("on in at last this a an the later earlier again also yesterday today tonight then")
_TEXT = itemgetter(0)
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_MARK_RE = re.compile('["“”«»„]')
_KAZAKH_RE = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_EN_SAYING = frozenset({"saying", "adding", "noting", "warning", "arguing", "insisting", "claiming", "stressing"})
_EN_TRIGGER_TEXTS = ph.EN_SPEECH | {
    "according",
    "According",
    "citing",
    "Citing",
    "put",
    "by",
    "issued",
    "expressed",
    "pointed",
}
# A sentence is read when it holds one of these ("by" alone is too common: its participle is asked for instead).
_EN_SENTENCE_TRIGGERS = (_EN_TRIGGER_TEXTS | ph.EN_PASSIVE) - {"by"}
# The same for Russian and Kazakh: every form of a speech verb, and the words that make "по словам", "согласно
# данным", "со ссылкой на", "говорится в", "… сөзінше", "… деректері бойынша".
_CYRILLIC_TRIGGERS = frozenset(
    {stem + "л" + end for stem in ph.RU_PAST_STEMS for end in ("", "а", "о", "и", "ся", "ась", "ись")}
    | ph.RU_PRESENT
    | {"отверг", "отвергла", "отвергли", "опроверг", "опровергла", "опровергли", "согласно", "ссылкой"}
    | {"говорится", "сообщается", "распространил", "распространила", "распространило", "распространили"}
    | {"выступил", "выступила", "выступило", "выступили"}
    | set(_RU_FORWARD)
    | ph.KK_VERBS
    | ph.KK_ACCORDING
    | ph.KK_ACCORDING_NOUNS
)


class _Finder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.plain = doc.plain

    def run(self) -> list[Attribution]:
        from curator.factcheck.resolve import resolve

        found: list[_Found] = []
        plain = self.plain
        any_cyrillic = _CYRILLIC_RE.search(plain) is not None
        for sent in self.doc.sentences:
            text = plain[sent.start : sent.end]
            cyrillic = any_cyrillic and _CYRILLIC_RE.search(text) is not None
            if not cyrillic and _EN_SENTENCE_TRIGGERS.isdisjoint(_WORD_RE.findall(text)):
                continue
            # a Cyrillic sentence with no Russian or Kazakh trigger (an English one may stand in a mixed sentence)
            if (
                cyrillic
                and _CYRILLIC_TRIGGERS.isdisjoint(_WORD_RE.findall(text.casefold().replace("ё", "е")))
                and _EN_SENTENCE_TRIGGERS.isdisjoint(_WORD_RE.findall(text))
            ):
                continue
            lang = "en"
            if cyrillic:
                lang = "kk" if _KAZAKH_RE.search(text) else "ru"
            toks = tokenize(plain, sent.start, sent.end)
            if not toks:
                continue
            found.extend(_Sentence(self, sent, toks, lang).run())
        return _tidy(resolve(self.doc, found))


def _quoted(plain: str, start: int, end: int, toks: list[Tok]) -> set[int]:
    """Indexes of the tokens inside quotation marks: nothing said inside a quotation credits anyone."""
    spans: list[tuple[int, int]] = []
    depth = 0
    opened = straight = -1
    for m in _MARK_RE.finditer(plain, start, end):
        c, pos = m.group(), m.start()
        if c == '"':
            if straight < 0:
                straight = pos
            else:
                spans.append((straight, pos))
                straight = -1
        elif c in "“«„":
            if depth == 0:
                opened = pos
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, pos))
    if depth:
        spans.append((opened, end))
    if straight >= 0:
        spans.append((straight, end))
    if not spans:
        return set()
    starts = list(map(_START, toks))
    inside: set[int] = set()
    for a, b in spans:
        inside.update(range(bisect_left(starts, a + 1), bisect_left(starts, b)))
    return inside


class _Sentence:
    def __init__(self, finder: _Finder, sent: Span, toks: list[Tok], lang: str) -> None:
        self.f = finder
        self.sent = sent
        self.toks = toks
        self.lang = lang
        self.r = _Reader(finder, toks, lang)
        self.out: list[_Found] = []

    def add(
        self, start: int, end: int, pattern: str, trigger: str, named: list[Named] | Named | None, **kw: object
    ) -> bool:
        if not named:
            return False
        items = named if isinstance(named, list) else [named]
        plain = self.f.plain
        for n in items:
            s = min(start, n.start)
            e = max(end, n.end)
            if e < len(plain) and plain[e] in '»”"' and any(c in plain[s:e] for c in '«“"'):
                e += 1  # the closing mark of a quoted name: "как сообщает «Интерфакс»"
            self.out.append(_Found(s, e, self.sent, pattern, trigger, n, **kw))  # type: ignore[arg-type]
        return True

    def run(self) -> list[_Found]:
        plain = self.f.plain
        self.quoted = _quoted(plain, self.sent.start, self.sent.end, self.toks)
        if self.lang == "en":
            self._english()
        elif self.lang == "ru":
            self._russian()
        else:
            self._kazakh()
        return self.out

    # ------------------------------------------------------------------------------------- English

    def _english(self) -> None:
        toks = self.toks
        n = len(toks)
        texts = list(map(_TEXT, toks))
        for i in [i for i, x in enumerate(texts) if x in _EN_TRIGGER_TEXTS and i not in self.quoted]:
            low = texts[i]
            nxt = toks[i + 1].low if i + 1 < n else ""
            if low == "according" or low == "According":
                if nxt == "to":
                    self._according(i)
            elif low in ("citing", "Citing"):
                self._citing(i)
            elif low == "put":
                if nxt == "it":
                    self._put_it(i)
            elif low == "by":
                if i > 0 and toks[i - 1].low in ph.EN_PASSIVE:
                    self._passive(i)
            elif low in ph.EN_SPEECH:
                if not (nxt == "by" and low in ph.EN_PASSIVE):
                    self._verb(i)
            elif low == "issued":
                if i + 2 < n and toks[i + 2].low == "statement":
                    self._verb(i, family="says")
            elif low == "expressed":
                if nxt in ("concern", "regret", "hope", "doubt", "support", "surprise"):
                    self._verb(i, family="says")
            elif low == "pointed" and nxt == "out":
                self._verb(i, family="says")
        # participles ("…, saying that …") only where nothing else credits the sentence
        if not self.out and not _EN_SAYING.isdisjoint(texts):
            for i, t in enumerate(toks):
                if t.text in _EN_SAYING and i > 0 and toks[i - 1].text == ",":
                    subject = self._sentence_subject(i)
                    if subject:
                        self.add(toks[i].start, toks[i].end, _EN_FAMILY.get(t.text, "says"), t.text, subject)
                        break

    def _sentence_subject(self, i: int) -> list[Named]:
        """The subject that opens the sentence, for a participle after a comma."""
        toks = self.toks
        r = self.r
        k = 0
        while k < i and toks[k].is_word and toks[k].low not in ph.EN_LEFT_STOPS and toks[k].low not in ph.EN_SPEECH:
            k += 1
        if k == 0:
            return []
        # the subject ends where its verb starts: the longest prefix that reads as a source
        for end in range(k - 1, -1, -1):
            if toks[end].low in ph.EN_HEADS or toks[end].cap:
                named = r.read(0, end)
                if named and all(not x.ref for x in named):
                    return named
                break
        return []

    def _according(self, i: int) -> None:
        toks = self.toks
        span = self.r.right_np(i + 2, len(toks) - 1)
        if span is None:
            return
        named = self.r.read(*span)
        if named:
            end = toks[span[1]].end
            self.add(toks[i].start, end, "according_to", self.f.plain[toks[i].start : toks[i + 1].end], named)

    def _citing(self, i: int) -> None:
        toks = self.toks
        span = self.r.right_np(i + 1, len(toks) - 1)
        if span is None:
            return
        named = [x for x in self.r.read(*span) if x.ref or self._sourcey(x)]
        if not named:
            return
        via = None
        if i > 0 and toks[i - 1].text == ",":
            sub = self._subject(i - 1)
            via = sub[0] if sub else None
        self.add(toks[i].start, toks[span[1]].end, "cited", toks[i].text, named, via=via)

    def _sourcey(self, n: Named) -> bool:
        words = [_folded(w) for w in n.name.split()]
        return n.kind is not SourceKind.OTHER or any(w in ph.EN_HEADS for w in words) or n.name[:1].isupper()

    def _put_it(self, i: int) -> None:
        toks = self.toks
        for k in range(i - 1, max(-1, i - 12), -1):
            if toks[k].low == "as" and k + 1 < i:
                named = self.r.read(k + 1, i - 1)
                if named:
                    self.add(toks[k].start, toks[i + 1].end, "as_put_it", f"as … {toks[i].text} it", named)
                return
            if not toks[k].is_word:
                return

    def _passive(self, i: int) -> None:
        toks = self.toks
        span = self.r.right_np(i + 1, len(toks) - 1)
        if span is None:
            return
        named = self.r.read(*span, role="publisher")
        if not named:
            return
        verb = toks[i - 1]
        family = _PASSIVE_FAMILY.get(verb.low, "says")
        start = verb.start
        if i >= 2 and toks[i - 2].low == "as":
            start = toks[i - 2].start
        self.add(start, toks[span[1]].end, family, f"{verb.text} by", named)

    def _subject(self, j: int) -> list[Named]:
        """The subject of a verb whose last token before it is ``j``: past appositives and relative clauses."""
        toks = self.toks
        r = self.r
        j = r.skip_back(j, 0)
        if j < 0:
            return []
        # a relative pronoun: "Professor Lena Park, who has argued", "the Atameken chamber, which warns"
        if toks[j].low in ("who", "which", "that") and j > 0 and toks[j - 1].text == ",":
            return self._antecedent(j - 1)
        if toks[j].text == ",":
            return self._chunks(j)
        span = r.left_np(j, 0)
        if span is None:
            return []
        a, b = span
        named = r.read(a, b)
        if named:
            return named
        # an adverbial between commas ("…, in turn, promised"): look before it
        if a > 0 and toks[a - 1].text == ",":
            return self._chunks(a - 1)
        return []

    def _antecedent(self, comma: int) -> list[Named]:
        """Whom a relative pronoun after ``comma`` stands for: "According to CBS News, which cited …"."""
        named = self._chunks(comma)
        if named or comma < 1:
            return named
        span = self.r.left_np(comma - 1, 0)
        return self.r.read(*span) if span else []

    def _chunk(self, comma: int) -> tuple[int, int] | None:
        """The tokens between the comma before ``comma`` (or the sentence start) and ``comma``, when they all
        make one noun phrase."""
        r = self.r
        j = comma - 1
        if j < 0:
            return None
        if self.toks[j].low in ("who", "which") or self.toks[j].text == ",":
            return None
        span = r.left_np(j, 0)
        if span is None:
            return None
        a, b = span
        toks = self.toks
        # the phrase must fill the chunk: the sentence starts there, or a comma stands before it
        k = a - 1
        while k >= 0 and toks[k].low in ("and", "but"):
            k -= 1
        if k < 0 or toks[k].text in (",", "(", ":", ";", "—", "–"):
            if self.lang != "en" and b - a > 5:
                return None
            return span
        # "the venture that runs the field", "a professor at … who studies …": the phrase before the clause
        seg = k
        while seg >= 0 and toks[seg].text not in (",", "(", ";", "—", "–"):
            seg -= 1
        for w in range(seg + 2, comma):
            if toks[w].low in ("that", "who", "which", "который", "которая", "которое", "которые"):
                inner = r.left_np(w - 1, seg + 1)
                if inner is not None and inner[0] == seg + 1:
                    return inner
                break
        return None

    def _chunks(self, comma: int) -> list[Named]:
        """Who an appositive pair before ``comma`` names: "A, B, said" -> the person (or the proper name)."""
        r = self.r
        toks = self.toks
        b_span = self._chunk(comma)
        if b_span is None:
            # "The World Bank, which has financed studies for the project, said": past the relative clause
            k = comma - 1
            while k >= 0 and toks[k].text not in (",", "(", ";"):
                k -= 1
            if k >= 1 and k + 1 < comma and toks[k + 1].low in ("who", "which") and toks[k].text == ",":
                return self._chunks(k)
            return []
        # "…, the Atameken chamber, which warns": a relative clause chunk means the antecedent is before it
        if toks[b_span[0]].low in ("who", "which"):
            return self._chunks(b_span[0] - 1) if b_span[0] > 0 and toks[b_span[0] - 1].text == "," else []
        b_named = r.read(*b_span)
        a_named: list[Named] = []
        if b_span[0] > 0 and toks[b_span[0] - 1].text == ",":
            a_span = self._chunk(b_span[0] - 1)
            if a_span is not None:
                a_named = r.read(*a_span)
        if not a_named:
            return b_named
        if not b_named:
            return a_named
        a_person = any(x.kind is SourceKind.PERSON for x in a_named)
        b_person = any(x.kind is SourceKind.PERSON for x in b_named)
        if b_person and not a_person:
            return [x._replace(roles=x.roles + a_named[0].roles) for x in b_named]
        if a_person and not b_person:
            return [x._replace(roles=x.roles + b_named[0].roles) for x in a_named]
        a_proper = all(x.name[:1].isupper() for x in a_named)
        b_proper = all(x.name[:1].isupper() for x in b_named)
        if a_proper and not b_proper:
            return [x._replace(roles=x.roles + b_named[0].roles) for x in a_named]
        if b_proper and not a_proper:
            return [x._replace(roles=x.roles + a_named[0].roles) for x in b_named]
        return a_named if a_person else b_named

    def _verb(self, i: int, *, family: str | None = None) -> None:
        toks = self.toks
        t = toks[i]
        verb = t.text
        family = family or _EN_FAMILY.get(verb, "says")
        n = len(toks)
        prev = toks[i - 1] if i > 0 else None
        # "did not say", "declined to say": nothing is credited
        if prev is not None and (
            prev.low in ("not", "never", "n't")
            or (
                prev.low == "to"
                and i > 1
                and toks[i - 2].low
                in ("declined", "refused", "failed", "wants", "want", "expected", "going", "able", "unable")
            )
        ):
            return
        # "is warning": progressive; "…, saying": a participle (read after the sentence)
        if verb.endswith("ing") and (prev is None or prev.low not in ph.EN_BE):
            return
        if (prev is not None and prev.low in ph.EN_BE and verb.endswith("ed") and family != "says") or (
            prev is not None
            and prev.low in ("was", "were", "be", "been", "being", "is", "are")
            and not verb.endswith("ing")
        ):
            return  # a passive without "by": "The draft was said to be ready."
        if verb in ph.EN_DOCUMENT_VERBS:
            j = self.r.skip_back(i - 1, 0)
            span = self.r.left_np(j, 0) if j >= 0 else None
            if span is None or not any(x.low in ph.EN_DOCUMENT_NOUNS for x in toks[span[0] : span[1] + 1]):
                return
            subject = [x for x in self.r.read(*span) if x.kind is not SourceKind.DOCUMENT and not x.ref]
            if subject:
                self.add(subject[0].start, t.end, family, verb, subject)
            return
        # inverted after a quote or a clause: "“…,” said Karasin", "…, said the head of the board, …"
        if (prev is None or prev.text in _INVERTING) and verb in ph.EN_INVERTING:
            span = self.r.right_np(i + 1, n - 1)
            if span is not None and toks[span[0]].low in ph.PREPOSITIONS:
                span = None
            if span is not None:
                named = self._inverted(span)
                if named:
                    self.add(t.start, toks[span[1]].end, "after_quote", verb, named, trailing=True)
                    return
            if prev is None:
                return
        # relative: ", which cited diplomatic sources"
        j = r_j = self.r.skip_back(i - 1, 0)
        if r_j >= 1 and toks[r_j].low in ("which", "who") and toks[r_j - 1].text == ",":
            antecedent = self._antecedent(r_j - 1)
            if not antecedent:
                return
            if family == "cited":
                span = self.r.right_np(i + 1, n - 1)
                cited = self.r.read(*span) if span else []
                if cited:
                    self.add(t.start, toks[span[1]].end, "cited", verb, cited, via=antecedent[0])  # type: ignore[index]
                    return
            self.add(t.start, t.end, family, verb, antecedent)
            return
        if j < 0:
            return
        subject = self._subject(i - 1)
        if not subject:
            return
        k = self.r.skip_back(i - 1, 0)
        span = self.r.left_np(k, 0) if k >= 0 and toks[k].text != "," else None
        if span is not None and span[0] > 0 and toks[span[0] - 1].low in ph.EN_SPEECH:
            return  # reported inside reported speech: "said workers had reported …"
        if verb in ph.EN_NOUN_LIKE and not all(x.name[:1].isupper() or x.ref for x in subject):
            return
        trailing = self._trails(subject, i)
        end = t.end
        if family == "told":
            span = self.r.right_np(i + 1, n - 1)
            heard = self.r.read(*span, role="publisher") if span else []
            if heard and heard[0].name[:1].isupper() and not heard[0].ref and heard[0].kind is not SourceKind.PERSON:
                end = toks[span[1]].end  # type: ignore[index]
                for s in subject:
                    self.out.append(
                        _Found(
                            min(s.start, t.start), end, self.sent, "told", verb, heard[0], speaker=s, trailing=trailing
                        )
                    )
                return
        elif family == "cited":
            span = self.r.right_np(i + 1, n - 1)
            cited = self.r.read(*span) if span else []
            if cited:
                self.add(t.start, toks[span[1]].end, "cited", verb, cited, via=subject[0])  # type: ignore[index]
                return
        elif family == "reports" and all(x.kind is not SourceKind.DOCUMENT and not x.ref for x in subject):
            subject = [x._replace(kind=SourceKind.OUTLET) for x in subject]
        elif family == "wrote":
            subject = [
                x._replace(kind=guess_kind(x.name, "publisher")) if x.kind is SourceKind.OTHER else x for x in subject
            ]
        pattern = "after_quote" if trailing and family in _SPEECH_FAMILIES else family
        start = subject[0].start
        if start >= 4 and self.f.plain[start - 4 : start] in ("The ", "the "):
            start -= 4
        self.add(start, end, pattern, verb, subject, trailing=trailing)

    def _inverted(self, span: tuple[int, int]) -> list[Named]:
        """The speaker named after an inverted verb, looking past an appositive to a person's name."""
        toks = self.toks
        a, b = span
        named = self.r.read(a, b)
        ends = b + 1 >= len(toks) or toks[b + 1].text in ".,;!?…:)"
        if not ends:
            return []
        if b + 2 < len(toks) and toks[b + 1].text == ",":
            has_person = any(x.kind is SourceKind.PERSON for x in named)
            if not has_person:
                more = self.r.right_np(b + 2, len(toks) - 1)
                if more is not None:
                    second = self.r.read(*more)
                    if any(x.kind is SourceKind.PERSON for x in second):
                        roles = named[0].roles if named else ()
                        return [x._replace(roles=x.roles + roles) for x in second]
        return named

    def _trails(self, subject: list[Named], verb: int) -> bool:
        """Whether the attribution closes off what it attributes: "…, Karasin said." """
        plain = self.f.plain
        k = subject[0].start - 1
        while k >= self.sent.start and plain[k].isspace():
            k -= 1
        # skip an article written before the name
        before = plain[max(self.sent.start, subject[0].start - 4) : subject[0].start]
        if before in ("the ", "The "):
            k = subject[0].start - 5
            while k >= self.sent.start and plain[k].isspace():
                k -= 1
        if k < self.sent.start or plain[k] not in ',—–-”"»:':
            return False
        # only a time, a manner or whom it was told may follow the verb: "said on Monday", "told reporters"
        toks = self.toks
        told = toks[verb].low in ("told", "tells")
        nxt = verb + 1
        while nxt < len(toks) and toks[nxt].is_word and nxt - verb <= 4:
            low = toks[nxt].low
            if not (low in _TRAILING_WORDS or low in ph.TIME_WORDS or low.endswith("ly") or (told and nxt - verb <= 3)):
                return False
            nxt += 1
        return nxt >= len(toks) or toks[nxt].text in ".,;!?…:)"

    # ------------------------------------------------------------------------------------- Russian

    def _russian(self) -> None:
        toks = self.toks
        n = len(toks)
        for i, t in enumerate(toks):
            if i in self.quoted:
                continue
            low = t.low
            nxt = toks[i + 1].low if i + 1 < n else ""
            if low == "по" and nxt in _RU_FORWARD:
                self._ru_forward(i, i + 2, _RU_FORWARD[nxt])
            elif low == "по" and nxt in ph.RU_POSSESSIVE and i + 2 < n and toks[i + 2].low in _RU_FORWARD:
                self._ru_forward(i, i + 3, _RU_FORWARD[toks[i + 2].low])
            elif low == "согласно" and nxt in ("данным", "информации", "оценке", "прогнозу"):
                self._ru_forward(i, i + 2, "ru_po_dannym")
            elif low == "согласно":
                self._ru_forward(i, i + 1, "ru_po_dannym")
            elif low == "со" and nxt == "ссылкой" and i + 2 < n and toks[i + 2].low == "на":
                self._ru_forward(i, i + 3, "ru_so_ssylkoy", role="")
            elif low == "как" and nxt in ("говорится", "сообщается"):
                self._ru_govoritsya(i + 1)
            elif low == "как" and i + 1 < n and ph.ru_speech_verb(nxt):
                self._ru_forward(
                    i, i + 2, "ru_kak_soobshchaet", role="publisher" if nxt in ph.RU_PUBLISHER_VERBS else ""
                )
            elif low == "говорится" or low == "сообщается":
                self._ru_govoritsya(i)
            elif (ph.ru_speech_verb(low) and not (i > 0 and toks[i - 1].low == "как")) or (
                low.startswith(("распространил", "выступил")) and nxt in ("заявление", "сообщение", "с")
            ):
                self._ru_verb(i)

    def _ru_forward(self, i: int, k: int, pattern: str, role: str = "") -> None:
        toks = self.toks
        if k >= len(toks):
            return
        # "по его словам": a pronoun
        if i + 1 < len(toks) and toks[i + 1].low in ph.RU_POSSESSIVE:
            p = toks[i + 1]
            named = Named(p.start, p.end, p.text, SourceKind.OTHER, "pronoun", ph.RU_POSSESSIVE[p.low], written=p.text)
            self.add(toks[i].start, toks[k - 1].end, pattern, self.f.plain[toks[i].start : toks[k - 1].end], named)
            return
        span = self.r.right_np(k, len(toks) - 1)
        if span is None:
            return
        sources = self.r.read(*span, role=role)
        if sources:
            trig = " ".join(x.text for x in toks[i:k])
            self.add(toks[i].start, toks[span[1]].end, pattern, trig, sources)

    def _ru_govoritsya(self, i: int) -> None:
        """ "говорится в сообщении регулятора", "говорится на сайте ведомства": the body after the document."""
        toks = self.toks
        k = i + 1
        if k < len(toks) and toks[k].low in ("в", "на"):
            k += 2
        if k >= len(toks):
            return
        span = self.r.right_np(k, len(toks) - 1)
        if span is None:
            return
        named = self.r.read(*span)
        if named:
            self.add(toks[i].start, toks[span[1]].end, "ru_govoritsya", toks[i].text, named)

    def _ru_verb(self, i: int) -> None:
        toks = self.toks
        t = toks[i]
        n = len(toks)
        low = t.low
        pattern = "ru_soobshchil"
        if low.startswith("переда"):
            pattern = "ru_peredaet"
        elif low in ph.RU_PUBLISHER_VERBS:
            pattern = "ru_soobshchaet"
        role = "publisher" if pattern != "ru_soobshchil" else ""
        prev = toks[i - 1] if i > 0 else None
        inverted = prev is None or prev.text in _INVERTING or prev.low in ("этом", "этому")
        # "В МИД Казахстана приветствовали", "сообщили в департаменте полиции": a body in "в"
        plural = low.endswith(("ли", "ют", "ят", "ут"))

        def after() -> bool:
            k = i + 1
            if plural and k < n and toks[k].low in ("в", "во"):
                k += 1
            while k < n and toks[k].low in ("также", "уже", "ранее", "журналистам", "агентству"):
                k += 1
            span = self.r.right_np(k, n - 1)
            if span is None:
                return False
            named = self.r.read(*span, role=role)
            if not named:
                return False
            trailing = prev is not None and prev.text in _INVERTING
            end = named[-1].end
            return self.add(t.start, end, pattern, t.text, named, trailing=trailing)

        def before() -> bool:
            j = self.r.skip_back(i - 1, 0)
            if j < 0:
                return False
            if (
                plural
                and toks[0].low in ("в", "во")
                and 0 < j < 10
                and all(x.is_word or x.text in _QUOTE_MARKS for x in toks[1 : j + 1])
            ):
                # "В Агентстве по регулированию и развитию рынка приветствовали": the body after "В"
                named = self.r.read(1, j, role=role)
                if named:
                    return self.add(toks[0].start, t.end, pattern, t.text, named)
            if toks[j].text == ",":
                named = self._chunks(j)
            else:
                span = self.r.left_np(j, 0)
                if span is None:
                    return False
                a, b = span
                if plural and toks[a].low in ("в", "во") and a < b:
                    a += 1
                named = self.r.read(a, b, role=role)
                if not named and a > 0 and toks[a - 1].text == ",":
                    named = self._chunks(a - 1)
            if not named:
                return False
            return self.add(named[0].start, t.end, pattern, t.text, named)

        if inverted:
            after() or before()
        else:
            before() or after()

    # ------------------------------------------------------------------------------------- Kazakh

    def _kazakh(self) -> None:
        toks = self.toks
        n = len(toks)
        for i, t in enumerate(toks):
            if i in self.quoted:
                continue
            low = t.low
            if low in ph.KK_ACCORDING:
                self._kk_according(i, i)
            elif low in ph.KK_ACCORDING_NOUNS and i + 1 < n and toks[i + 1].low in ("бойынша", "сәйкес"):
                self._kk_according(i, i + 1)
            elif low in ph.KK_VERBS:
                end = i
                if low in ph.KK_VERB_TAILS:
                    if i + 1 < n and toks[i + 1].low in ph.KK_VERB_TAILS[low]:
                        end = i + 1
                    else:
                        continue
                self._kk_verb(i, end)
            elif ph.ru_speech_verb(low):
                self._ru_verb(i)

    def _kk_np_start(self, j: int) -> int:
        """Where a Kazakh noun phrase ending at ``j`` starts: after punctuation, the sentence's opening words,
        at most six words back."""
        toks = self.toks
        a = j
        while a - 1 >= 0 and j - a < 6:
            t = toks[a - 1]
            if t.text in _CLOSING_MARKS:
                k = self.r._quoted_span_back(a - 1)
                if k is None:
                    break
                a = k
                continue
            if not t.is_word or t.low in ph.KK_LEADING:
                break
            a -= 1
        return a

    def _kk_according(self, i: int, last: int) -> None:
        """ "Садықованың сөзінше", "Ұлттық банктің бағалауынша", "… деректері бойынша": the genitive before."""
        toks = self.toks
        j = i - 1
        if j < 0:
            return
        word = toks[j]
        if word.low in ph.KK_POSSESSIVE:
            named: list[Named] = [
                Named(
                    word.start,
                    word.end,
                    word.text,
                    SourceKind.OTHER,
                    "pronoun",
                    ph.KK_POSSESSIVE[word.low],
                    written=word.text,
                )
            ]
        else:
            a = self._kk_np_start(j)
            named = self._kk_read(a, j, genitive=True)
        if named:
            self.add(named[0].start, toks[last].end, "kk_sozinshe", " ".join(x.text for x in toks[i : last + 1]), named)

    def _kk_read(self, a: int, b: int, *, genitive: bool = False) -> list[Named]:
        """A Kazakh noun phrase: a person's name in it wins, else the whole phrase (its last word without the
        genitive ending)."""
        toks = self.toks
        if a > b:
            return []
        if a == b and toks[a].low in ph.KK_PRONOUNS:
            t = toks[a]
            return [Named(t.start, t.end, t.text, SourceKind.OTHER, "pronoun", ph.KK_PRONOUNS[t.low], written=t.text)]
        span = toks[a : b + 1]
        runs = self.r._cap_runs(span)
        for run in reversed(runs):
            words = [x for x in run if x.text not in _QUOTE_MARKS]
            if genitive and words and words is not None:
                last = words[-1]
                stem = ph.kk_strip_genitive(last.text)
                if stem != last.text:
                    words = [*words[:-1], ph.make_tok(stem, last.start)]
            person = self.r._person_in(words) if len(words) >= 2 else None
            if person is not None:
                start, end, name = person
                return [self.r._person(start, end, name, tuple(x.low for x in span if x.start < start))]
        if len(span) == 1 and span[0].cap:
            stem = ph.kk_strip_genitive(span[0].text) if genitive else span[0].text
            full = self.f.doc.full_name(stem, span[0].start) if not stem.isupper() else None
            if full is not None:
                return [Named(span[0].start, span[0].end, full, SourceKind.PERSON, gender=ph.gender_of(full))]
        if len(span) == 1 and self.r._is_head(span[0]):
            low = span[0].low
            stemmed = ph.kk_strip_genitive(low) if genitive else low
            if (
                ph.kk_head(stemmed) in ph.KK_PERSON_STEMS
                or ph.ru_head(stemmed) in ph.RU_PERSON_STEMS
                or (ph.kk_head(stemmed) in ("реттеуші", "палата", "компания", "министрлі"))
            ):
                return [
                    Named(
                        span[0].start,
                        span[0].end,
                        span[0].text,
                        SourceKind.OTHER,
                        "short",
                        heads=(stemmed,),
                        written=span[0].text,
                    )
                ]
        if not (runs or any(self.r._is_head(x) for x in span)):
            return []
        # "Шахта иесі Qarmet компаниясы": the name and what follows it
        if runs and runs[-1][0] is not span[0] and runs[0][0] is not span[0]:
            k = span.index(runs[-1][0])
            if self.r._is_head(span[k - 1]) and not span[k - 1].cap:
                span = span[k:]
        text = _text(self.f.plain, span)
        if genitive:
            text = ph.kk_strip_genitive(text)
        members = text.split()
        if len(members) >= 2 and fold(members[-1]) in ph.MEMBER_WORDS and runs:
            text = " ".join(members[:-1])
        return [Named(span[0].start, span[-1].end, text, guess_kind(text), roles=tuple(x.low for x in span))]

    def _kk_verb(self, i: int, end: int) -> None:
        toks = self.toks
        n = len(toks)
        prev = toks[i - 1] if i > 0 else None
        t = toks[i]
        trig = " ".join(x.text for x in toks[i : end + 1])
        # "… деп хабарлады облыс әкімдігі", "– деді Оспанов": the speaker after the verb
        if prev is not None and (prev.low == "деп" or prev.text in _INVERTING) and end + 1 < n:
            k = end + 1
            last = k
            while last + 1 < n and (toks[last + 1].is_word or toks[last + 1].text in _QUOTE_MARKS):
                last += 1
            if toks[k].text in _OPENING_MARKS or toks[k].is_word:
                # a pronoun first: "деді ол журналистерге"
                named = self._kk_read(k, k) if toks[k].low in ph.KK_PRONOUNS else self._kk_read(k, last)
                if named:
                    self.add(t.start, toks[last].end, "kk_verb", trig, named, trailing=True)
                    return
        # the subject opens the sentence (or follows "Бұл туралы")
        a = 0
        while a < i and (toks[a].low in ph.KK_LEADING or (not toks[a].is_word and toks[a].text not in _OPENING_MARKS)):
            a += 1
        if a >= i:
            return
        b = self._kk_subject_end(a, i)
        if b is None:
            return
        named = self._kk_read(a, b)
        if named:
            self.add(named[0].start, toks[end].end, "kk_verb", trig, named)

    def _kk_subject_end(self, a: int, verb: int) -> int | None:
        """The last word of a sentence-opening Kazakh subject: names, titles and bodies, with their genitive
        modifiers ("Ұлттық банк төрағасы Тимур Сүлейменов", "Алайда фермерлер одағы")."""
        toks = self.toks
        last = None
        gap = 0
        k = a
        after_person_head = False
        while k < verb:
            t = toks[k]
            if t.text in _OPENING_MARKS:
                q = self.r._quoted_span_forward(k)
                if q is None:
                    break
                k = q + 1
                last = q
                continue
            if not t.is_word:
                break
            low = t.low
            if low.endswith(_KK_CASES) and not t.cap:
                # a case ending ends the subject, unless a body's name goes on ("жемқорлыққа қарсы … агенттігі")
                ahead = toks[k + 1 : min(verb, k + 4)]
                if not any(x.is_word and self.r._is_head(x) and not x.low.endswith(_KK_CASES) for x in ahead):
                    break
            if t.low in ph.KK_PRONOUNS and k == a:
                return k
            head = self.r._is_head(t)
            if after_person_head and not t.cap:
                break
            if t.cap or head:
                last = k
                gap = 0
                genitive = low.endswith(ph.KK_GENITIVE)
                if (
                    head
                    and not genitive
                    and (ph.kk_head(low) in ph.KK_PERSON_STEMS or ph.ru_head(low) in ph.RU_PERSON_STEMS)
                ):
                    after_person_head = True
                if (
                    t.cap
                    and k > a
                    and _is_title_case(t)
                    and _is_title_case(toks[k - 1])
                    and not self.r._is_head(toks[k - 1])
                ):
                    # a person's name: nothing after it belongs to the subject (but a patronymic)
                    if k + 1 < verb and _PATRONYMIC_RE.search(toks[k + 1].low):
                        return k + 1
                    return k
            else:
                gap += 1
                if gap > 1 and not low.endswith(ph.KK_GENITIVE):
                    # words of a body's name go on to its head: "Қаржы нарығын реттеу және дамыту агенттігі"
                    ahead = toks[k + 1 : min(verb, k + 4)]
                    if gap > 4 or not any(
                        x.is_word and self.r._is_head(x) and ph.kk_head(x.low) not in ph.KK_PERSON_STEMS for x in ahead
                    ):
                        break
            k += 1
        return last


_KK_CASES = (
    "ға",
    "ге",
    "қа",
    "ке",
    "да",
    "де",
    "та",
    "те",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "мен",
    "бен",
    "пен",
)


def _tidy(found: list[Attribution]) -> list[Attribution]:
    """In text order, one attribution per source and sentence; "citing" phrases learn who did the citing."""
    found.sort(key=lambda a: (a.start, a.end))
    out: list[Attribution] = []
    seen: set[tuple[int, str, str]] = set()
    for a in found:
        ident = (a.sentence.start, a.credited.key, a.source.key)
        if ident in seen:
            continue
        seen.add(ident)
        if a.pattern == "cited" and a.via is None:
            earlier: list[Attribution] = []
            for b in out[:-51:-1]:
                if b.sentence.start < a.sentence.start:
                    break
                if b.sentence == a.sentence and b.source.key != a.source.key:
                    earlier.insert(0, b)
            if earlier:
                a = replace(a, via=earlier[-1].source)
        out.append(a)
    return out


def find_attributions(doc: Document | str) -> list[Attribution]:
    """Every attribution in a story body, in text order."""
    if isinstance(doc, str):
        doc = Document(doc)
    return _Finder(doc).run()
