"""A story body as the detectors read it: Markdown markup masked out, paragraphs, sentences and names.

Every offset is an offset into the Markdown body exactly as stored, so findings can be shown and selected in the
editor. Masking replaces markup characters with spaces (never removing any), which keeps the offsets aligned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from curator.core.text import fold


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (whitespace-separated), as a set: how the word lists below are written."""
    return frozenset(text.split())


def _char_class(predicate: str) -> str:
    """A regex character class body listing the letters for which ``str.<predicate>()`` holds (Latin, Greek,
    Cyrillic and their extensions: the scripts Curator's stories are written in)."""
    points = [c for block in (range(0x41, 0x530), range(0x1E00, 0x1F00)) for c in block if getattr(chr(c), predicate)()]
    ranges: list[tuple[int, int]] = []
    for c in points:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


UPPER = _char_class("isupper")
LOWER = _char_class("islower")

# A word that can be part of a name: capitalised (CBS, Karasin, Al-Jazeera, McDonald, Orda.kz, U.S) or a
# domain-like outlet starting with digits (24.kz).
NAME_TOKEN = rf"(?:[{UPPER}][\w’'&-]*(?:\.[^\W_][\w-]*)*|\d+\.[^\W\d_]{{2,}})"
# Small words allowed inside a name: "Committee on Foreign Affairs", "Bank of America", "Ahmad bin Ali".
CONNECTOR = r"(?:of|the|for|on|and|de|du|la|le|del|der|van|von|al|bin|ibn|&)"
NAME = rf"{NAME_TOKEN}(?:\s+(?:{CONNECTOR}\s+){{0,2}}{NAME_TOKEN}){{0,7}}"
# A person's name as first mentioned in full: two to six capitalised (not all-caps) words, titles included
# ("Deputy Energy Minister Yerlan Akkenzhenov"); the last two are kept as the name.
TITLE_WORD = rf"[{UPPER}][{LOWER}]+(?:[-’'][{UPPER}]?[{LOWER}]+)*"
PERSON_RE = re.compile(rf"(?<![\w.’'-])({TITLE_WORD}(?:[ \t]+{TITLE_WORD}){{1,5}})(?![\w’'-])")

ABBREVIATIONS = word_set(
    """
    mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep pres rev hon messrs inc ltd co corp
    no nos vol fig vs etc e.g i.e a.m p.m u.s u.k u.n e.u jan feb mar apr jun jul aug sep sept oct nov dec
    approx est dept univ ave blvd mt ft г гг т.е т.д т.п т.к др пр им ул д см млн млрд трлн тыс руб стр рис
    тел проф акад
    """
)

_TERMINAL = ".!?…"
_CLOSERS = '"”»’)]'
# A sentence ends before a capital, a quote mark or a dialogue dash ("– Біз дайынбыз, – деді ол.").
_SENTENCE_END_RE = re.compile(
    rf"[{re.escape(_TERMINAL)}]+[{re.escape(_CLOSERS)}]*(?=\s+(?:[—–]\s+)?[\"“«„(\[]?[{UPPER}\d])"
)
_LINE_ENDS_SENTENCE_RE = re.compile(rf"[{re.escape(_TERMINAL)}][{re.escape(_CLOSERS)}]*\s*$")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE_RE = re.compile(r"(\S+)$")

# Markup masked before reading (each replaced by spaces of the same length; newlines kept).
_FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)", re.M | re.S)
_CODE_SPAN_RE = re.compile(r"(`+)(?!`).{1,1000}?(?<!`)\1(?!`)", re.S)
_HTML_RE = re.compile(r"<[A-Za-z/!][^<>\n]{0,500}>")
_LINK_RE = re.compile(
    r"(!?\[)([^\[\]\n]{0,500})(\]\((<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\))"
)
_REF_LINK_RE = re.compile(r"(\[)([^\[\]\n]{1,500})(\]\[[^\[\]\n]*\])")
_FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]\n]{1,100}\]")
_FOOTNOTE_DEF_RE = re.compile(r"^\[\^[^\]\n]{1,100}\]:", re.M)
_BLOCK_MARK_RE = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?=[ \t]|$)|(?:>[ \t]?)+|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))", re.M)
_EMPHASIS_RE = re.compile(r"\*+|~~|(?<![^\W_])_+|_+(?![^\W_])")
_ESCAPE_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __contains__(self, pos: object) -> bool:
        return isinstance(pos, int) and self.start <= pos < self.end


