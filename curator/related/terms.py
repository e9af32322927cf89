"""Story text to weighted terms and term signatures; pure functions, no database.

A term is a folded, stemmed word: English and Russian words go through the Snowball stemmers, Kazakh words
through a light suffix stripper first, and Cyrillic stems are cut to five letters so that a loanword's Russian and
Kazakh forms meet ("инфляция", "инфляцияның" → "инфля"). The stem depends on the word alone, never on the
story's language field, so the same word is the same term in every story.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from curator.core.text import fold, tokens

# Words longer than this are cut, and kept out of the vocabulary past it (the column is this wide).
MAX_TERM = 64
# Only the start of a very long body is read: what a story is about shows long before its 15,000th word.
MAX_BODY_CHARS = 100_000
# Headline and dek words say more about a story than body words: they count as several occurrences.
HEADLINE_WEIGHT = 3
DEK_WEIGHT = 2
# A name (a capitalised word inside a sentence: a person, place, party, company) could count more than a common
# word. Measured, it does not help: the names stories of different subjects share (the country, the capital, the
# prime minister, "Black Sea") are as many as the ones that mark a subject, and rare names are already weighted
# by their rarity. Precision@5 on the 36-story test corpus fell from 0.961 to 0.956 at 2 and did not move on the
# 336-story evaluation corpus, so a name counts once; the names are still told apart, to show them in capitals.
ENTITY_WEIGHT = 1
# Most distinctive terms kept per story, and searched with: a stored signature keeps a few more, so that a
# story's secondary subjects can still be found from another story where they are the main one.
SIGNATURE_TERMS = 40
QUERY_TERMS = 32
# Weights are stored as integers out of this (unit-length vectors, so cosine is a plain dot product).
WEIGHT_SCALE = 10_000
# A term in more than this share of stories says nothing about any of them (once the library is big enough
# for shares to mean something).
MAX_DF_SHARE = 0.3
MIN_DOCS_FOR_SHARE = 50
CYRILLIC_STEM = 5
MIN_STEM = 3
# A word found in one story only weighs, in a stored signature, what a word found in two does: it may match
# the next story written on the subject, but should not outweigh the subject's shared words.
DF_FLOOR = 2
HEADLINE_KEY_LENGTH = 200

_WORD_RE = re.compile(r"[^\W_]+")
# An agency dateline opening the body ("ASTANA, March 4 (Steppe Wire) – ", "АСТАНА, 4 марта. /Корр./ – "): it says
# where and who, not what about, and its outlet's name would otherwise tie together every story of an outlet.
_DATELINE_RE = re.compile(
    r"\A\s*[^\W\d_][^\W\d_ .'-]*(?:[ .'-]+[^\W\d_]+){0,3},[^\n]{0,40}?"
    r"(?:\([^()\n]{1,60}\)|/[^/\n]{1,60}/|\.)\s*[–—-]+\s+"
)
# Words that may be names: starting with a letter, the first of its run of letters and digits.
_CAPITAL_RE = re.compile(r"(?<![^\W_])[^\W\d_][^\W_]*")
# What may stand between a sentence's end (or a line's start) and its first word.
_OPENERS = " \t«“‘\"'([–—-"
_SENTENCE_ENDS = ".!?…:\n"
_KAZAKH_LETTERS = frozenset("әғқңөұүһі")

# Function words of English, Russian and Kazakh (folded: ё is е), plus the reporting verbs every news story
# uses. They would fall out by document frequency anyway, but only once a library is large.
_STOPWORDS_EN = """
a about above after again against all almost along already also although always am among an and another any
anyone anything are around as at away back be became because become been before being below between both but by
can cannot could did do does doing done down during each either else enough even ever every few for from
further get gets got had has have having he her here hers herself him himself his how however i if in into is it
its itself just last least less like made make many may me might more most much must my myself near neither
never new next no nor not now of off often on once one only or other others our ours ourselves out over own per
perhaps put quite rather really said same say says saying see seen several shall she should since so some still
such than that the their theirs them themselves then there these they this those though through thus to today
together too toward towards under until up upon us very via was we well were what whatever when where whether
which while who whom whose why will with within without would yet you your yours yourself yourselves also told
according reported reports report reportedly stated added noted including around whose year years week weeks
month months day days time times first second third two three four five six seven eight nine ten mr mrs ms
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday
"""
_STOPWORDS_RU = """
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее ей
ему если есть еще же за здесь и из или им их к как кем когда кто ли либо между меня мне может мы на над надо
наш не него нее нет ни них но ну о об однако он она они оно от очень по под после при про раз с сам свое своих
себя со так также такой там те тем то того тоже той только том ту тут у уже хотя чего чей чем что чтобы эта
эти это этого этой этом этот я который которая которые которых котором которой которую сообщает сообщил
сообщила сообщили заявил заявила заявили отметил отметила рассказал рассказала словам году года лет время
будет будут может могут именно пока всё ещё её около второй второго первый первого
"""
_STOPWORDS_KK = """
және мен бен пен да де та те ма ме ба бе па пе бұл осы сол ол олар біз сіз сен мен үшін туралы бойынша
арқылы дейін кейін соң бірақ алайда немесе әлде әр барлық бар жоқ емес еді екен болып болды болады болған
деп деді дейді айтты айтқан мәлімдеді жыл жылы жылғы қазір тағы өте ғана бір екі үш сияқты шамамен
"""


def _folded_words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


STOPWORDS = _folded_words(_STOPWORDS_EN) | _folded_words(_STOPWORDS_RU) | _folded_words(_STOPWORDS_KK)

# Kazakh inflection, longest first: case endings, possessives, plurals, and the -дағы / -ғы adjective makers.
_KK_SUFFIX_TEXT = """
дағы дегі тағы тегі ндағы ндегі лардың лердің дардың дердің тардың тердің ларға лерге дарға дерге тарға
терге ларда лерде дарда дерде тарда терде лардан лерден дардан дерден тардан терден ларын лерін дарын дерін
тарын терін лары лері дары дері тары тері лар лер дар дер тар тер ның нің дың дің тың тің нан нен дан
ден тан тен нда нде мыз міз ңыз ңіз ғы гі қы кі ға ге қа ке на не ны ні ды ді ты ті да де та те сы сі
ым ім ың ің ы і а е н
"""
_KK_SUFFIXES: dict[str, list[str]] = {}
for _suffix in sorted(_KK_SUFFIX_TEXT.split(), key=len, reverse=True):
    _KK_SUFFIXES.setdefault(_suffix[-1], []).append(_suffix)  # by last letter, longest first
_KK_MIN_STEM = 4


def _kazakh_stem(word: str) -> str:
    for _ in range(3):
        for suffix in _KK_SUFFIXES.get(word[-1], ()):
            if word.endswith(suffix) and len(word) - len(suffix) >= _KK_MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


_english = Stemmer.Stemmer("english")
_russian = Stemmer.Stemmer("russian")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


@lru_cache(maxsize=1 << 18)
def term_of(word: str) -> str | None:
    """The term a word (as found in text, any case) counts as, or None for words that say nothing."""
    word = fold(word)
    if len(word) < 3 or word.isdigit() or word in STOPWORDS:
        return None
    first = word[0]
    if first.isascii():
        stem = _english.stemWord(word) if word.isalpha() else word
    elif _is_cyrillic(first):
        if _KAZAKH_LETTERS.intersection(word):
            word = _kazakh_stem(word)
        # Kazakh words are spelt without Kazakh letters often enough ("бидай") that every Cyrillic word goes
        # through the Russian stemmer too: the same word then ends as the same term whatever its ending.
        stem = _russian.stemWord(word)[:CYRILLIC_STEM]
    else:
        stem = word[:8]
    if len(stem) < MIN_STEM or len(stem) > MAX_TERM:
        return None
    return stem


def _counts(text: str) -> Counter[str]:
    if not text:
        return Counter()
    # Words are found in the text as it is (one C-speed pass) and folded one distinct word at a time.
    words = Counter(_WORD_RE.findall(unicodedata.normalize("NFC", text).casefold()))
    out: Counter[str] = Counter()
    for word, n in words.items():
        term = term_of(word)
        if term is not None:
            out[term] += n
    return out


def _name_counts(text: str) -> Counter[str]:
    """Terms of the names in ``text``: capitalised words that do not open a sentence (a headline in title case
    is left out by its caller: every word is capitalised there)."""
    if not text:
        return Counter()
    text = unicodedata.normalize("NFC", text)
    names: Counter[str] = Counter()
    for match in _CAPITAL_RE.finditer(text):
        word = match.group()
        if not word[0].isupper():
            continue
        before = text[max(0, match.start() - 6) : match.start()].rstrip(_OPENERS)
        if before and before[-1] not in _SENTENCE_ENDS:
            names[word] += 1
    out: Counter[str] = Counter()
    for word, n in names.items():
        term = term_of(word)
        if term is not None:
            out[term] += n
    return out


def story_terms(headline: str, dek: str, body: str) -> dict[str, int]:
    """Weighted term frequencies of a story's text: headline and dek words and names count extra, an agency
    dateline not at all."""
    body = strip_dateline(body[:MAX_BODY_CHARS])
    counts = _counts(body)
    if ENTITY_WEIGHT != 1:
        for term, n in _name_counts(body).items():
            counts[term] += (ENTITY_WEIGHT - 1) * n
    for term, n in _counts(dek).items():
        counts[term] += DEK_WEIGHT * n
    for term, n in _counts(headline).items():
        counts[term] += HEADLINE_WEIGHT * n
    return dict(counts)


def strip_dateline(body: str) -> str:
    """The body without an agency dateline at its start (a dateline's place must be in capitals)."""
    match = _DATELINE_RE.match(body)
    if match is None:
        return body
    place = match.group().split(",", 1)[0].strip()
    return body[match.end() :] if place.isupper() else body


def surface_forms(headline: str, dek: str, body: str, terms: Iterable[str]) -> dict[str, str]:
    """For each of ``terms``, the word a reader would recognise it by: its most frequent form in the story
    (headline forms first, names with their capitals), so that an explanation shows "harvest", not "harvest"'s
    stem or "инфля"."""
    wanted = set(terms)
    names = set(_name_counts(body[:MAX_BODY_CHARS])) | set(_name_counts(dek))
    words = headline.split()
    if sum(w[:1].isupper() for w in words) * 2 < len(words):  # a headline in sentence case shows its names
        names |= set(_name_counts(headline))
    out: dict[str, str] = {}
    for text in (headline, dek, body[:MAX_BODY_CHARS]):
        if len(out) == len(wanted):
            break
        seen = Counter(_WORD_RE.findall(unicodedata.normalize("NFC", text)))
        for word, _n in seen.most_common():
            term = term_of(word)
            if term in wanted and term not in out:
                # Keep a name's capitals; a common word shows in lower case even when it opened a sentence.
                out[term] = word if term in names or word.isupper() else word.casefold()
    return out


def idf(df: int, documents: int) -> float:
    """Inverse document frequency: high for rare terms, low for terms in most stories, never zero (so that the
    first stories of a new library, where every term is in every story, still have signatures)."""
    return 1.0 + math.log((documents + 1) / (max(df, 1) + 1))


def signature(
    counts: Mapping[str, int],
    df: Mapping[str, int],
    documents: int,
    *,
    size: int = SIGNATURE_TERMS,
    min_df: int = 1,
) -> dict[str, int]:
    """The story's ``size`` most distinctive terms with integer weights (a unit vector scaled by WEIGHT_SCALE).

    ``df`` gives each term's document frequency (terms it lacks count as found in this story alone). A query
    passes ``min_df=2``: a term no other story has cannot find anything.
    """
    documents = max(documents, 1)
    too_common = MAX_DF_SHARE * documents if documents >= MIN_DOCS_FOR_SHARE else math.inf
    log = math.log
    total = documents + 1
    scored = []
    for term, tf in counts.items():
        freq = df.get(term, 1)
        if freq < min_df or freq > too_common:
            continue
        weight = (1.0 + log(tf)) * (1.0 + log(total / (max(freq, DF_FLOOR) + 1)))  # tf × idf(), inlined
        if weight > 0:
            scored.append((weight, term))
    top = heapq.nlargest(size, scored)
    norm = math.sqrt(sum(w * w for w, _ in top))
    if norm == 0:
        return {}
    return {term: max(1, round(WEIGHT_SCALE * w / norm)) for w, term in top}


def cosine(a: Mapping[object, int], b: Mapping[object, int]) -> float:
    """Cosine of two signatures given as {term: integer weight}; 0.0 to 1.0."""
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0) for t, w in a.items()) / (WEIGHT_SCALE * WEIGHT_SCALE)


@dataclass(frozen=True)
class HeadlineKey:
    """A headline normalised for exact matching: case, accents, punctuation, quotes and spacing ignored."""

    full: str

    @property
    def stored(self) -> str:
        """The indexed prefix (long headlines are told apart by comparing ``full``)."""
        return self.full[:HEADLINE_KEY_LENGTH]

    @classmethod
    def of(cls, headline: str) -> HeadlineKey:
        return cls(" ".join(tokens(headline)))


def distinct_terms(items: Iterable[Mapping[str, int]]) -> set[str]:
    out: set[str] = set()
    for counts in items:
        out.update(counts)
    return out
