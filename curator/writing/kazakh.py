"""A backstop for the Kazakh Hunspell dictionary, which knows most stems but few of their inflected forms.

Debian's ``hunspell-kk`` (1.1) lists ``астық`` without the affix flags that would allow ``астықты`` or
``астықтың``, and never chains suffixes (``делегация`` → ``делегациялары``), so about one correct word in six of
ordinary news prose came out "misspelt". Kazakh is agglutinative and regular: here a word is accepted when peeling
off a chain of up to four known suffixes leaves a stem the dictionary knows (or, for loanwords of six letters or
more, the Russian dictionary). Each suffix must fit the stem it attaches to, as Kazakh spelling demands: vowel
harmony (back суффикс after a back vowel, front after a front one) and the stem's last sound (ы/і after a
consonant, сы/сі after a vowel; т- after a voiceless consonant, д- or л- otherwise), so that ``бағаы`` or
``ережелр`` are not taken for words. The final-consonant alternation before a vowel (кітап → кітабы) is undone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_SUFFIX_TEXT = """
лар лер дар дер тар тер
ым ім м ың ің ң ыңыз іңіз ңыз ңіз ы і сы сі мыз міз ымыз іміз
ның нің дың дің тың тің ға ге қа ке на не а е ны ні ды ді ты ті
да де та те нда нде дан ден тан тен нан нен мен бен пен ша ше
ғы гі қы кі дағы дегі тағы тегі ндағы ндегі
ған ген қан кен атын етін йтын йтін итын итін ып іп п у уы уі ушы уші
ар ер р мақ мек пақ пек бақ бек са се ма ме ба бе па пе ғанда генде қанда кенде
лық лік дық дік тық тік шы ші ла ле сыз сіз лы лі дай дей тай тей
мын мін сың сің сыңдар сіңдер ады еді йды йді
н ғыс гіс қыс кіс ңыздар ңіздер ыңдар іңдер ыл іл ын ін ыс іс ғыш гіш қыш кіш
дікі тікі нікі ғай гей қай кей ық ік
рақ рек ырақ ірек дырақ дірек тырақ тірек й
"""
SUFFIXES = tuple(sorted(set(_SUFFIX_TEXT.split()), key=len, reverse=True))
MAX_DEPTH = 4
MIN_STEM = 3
SHORT_STEM = 2
LOAN_MIN_STEM = 6
VOWELS = frozenset("аәеёиоөұүыіэюяу")
BACK = frozenset("аоұыяёю")
FRONT = frozenset("әөүіеэи")
VOICELESS = frozenset("кқпстфхцчшщ")
# Suffixes with one form whatever the stem's vowels: the instrumental мен/бен/пен and the possessive -нікі.
_INVARIANT = frozenset({"мен", "бен", "пен", "нікі", "дікі", "тікі"})
_POSSESSIVE_3 = frozenset({"ы", "і", "сы", "сі"})
# Voiced before a vowel suffix, voiceless at the end of the stem.
_ALTERNATION = {"б": "п", "г": "к", "ғ": "қ"}


def _last_vowel(stem: str) -> str:
    for ch in reversed(stem):
        if ch in BACK or ch in FRONT:
            return ch
    return ""


def fits(stem: str, suffix: str) -> bool:
    """Whether ``suffix`` may follow ``stem`` in Kazakh spelling (harmony and the stem's last sound)."""
    last = stem[-1]
    vowel = _last_vowel(stem)
    if suffix in _INVARIANT:
        return True
    if vowel in BACK and any(c in FRONT for c in suffix if c != "и"):
        return False
    if vowel in FRONT and vowel != "и" and any(c in BACK for c in suffix):
        return False
    first = suffix[0]
    ends_in_vowel = last in VOWELS
    if first in "ыіа" or (first == "е" and suffix not in ("е",)):
        return not ends_in_vowel or last == "у"
    if suffix in ("е",):
        return not ends_in_vowel
    if suffix == "н":  # accusative after a possessive: жартысын, несиесін
        return last in "ыі"
    if suffix in ("сы", "сі", "м", "ң", "й", "п", "р", "мыз", "міз", "ңыз", "ңіз", "ңыздар", "ңіздер"):
        return ends_in_vowel
    if first == "н":
        return ends_in_vowel or last in "мнң"
    if first in "тқк" and suffix not in ("ке", "кі", "кей"):
        return last in VOICELESS
    if first in "дғг":
        return last not in VOICELESS
    if first == "л":
        return ends_in_vowel or last in "руй"
    return True


def make_acceptor(knows: Callable[[str], bool], loan: Callable[[str], bool] | None = None) -> Callable[[str], bool]:
    """A test: is ``word`` a known Kazakh stem with a chain of suffixes? ``knows`` asks the Kazakh dictionary;
    ``loan`` (the Russian one) vouches for loanword stems (журналист → журналистерге, камера → камералардың)."""

    @lru_cache(maxsize=50_000)
    def stem_known(stem: str) -> bool:
        if len(stem) < MIN_STEM:
            return False
        if knows(stem) or (loan is not None and len(stem) >= LOAN_MIN_STEM and loan(stem)):
            return True
        alt = _ALTERNATION.get(stem[-1])
        return alt is not None and knows(stem[:-1] + alt)

    @lru_cache(maxsize=50_000)
    def accepts(lower: str, depth: int = 0, after_n: bool = False) -> bool:
        """``after_n``: an accusative -н was peeled, so a possessive (жарты-сы-н) must come next."""
        if depth >= MAX_DEPTH:
            return False
        for suffix in SUFFIXES:
            if after_n and suffix not in _POSSESSIVE_3:
                continue
            short = len(lower) - len(suffix) == SHORT_STEM and len(suffix) >= 2
            if lower.endswith(suffix) and (len(lower) - len(suffix) >= MIN_STEM or short):
                stem = lower[: -len(suffix)]
                if not fits(stem, suffix):
                    continue
                if short:  # өс-се, ет-кісі: two-letter verb stems only as the dictionary lists them
                    if knows(stem):
                        return True
                    continue
                if (stem_known(stem) and suffix != "н") or accepts(stem, depth + 1, suffix == "н"):
                    return True
        return False

    return lambda word: accepts(word.lower())