@dataclass(frozen=True, slots=True)
class Link:
    """A Markdown link: where its text is, and where it points."""

    start: int
    end: int
    url: str


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


class Document:
    """A story body prepared for detection. Build one per text; everything is computed lazily."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.links: list[Link] = []
        self._block_starts: set[int] = set()
        self._heading_starts: set[int] = set()
        self.plain = self._mask(text)

    # ------------------------------------------------------------------------------------------ masking

    def _mask(self, text: str) -> str:
        if not any(ch in text for ch in "`<[*_~\\#>-+|") and not re.search(r"^\s*\d", text, re.M):
            return text
        text = _FENCE_RE.sub(_blank, text)
        text = _CODE_SPAN_RE.sub(_blank, text)
        text = _HTML_RE.sub(_blank, text)
        text = _FOOTNOTE_DEF_RE.sub(_blank, text)
        text = _FOOTNOTE_REF_RE.sub(_blank, text)

        def link(match: re.Match[str]) -> str:
            opener, label, rest = match.group(1), match.group(2), match.group(3)
            start = match.start(2)
            url = match.group(4) or ""
            self.links.append(Link(start, start + len(label), url.strip("<>")))
            return " " * len(opener) + label + " " * len(rest)

        text = _LINK_RE.sub(link, text)
        text = _REF_LINK_RE.sub(lambda m: " " + m.group(2) + " " * len(m.group(3)), text)

        def block(match: re.Match[str]) -> str:
            self._block_starts.add(match.start())
            if match.group(0).lstrip().startswith("#"):
                self._heading_starts.add(match.start())
            return " " * len(match.group(0))

        text = _BLOCK_MARK_RE.sub(block, text)
        text = _ESCAPE_RE.sub(" ", text)
        return _EMPHASIS_RE.sub(lambda m: " " * len(m.group(0)), text)

    def link_at(self, start: int, end: int) -> Link | None:
        """The link whose text covers ``start:end``, if any."""
        for item in self.links:
            if item.start <= start and end <= item.end:
                return item
        return None

    # ----------------------------------------------------------------------------- paragraphs, sentences

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Blocks of text: split at blank lines, at block markup (headings, list items, quotes), and after a
        line that ends a sentence (plain-text stories put one paragraph on each line)."""
        plain = self.plain
        # Text without a single blank line is laid out as plain text, one paragraph per line.
        every_line = "\n" in plain.strip() and _BLANK_LINE_RE.search(plain) is None
        out: list[Span] = []
        start: int | None = None
        end = 0
        pos = 0
        for line in plain.splitlines(keepends=True):
            line_start = pos
            pos += len(line)
            body = line.strip()
            if not body:
                if start is not None:
                    out.append(Span(start, end))
                    start = None
                continue
            lead = line_start + (len(line) - len(line.lstrip()))
            trail = line_start + len(line.rstrip())
            if start is not None and line_start in self._block_starts:
                out.append(Span(start, end))
                start = None
            if start is None:
                start = lead
            end = trail
            if every_line or _LINE_ENDS_SENTENCE_RE.search(line) or line_start in self._heading_starts:
                out.append(Span(start, end))
                start = None
        if start is not None:
            out.append(Span(start, end))
        return tuple(out)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        plain = self.plain
        out: list[Span] = []
        for para in self.paragraphs:
            start = para.start
            for match in _SENTENCE_END_RE.finditer(plain, para.start, para.end):
                if self._is_abbreviation(match.start()):
                    continue
                out.append(Span(start, match.end()))
                start = match.end()
                while start < para.end and plain[start].isspace():
                    start += 1
            if start < para.end:
                out.append(Span(start, para.end))
        return tuple(out)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def _is_abbreviation(self, dot: int) -> bool:
        if self.plain[dot] != ".":
            return False
        word = _WORD_BEFORE_RE.search(self.plain, max(0, dot - 20), dot)
        if word is None:
            return False
        token = word.group(1).lstrip('"“«„([').casefold()
        return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())

    def sentence_at(self, pos: int) -> Span:
        """The sentence holding ``pos`` (or the nearest one before it)."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return self.sentences[0] if self.sentences else Span(0, len(self.text))
        return self.sentences[i]

    def paragraph_at(self, pos: int) -> Span:
        i = bisect.bisect_right(self._paragraph_starts, pos) - 1
        if i < 0:
            return self.paragraphs[0] if self.paragraphs else Span(0, len(self.text))
        return self.paragraphs[i]

    def sentences_between(self, start: int, end: int) -> Span:
        """The span of whole sentences covering ``start:end``."""
        first = self.sentence_at(start)
        last = self.sentence_at(max(start, end - 1))
        return Span(min(first.start, start), max(last.end, end))

    # ------------------------------------------------------------------------------------------- names

    @cached_property
    def _persons(self) -> list[tuple[int, str]]:
        """Full names of people in the text, in order: (position, "First Last")."""
        found = []
        for match in PERSON_RE.finditer(self.plain):
            words = match.group(1).split()
            while words and fold(words[0]) in LEADING_WORDS:
                words.pop(0)
            if len(words) < 2 or fold(words[-1]) in ORGANISATION_WORDS or fold(words[0]) in ORGANISATION_WORDS:
                continue
            found.append((match.start(), " ".join(words[-2:])))
        return found

    @cached_property
    def _persons_by_surname(self) -> dict[str, list[tuple[int, str]]]:
        """Full names by their folded surname (and, for Russian, its stem), in text order."""
        index: dict[str, list[tuple[int, str]]] = {}
        for pos, name in self._persons:
            last = fold(name.split()[-1])
            for key in {last, "~" + ru_stem(last)}:
                index.setdefault(key, []).append((pos, name))
        return index

    @cached_property
    def _person_keys(self) -> frozenset[str]:
        return frozenset(fold(name) for _, name in self._persons)

    def full_name(self, surname: str, before: int) -> str | None:
        """The full name ending in ``surname`` mentioned before ``before`` (the nearest), else anywhere later."""
        key = _cached_fold(surname)
        candidates = self._persons_by_surname.get(key)
        if candidates is None and _is_cyrillic(key) and len(key) >= 4:
            candidates = self._persons_by_surname.get("~" + ru_stem(key))
        if not candidates:
            return None
        earlier = [name for pos, name in candidates if pos < before]
        return earlier[-1] if earlier else candidates[0][1]

    def is_known_person(self, name: str) -> bool:
        return _cached_fold(name) in self._person_keys


_RU_ENDINGS = (
    "ого",
    "ему",
    "ому",
    "ой",
    "ей",
    "ом",
    "ем",
    "ым",
    "им",
    "ую",
    "ая",
    "ов",
    "ы",
    "а",
    "у",
    "е",
    "ю",
    "я",
    "и",
)


_cached_fold = lru_cache(maxsize=8192)(fold)


def ru_stem(word: str) -> str:
    """A Russian word without its case ending (a rough stem, for matching names across cases)."""
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _is_cyrillic(word: str) -> bool:
    return bool(word) and ("а" <= word[0] <= "я" or word[0] == "ё")


# Words that start sentences or clauses but are not part of a name ("Meanwhile Karasin said").
LEADING_WORDS = word_set(
    """
    a an the this that these those there here it its he she they we i you his her their our my your however
    meanwhile yesterday today tomorrow earlier later also then now still but and or so yet if when while
    after before since as at in on by for from with without of to into about last next on during although
    though because unlike like according many some most few all both each every other others several mr mrs
    ms dr prof president prime minister deputy chair chairman chairwoman spokesperson spokesman spokeswoman
    ambassador senator secretary general director mayor governor professor head ceo sir madam ukrainian
    russian american kazakh kazakhstani kyrgyz uzbek chinese british french german turkish он она они оно мы
    я вы это этот эта эти там здесь однако также вчера сегодня завтра позже ранее как по в на с и а но при
    для после до
    """
)
ORGANISATION_WORDS = word_set(
    """
    ministry council committee office government service department agency bank company consortium
    commission union party court university institute foundation association news press times post journal
    group fund corporation organisation organization parliament assembly senate embassy administration
    terminal pipeline republic federation kingdom state states nations army forces police guard
    """
)
