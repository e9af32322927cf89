"""Three-way merges of a story: what two people changed since the version they both started from.

Field by field: a field only one side changed takes that side's value; text fields both sides changed are merged by
text with merge3 (the diff3 algorithm), a paragraph (line) at a time and, where two edits meet in one paragraph, a
word at a time; tags merge as sets (additions and removals from both sides). What cannot be merged is returned as
overlaps, and nothing is guessed: the caller then shows the conflict to a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import fields as dc_fields
from typing import Any

from merge3 import Merge3

from curator.domain.desk import Overlap
from curator.domain.stories import TEXT_FIELDS, StoryFields

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class MergeResult:
    fields: StoryFields  # the merged fields; where there are overlaps, ``mine`` is kept there
    overlaps: tuple[Overlap, ...]

    @property
    def clean(self) -> bool:
        return not self.overlaps


def merge_text(base: str, mine: str, theirs: str, *, field: str = "body") -> tuple[str, list[Overlap]]:
    """Merge two edits of ``base``; the result keeps ``mine`` where they overlap (listed in the overlaps)."""
    if mine == theirs or theirs == base:
        return mine, []
    if mine == base:
        return theirs, []
    merged: list[str] = []
    overlaps: list[Overlap] = []
    lines = Merge3(base.splitlines(True), mine.splitlines(True), theirs.splitlines(True))
    for group in lines.merge_groups():
        kind = group[0]
        if kind != "conflict":
            merged.extend(group[1])
            continue
        b, a, t = ("".join(part) for part in group[1:])
        words, clean = _merge_words(b, a, t)
        merged.append(words)
        if not clean:
            overlaps.append(Overlap(field, b, a, t))
    return "".join(merged), overlaps


def _merge_words(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Edits that met in one paragraph, merged a word at a time when they touch different words."""
    tokens = Merge3(_TOKEN.findall(base), _TOKEN.findall(mine), _TOKEN.findall(theirs))
    out: list[str] = []
    for group in tokens.merge_groups():
        if group[0] == "conflict":
            return mine, False
        out.extend(group[1])
    return "".join(out), True


def _merge_set(base: tuple[str, ...], mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    """Tags both kept, plus those either side added (compared ignoring case)."""
    b, a, t = ({tag.casefold() for tag in side} for side in (base, mine, theirs))
    keep = (a & t) | (a - b) | (t - b)
    out = {tag.casefold(): tag for tag in (*theirs, *mine) if tag.casefold() in keep}
    return tuple(sorted(out.values(), key=str.casefold))


def merge_fields(base: StoryFields, mine: StoryFields, theirs: StoryFields) -> MergeResult:
    """Merge ``mine`` and ``theirs``, both edits of ``base``."""
    merged: dict[str, Any] = {}
    overlaps: list[Overlap] = []
    for f in dc_fields(StoryFields):
        name = f.name
        b, a, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if name == "slug" or a == t or t == b:
            merged[name] = a
        elif a == b:
            merged[name] = t
        elif name == "tags":
            merged[name] = _merge_set(b, a, t)
        elif name in TEXT_FIELDS and isinstance(a, str):
            text, found = merge_text(b, a, t, field=name)
            merged[name] = text
            overlaps.extend(found)
        else:
            merged[name] = a
            overlaps.append(Overlap(name, _show(b), _show(a), _show(t)))
    return MergeResult(StoryFields(**merged), tuple(overlaps))


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "; ".join(getattr(v, "title", str(v)) for v in value)
    return "" if value is None else str(value)


MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]*(?:\s[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w\-]*)?)")


def mentions(text: str, people: list[str]) -> tuple[str, ...]:
    """The people of the desk named with ``@`` in ``text`` (``@Aliya`` or ``@Aliya Nurlanova``; case ignored)."""
    found: dict[str, str] = {}
    folded = {p.casefold(): p for p in people}
    firsts: dict[str, list[str]] = {}
    for p in people:
        firsts.setdefault(p.split()[0].casefold(), []).append(p)
    for match in MENTION.finditer(text):
        words = match.group(1)
        whole = words.casefold()
        if whole in folded:
            found.setdefault(whole, folded[whole])
            continue
        first = words.split()[0].rstrip(".,;:!?").casefold()
        if first in folded:
            found.setdefault(first, folded[first])
        elif len(firsts.get(first, [])) == 1:
            person = firsts[first][0]
            found.setdefault(person.casefold(), person)
    return tuple(found.values())
