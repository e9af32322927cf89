"""The library's query syntax, parsed into a small AST.

``words``, ``"exact phrases"``, ``prefix*``, ``-exclusion``, ``tag:``, ``status:``, ``byline:``, ``outlet:``,
``headline:``, ``before:`` and ``after:`` (dates), all combinable; every part must hold (AND), except that several
``status:`` filters mean any of them. The parser never fails on odd text; only a value that cannot mean anything
(an unknown status, an impossible date) is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from curator.core.errors import CuratorError
from curator.core.status import Status
from curator.core.text import fold, tag_key, tokens

TEXT_FIELDS = ("headline", "byline", "outlet")
FILTER_FIELDS = ("tag", "status", "before", "after")
_EXAMPLES = {
    "headline": "headline:talks",
    "byline": "byline:aliya",
    "outlet": "outlet:orda.kz",
    "tag": 'tag:diplomacy or tag:"oil & gas"',
    "status": "status:ready",
    "before": "before:2026-03-25",
    "after": "after:2026-03",
}
_FIELD_RE = re.compile(r"(?i)(headline|byline|outlet|tag|status|before|after):")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class QuerySyntaxError(CuratorError):
    """A search query names a value that cannot be understood."""


@dataclass(frozen=True)
class Term:
    """One text condition: a word, a phrase (several tokens in a row) or a prefix, maybe limited to a field."""

    tokens: tuple[str, ...]
    field: str | None = None
    prefix: bool = False
    negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()
    tags: tuple[str, ...] = ()
    excluded_tags: tuple[str, ...] = ()
    statuses: tuple[Status, ...] = ()
    excluded_statuses: tuple[Status, ...] = ()
    # Stories dated on or after ``after`` and before ``before`` (UTC midnight); the date of a story is
    # its publication time, or its creation time while unpublished.
    after: datetime | None = None
    before: datetime | None = None
    text: str = field(default="", compare=False)

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    @property
    def has_text(self) -> bool:
        return bool(self.terms)

    @property
    def is_empty(self) -> bool:
        return self == Query()


def _parse_date(name: str, value: str) -> datetime:
    m = _DATE_RE.match(value.strip())
    if not m:
        raise QuerySyntaxError(f"{name}: expects a date like 2026-03-25, 2026-03 or 2026, not {value!r}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        start = date(year, int(month or 1), int(day or 1))
    except ValueError:
        raise QuerySyntaxError(f"{name}: {value!r} is not a real date") from None
    # A period means its first day: after:2026-03 is from March 1 on, before:2026-03 up to February's end.
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def _read_value(text: str, pos: int) -> tuple[str, bool, bool, int]:
    """Read a bare or quoted value at ``pos``: (value, quoted, prefix, new position)."""
    n = len(text)
    if pos < n and text[pos] == '"':
        end = text.find('"', pos + 1)
        if end == -1:
            shown = text[pos : pos + 30] + ("…" if n - pos > 30 else "")
            raise QuerySyntaxError(f'the quote in {shown} is not closed: end the phrase with another "')
        else:
            value, pos = text[pos + 1 : end], end + 1
        prefix = False
        if pos < n and text[pos] == "*":
            prefix = True
            while pos < n and text[pos] == "*":
                pos += 1
        return value, True, prefix, pos
    start = pos
    while pos < n and not text[pos].isspace():
        pos += 1
    value = text[start:pos]
    prefix = value.endswith("*")
    return value.rstrip("*"), False, prefix, pos


def parse(text: str) -> Query:
    """Parse a search box's text.

    Raises :class:`QuerySyntaxError`, saying why, for a field without a value (``tag:``), a meaningless value
    (``status:nope``, ``after:yesterday``) and a quote that is not closed; anything else is read as words.
    """
    terms: list[Term] = []
    tags: list[str] = []
    excluded_tags: list[str] = []
    statuses: list[Status] = []
    excluded_statuses: list[Status] = []
    after: datetime | None = None
    before: datetime | None = None

    pos, n = 0, len(text)
    while pos < n:
        if text[pos].isspace():
            pos += 1
            continue
        negated = False
        if text[pos] == "-" and pos + 1 < n and not text[pos + 1].isspace():
            negated = True
            pos += 1
        name = None
        m = _FIELD_RE.match(text, pos)
        if m:
            name = m.group(1).lower()
            if m.end() >= n or text[m.end()].isspace():
                raise QuerySyntaxError(f"{name}: needs a value right after the colon, like {_EXAMPLES[name]}")
            pos = m.end()
        value, quoted, prefix, pos = _read_value(text, pos)
        if name is not None and quoted and not value.strip():
            raise QuerySyntaxError(f"{name}: the quotes are empty; put a value in them, like {_EXAMPLES[name]}")

        if name == "tag":
            key = tag_key(value)
            if key:
                (excluded_tags if negated else tags).append(key)
        elif name == "status":
            try:
                status = Status.parse(value)
            except ValueError as exc:
                raise QuerySyntaxError(f"status: {exc}") from None
            (excluded_statuses if negated else statuses).append(status)
        elif name == "after":
            when = _parse_date("after", value)
            after = when if after is None else max(after, when)
        elif name == "before":
            when = _parse_date("before", value)
            before = when if before is None else min(before, when)
        else:
            toks = tuple(tokens(value))
            if toks:
                terms.append(Term(tokens=toks, field=name, prefix=prefix, negated=negated))

    return Query(
        terms=tuple(terms),
        tags=tuple(dict.fromkeys(tags)),
        excluded_tags=tuple(dict.fromkeys(excluded_tags)),
        statuses=tuple(dict.fromkeys(statuses)),
        excluded_statuses=tuple(dict.fromkeys(excluded_statuses)),
        after=after,
        before=before,
        text=text,
    )


__all__ = ["TEXT_FIELDS", "Query", "QuerySyntaxError", "Term", "fold", "parse", "tag_key"]
