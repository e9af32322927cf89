"""Finding quotations and who said them: "…", “…”, „…“, «…», and paragraphs of reported speech closed by
"…, NAME said". Quoted terms and scare quotes of one to three words are marked (``Quote.term``): they are shown,
but they are not quotations a checker has to verify.

A speaker comes from the attribution next to the quote (after it: "…,” Karasin said"; or before it in the same
sentence: "Karasin told TASS that … “…”"); a surname is resolved to the full name used earlier in the story.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from curator.factcheck.attributions import Attribution, Mention
from curator.factcheck.text import Document, Span

_MARK_RE = re.compile(r"[\"“”„«»]")
_OPENERS_BEFORE = " \t\n([{—–-/:;,«“„\u00a0"
_QUOTE_CHARS = '"“”„«»'
MAX_REPORTED_CHARS = 4000
# How far from a quotation its attribution is looked for, within its sentence.
_CREDIT_REACH = 400
_STYLE = {'"': "straight", "“": "curly", "„": "low", "«": "guillemets"}


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the quoted words, without the marks
    end: int
    sentence: Span  # the sentence(s) holding it
    style: str  # "straight", "curly", "low", "guillemets", or "reported" (no marks)
    speaker: Mention | None
    attribution: int | None = None  # index of the attribution that credits it, in the list given
    term: bool = False  # a scare quote or quoted term ("optimistic", "energy infrastructure"): shown, not checked


# Up to this many words a quotation is a quoted term, unless it is a whole sentence ("We refuse.").
TERM_WORDS = 3
_WORD_RE = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


def is_quoted_term(text: str) -> bool:
    """Whether quoted words are a scare quote or a quoted term of one to three words, which a checker need not
    verify as a quotation: "optimistic.", "energy infrastructure", «шагом вперёд». A short whole sentence
    ("We refuse.") still counts as a quotation."""
    words = _WORD_RE.findall(text)
    if not words or len(words) > TERM_WORDS:
        return False
    stripped = text.strip().rstrip("\"”»“'’")
    sentence = len(words) >= 2 and stripped[:1].isupper() and stripped.endswith(("!", "?", ".", "…"))
    return not sentence


def _can_open(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPENERS_BEFORE


def _can_close(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not (text[i + 1].isalnum())


def _marked(doc: Document, para: Span) -> list[tuple[int, int, str]]:
    """Outermost quotations in one paragraph: (inner start, inner end, opening mark)."""
    text = doc.plain
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for m in _MARK_RE.finditer(text, para.start, para.end):
        mark, i = m.group(), m.start()
        top = stack[-1][0] if stack else None
        closing = None
        if mark == "»":
            # Closes the nearest « (marks opened inside it and left open are dropped).
            closing = "«" if top == "«" or any(s[0] == "«" for s in stack[-8:]) else None
        elif mark == "”":
            closing = top if top in ("“", "„") else None
        elif mark == "“":
            if top == "„":
                closing = "„"
            else:
                stack.append((mark, i))
        elif mark == '"':
            if top == '"' and _can_close(text, i):
                closing = '"'
            elif _can_open(text, i):
                stack.append((mark, i))
        else:  # « or „
            stack.append((mark, i))
        if closing is None:
            continue
        while stack and stack[-1][0] != closing:
            stack.pop()
        if not stack:
            continue
        opener, start = stack.pop()
        if stack:
            continue  # a quote inside a quote belongs to the outer one
        inner_start, inner_end = start + 1, i
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > inner_start:
            found.append((inner_start, inner_end, opener))
    return found


def _between(starts: list[int], lo: int, hi: int) -> range:
    """Indexes of the items whose start (``starts`` is sorted) lies in ``lo:hi``."""
    return range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))


def _credit(attributions: list[Attribution], starts: list[int], start: int, end: int, sentence: Span) -> int | None:
    """The attribution that credits a quote at ``start:end`` (just after it, else before it, else after it)."""
    best: tuple[int, int] | None = None
    chosen = None
    for i in _between(starts, max(sentence.start, start - _CREDIT_REACH), min(sentence.end, end + _CREDIT_REACH)):
        a = attributions[i]
        if a.start <= start < a.end or start <= a.start < end:
            continue  # the quote names the attribution's source («Интерфакс»), or holds the attribution
        if a.start >= end:
            gap = a.start - end
            rank = 0 if gap <= 4 else 2
            distance = gap
        else:
            rank, distance = 1, start - a.end
        if best is None or (rank, distance) < best:
            best = (rank, distance)
            chosen = i
    return chosen


def _reported(
    doc: Document, attributions: list[Attribution], starts: list[int], marked: list[tuple[int, int, str]]
) -> list[Quote]:
    """Paragraphs of reported speech: unquoted text closed by "…, NAME said"."""
    out = []
    marked_starts = [m[0] for m in marked]
    # For each attribution, the nearest earlier one in another sentence: where reported speech stops going back.
    previous_other: list[int | None] = []
    for i, a in enumerate(attributions):
        if i == 0:
            previous_other.append(None)
        elif attributions[i - 1].sentence != a.sentence:
            previous_other.append(i - 1)
        else:
            previous_other.append(previous_other[i - 1])
    plain = doc.plain
    for i, a in enumerate(attributions):
        if a.pattern != "after_quote" and not (a.trailing and a.pattern.startswith("ru_")):
            continue
        para = doc.paragraph_at(a.start)
        end = a.start
        while end > para.start and plain[end - 1] in " \t\n,—–-:":
            end -= 1
        if end <= para.start:
            continue
        # Reported speech runs back to the paragraph's start, or to the end of an earlier sentence that is
        # attributed or quoted on its own.
        start = para.start
        j = previous_other[i]
        if j is not None and attributions[j].start >= para.start:
            start = max(start, attributions[j].sentence.end)
        if end - start > MAX_REPORTED_CHARS:
            continue  # far longer than any paragraph of speech: not one
        last_mark = max(doc.plain.rfind(q, start, end) for q in _QUOTE_CHARS)
        if last_mark >= 0:
            start = max(start, doc.sentence_at(last_mark).end)
        while start < end and doc.plain[start].isspace():
            start += 1
        if end - start < 2:
            continue
        k = bisect.bisect_right(marked_starts, start)
        if (k > 0 and marked[k - 1][1] > start) or (k < len(marked) and marked[k][0] < end):
            continue  # overlaps a quotation in marks
        out.append(Quote(start, end, doc.sentences_between(start, a.end), "reported", a.credited, i))
    return out


def find_quotes(doc: Document | str, attributions: list[Attribution] | None = None) -> list[Quote]:
    """Every quotation in a story body, in text order, with its speaker where one can be told."""
    if isinstance(doc, str):
        doc = Document(doc)
    if attributions is None:
        from curator.factcheck.attributions import find_attributions

        attributions = find_attributions(doc)
    attributions = sorted(attributions, key=lambda a: a.start) if attributions else []
    starts = [a.start for a in attributions]
    marked: list[tuple[int, int, str]] = []
    for para in doc.paragraphs:
        marked.extend(_marked(doc, para))
    # Names inside quote marks that an attribution credits («Интерфакса» after "по данным") are not quotations.
    named = sorted((m.start, m.end) for a in attributions for m in (a.source, a.via) if m is not None)
    named_starts = [n[0] for n in named]
    quotes = []
    for start, end, opener in marked:
        k = bisect.bisect_right(named_starts, start)
        if any(named[j][1] >= end for j in range(max(0, k - 3), k)):
            continue
        sentence = doc.sentences_between(start, end)
        which = _credit(attributions, starts, start, end, sentence)
        speaker = attributions[which].credited if which is not None else None
        term = is_quoted_term(doc.plain[start:end])
        quotes.append(Quote(start, end, sentence, _STYLE[opener], speaker, which, term))
    quotes.extend(_reported(doc, attributions, starts, marked))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes
