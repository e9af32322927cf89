"""Ordering spelling suggestions as a news editor would expect: the likeliest slip first.

Hunspell's own order often puts a less likely word first (``smal`` → slam, ``отчот`` → отчет). We gather its
suggestions and the known words one edit away, then order them by a weighted edit distance in which the usual
slips cost less: a doubled or undoubled letter, a neighbouring key, a vowel written for its pair (о/ё, е/и, а/я),
a Kazakh letter typed on a Russian layout (қ→к, ү→у, і→и), and a letter left out (commoner than one added).
Ties keep Hunspell's order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

_ROWS = (
    "qwertyuiop", "asdfghjkl", "zxcvbnm",
    "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю",
)
_SIMILAR_GROUPS = (
    "оё", "её", "еи", "ая", "ую", "ыи", "эе", "ьъ", "щш", "ий", "тд",
    "кқ", "гғ", "уұү", "оө", "аә", "иі", "ыі", "нң", "хһ",
)
_ADJACENT: set[tuple[str, str]] = set()
for _row in _ROWS:
    for _a, _b in itertools.pairwise(_row):
        _ADJACENT.update({(_a, _b), (_b, _a)})
_SIMILAR: set[tuple[str, str]] = set()
for _group in _SIMILAR_GROUPS:
    for _a in _group:
        for _b in _group:
            if _a != _b:
                _SIMILAR.add((_a, _b))

# A typed letter standing for a Kazakh one (a Russian keyboard layout): the candidates to try.
KAZAKH_FOR = {"к": "қ", "г": "ғ", "у": "ұү", "о": "ө", "а": "ә", "и": "і", "н": "ң", "х": "һ", "ы": "і"}


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    a, b = a.lower(), b.lower()
    if a == b:
        return 0.1
    if (a, b) in _SIMILAR:
        return 0.4
    if (a, b) in _ADJACENT:
        return 0.8
    return 1.0


def distance(typed: str, word: str) -> float:
    """Weighted Damerau-Levenshtein distance from what was typed to a candidate."""
    n, m = len(typed), len(word)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = float(i)
    for j in range(1, m + 1):
        d[0][j] = j * 0.9
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            # A letter the candidate has and the typing lacks: left out (0.9), or a doubled letter undoubled (0.5).
            ins = 0.5 if j >= 2 and word[j - 1] == word[j - 2] else 0.9
            # A letter typed that the candidate lacks: doubled by mistake (0.5) or extra (1).
            dele = 0.5 if i >= 2 and typed[i - 1] == typed[i - 2] else 1.0
            best = min(d[i - 1][j] + dele, d[i][j - 1] + ins, d[i - 1][j - 1] + _sub_cost(typed[i - 1], word[j - 1]))
            if i > 1 and j > 1 and typed[i - 1] == word[j - 2] and typed[i - 2] == word[j - 1]:
                best = min(best, d[i - 2][j - 2] + 0.7)
            d[i][j] = best
    return d[n][m]


def alphabet(word: str, lang: str) -> str:
    if lang == "en":
        return "abcdefghijklmnopqrstuvwxyz"
    base = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    return base + "әғқңөұүһі" if lang == "kk" else base


def edits(word: str, lang: str) -> Iterable[str]:
    """Every string one edit from ``word``: a letter left out, added, changed, or two swapped."""
    letters = alphabet(word, lang)
    lower = word.lower()
    seen: set[str] = set()
    for i in range(len(lower) + 1):
        left, right = lower[:i], lower[i:]
        cands = [left + c + right for c in letters]
        if right:
            cands.append(left + right[1:])
            cands += [left + c + right[1:] for c in letters if c != right[0]]
        if len(right) > 1:
            cands.append(left + right[1] + right[0] + right[2:])
        for c in cands:
            if c not in seen and c:
                seen.add(c)
                yield c


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def rank(
    typed: str, hunspell: Iterable[str], lang: str, known: Callable[[str], bool], limit: int = 6
) -> tuple[str, ...]:
    """Suggestions for ``typed``: Hunspell's and the known words one edit away, likeliest first."""
    base = [s for s in hunspell if s and s != typed]
    pool: dict[str, int] = {}
    for i, s in enumerate(base):
        pool.setdefault(s, i)
    if len(typed) <= 30:
        for cand in edits(typed, lang):
            fixed = _match_case(typed, cand)
            if fixed not in pool and known(fixed):
                pool[fixed] = len(base) + len(pool)

    def cost(s: str) -> float:
        # Splitting a word in two (sharp ley, wheat-her) is rarely what a slip of the finger needs.
        split = 0.8 if any(c in s and c not in typed for c in " -") else 0.0
        return round(distance(typed.lower(), s.lower()) + split, 2)

    ordered = sorted(pool, key=lambda s: (cost(s), pool[s]))
    return tuple(ordered[:limit])
