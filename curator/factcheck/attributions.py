"""Finding attributions: who each statement in a story is credited to ("Orda.kz reports", "according to CBS
News", "told TASS", "…, Karasin said", "по данным Минфина", "как сообщает ТАСС", "заявил Песков").

Pure pattern matching over the Markdown body (no network, no language models). Each attribution carries the
span of its phrase, its sentence, and the source it credits, all as offsets into the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from curator.core.text import fold
from curator.domain.factcheck import SourceKind
from curator.factcheck.text import (
    LEADING_WORDS,
    LOWER,
    NAME,
    ORGANISATION_WORDS,
    Document,
    Span,
    ru_stem,
    word_set,
)

# ----------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Mention:
    """A source as named at one place in the text."""

    name: str  # as a source list shows it: "Associated Press", "Grigory Karasin" (a surname resolved)
    key: str  # what identifies the source within a story (folded, without article)
    kind: SourceKind  # a guess; a checker can change it
    start: int  # where the name is written
    end: int
    url: str = ""  # when the name is a Markdown link


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # the attribution phrase: "Orda.kz reports", "According to CBS News", "Karasin … told TASS"
    end: int
    sentence: Span
    pattern: str  # "according_to", "reports", "says", "told", "after_quote", "ru_po_dannym", …
    trigger: str  # the words that signal it, as written
    source: Mention  # who is credited: the outlet or person the statement comes from
    speaker: Mention | None = None  # who spoke, when reported through someone else (Karasin told TASS)
    via: Mention | None = None  # who passed it on (CBS News, citing diplomatic sources)
    trailing: bool = False  # the attribution follows what it attributes ("…, Karasin said.")

    @property
    def credited(self) -> Mention:
        """The person or body whose words these are."""
        return self.speaker or self.source


# ------------------------------------------------------------------------------------------- vocabulary

_VERB_FAMILY = {
    **dict.fromkeys(("reports", "reported", "report"), "reports"),
    **dict.fromkeys(("notes", "noted"), "notes"),
    **dict.fromkeys(("added", "adds"), "added"),
    **dict.fromkeys(("confirmed", "confirms"), "confirmed"),
    **dict.fromkeys(("cited", "cites"), "cited"),
    **dict.fromkeys(("described", "describes"), "described"),
    **dict.fromkeys(("told", "tells"), "told"),
    **dict.fromkeys(("wrote", "writes"), "wrote"),
    **dict.fromkeys(
        word_set(
            "said says say stated explained explains stressed stresses warned "
            "warns insisted insists claimed claims announced announces argued argues"
        ),
        "says",
    ),
}
_SPEECH_FAMILIES = frozenset({"says", "notes", "added", "told", "confirmed", "wrote", "described"})
_PASSIVE_FAMILY = {"reported": "reports", "described": "described", "quoted": "says", "cited": "cited"}
_PASSIVE_FAMILY |= {"confirmed": "confirmed", "noted": "notes"}

_EN_VERBS = "|".join(sorted(_VERB_FAMILY, key=len, reverse=True))
_RU_SPEECH = r"(?:сообщил|заявил|рассказал|отметил|добавил|сказал|подчеркнул|уточнил)[аио]?"
_RU_PRESENT = r"(?:сообща(?:ет|ют)|переда(?:[её]т|ют)|пишет|пишут|цитирует|цитируют)"
_TRIGGER_RE = re.compile(
    "|".join(
        (
            r"(?P<according>\b[Aa]ccording\s+to\b)",
            r"(?P<put_it>\bput\s+it\b)",
            rf"(?P<passive>\b(?:{'|'.join(_PASSIVE_FAMILY)})\s+by\b)",
            r"(?P<citing>\b[Cc]iting\b)",
            rf"(?P<verb>\b(?:{_EN_VERBS})\b)",
            r"(?P<ru_po_dannym>\b(?i:по\s+(?:данным|информации|сведениям))\b)",
            r"(?P<ru_po_slovam>\b(?i:по\s+словам)\b)",
            r"(?P<ru_so_ssylkoy>\b(?i:со\s+ссылкой\s+на)\b)",
            rf"(?P<ru_kak>\b(?i:как\s+(?:{_RU_PRESENT}|{_RU_SPEECH}|сообщало|писал[аио]?|отмеча(?:ет|ют|л[аио]?)))\b)",
            rf"(?P<ru_verb>\b(?i:{_RU_PRESENT}|{_RU_SPEECH})\b)",
        )
    )
)

# The first words of the triggers: only where one stands is the trigger pattern tried (much faster than
# scanning the whole text with it).
_FIRST_WORDS = frozenset({"according", "According", "put", "citing", "Citing", *_PASSIVE_FAMILY, *_VERB_FAMILY})
_RU_FIRST_WORDS = frozenset({"по", "со", "как"})
_RU_VERB_RE = re.compile(rf"{_RU_PRESENT}|{_RU_SPEECH}")
# Candidates: an English first word, or any word outside Latin-1 (Russian triggers are checked one by one).
_CANDIDATE_RE = re.compile(r"\b(?:" + "|".join(sorted(_FIRST_WORDS, key=len, reverse=True)) + r")\b|[^\x00-\xff\W\d_]+")

# Words between a subject and its verb: "Karasin has said", "TASS later reported".
_AUX = (
    r"(?:has|have|had|also|later|earlier|previously|further|then|reportedly|recently|separately|again|once"
    r"|всё|уже|также|ранее|позже|тоже)"
)
# How far back from a verb its subject, appositive or relative pronoun is looked for.
_LOOKBACK = 300
# Punctuation no name or role phrase runs across ("." is not here: Orda.kz, U.S.).
_LAST_BREAK_RE = re.compile(r"[,;:()\[\]\"“”«»„—–!?]")
_NAME_BEFORE_RE = re.compile(rf"(?<![\w.’'&-])(?P<art>[Tt]he\s+)?(?P<name>{NAME})(?:\s+{_AUX})*\s*$")
_ROLES = (
    r"officials|official|sources|source|spokesperson|spokesman|spokeswoman|spokespeople|diplomats|diplomat|experts|"
    r"expert|analysts|analyst|police|witnesses|witness|residents|observers|authorities|ministry|embassy|prosecutors|"
    r"investigators|lawyers|lawyer|economists|economist|organizers|organisers|activists|insiders|people|media|"
    r"traders|trader|farmers|bankers|executives|managers|doctors|scientists|researchers|critics|officers"
)
_ROLE_WORDS = frozenset(_ROLES.split("|"))
_AUX_WORDS = frozenset(_AUX.strip("(?:)").split("|"))
_ROLE_BEFORE_RE = re.compile(
    rf"(?<![\w’'-])(?P<np>(?:[\w’'.-]+\s+){{0,3}}(?:{_ROLES}))(?:\s+{_AUX})*\s*$", re.IGNORECASE
)
_NAME_AFTER_RE = re.compile(rf"\s*(?P<skip>)(?P<art>[Tt]he\s+)?(?P<name>{NAME})(?![\w’'-])")
_RU_NAME_AFTER_RE = re.compile(rf"\s*(?P<skip>(?:[{LOWER}][\w’'-]*\s+){{0,3}}?)(?P<art>)(?P<name>{NAME})(?![\w’'-])")
_QUOTED_NAME_RE = re.compile(r"\s*(?P<skip>(?:[^\W\d_][\w-]*\s+){0,3}?)[«“\"„](?P<name>[^«»“”\"„\n]{1,80}?)[»”\"“]")
_DESCRIPTOR_RE = re.compile(
    r"\s*(?P<desc>(?:[\w’'.-]+\s+){0,5}?[\w’'-]+)"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:which|who|that|and|but|as|on|in|to|it|he|she|they|что|и|а)\b)"
)
_AS_RE = re.compile(r"\b[Aa]s\s+(?P<who>[^,;:.!?\"“”«»]{1,60}?)\s+$")
_RELATIVE_RE = re.compile(r",\s*(?:which|who|that)\s+$")
_SOURCE_NOUNS = word_set(
    """
    source sources official officials diplomat diplomats data report reports document documents statement
    statements people person insiders experts analysts ministry government figures survey study research
    letter decree records filings witnesses police authorities agency agencies media outlets newspaper
    embassy
    """
)
_DOCUMENT_WORDS = word_set(
    """
    report statement data study survey letter decree document documents figures release memo filing
    transcript resolution order records census poll research paper minutes protocol данным отчет отчёт
    документ документы заявление доклад
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
    tengrinews vedomosti kommersant rbc izvestia axios politico al-jazeera aljazeera euronews dw тасс
    интерфакс риа рбк ведомости коммерсантъ коммерсант известия
    """
)
_KNOWN_OUTLET_STEMS = frozenset(ru_stem(name) for name in _KNOWN_OUTLETS)
_PRONOUNS = word_set(
    """
    he she they it we i you him her them us me who which that this those these он она они оно мы я вы
    его ее её их нам им ему ей это
    """
)
_FUNCTION_WORDS = word_set(
    """
    through with by of in on at to from for that which who was were is are be been being has have had and or
    but as than then into onto over under about after before since while when where if because so not no
    """
)
# Verb forms that are as often plural nouns ("media reports", "his notes"): they need a named subject.
_NOUN_LIKE_VERBS = frozenset({"reports", "report", "notes", "claims", "cites", "says", "describes"})
_DOMAIN_RE = re.compile(r"[^\W_]\.[^\W\d_]{2,}$")
_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"[’']s?$")
_END_OF_CLAUSE_RE = re.compile(r"\s*(?:[.,;!?…:)]|$)")


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


# -------------------------------------------------------------------------------------------- the finder


class _Finder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.plain = doc.plain

    def _triggers(self) -> Iterator[re.Match[str]]:
        plain = self.plain
        taken = 0
        for word in _CANDIDATE_RE.finditer(plain):
            if word.start() < taken:
                continue
            text = word.group()
            if text not in _FIRST_WORDS:
                low = text.casefold()
                if low not in _RU_FIRST_WORDS and _RU_VERB_RE.fullmatch(low) is None:
                    continue
            match = _TRIGGER_RE.match(plain, word.start())
            if match is not None:
                taken = match.end()
                yield match

    def run(self) -> list[Attribution]:
        found: list[Attribution] = []
        for match in self._triggers():
            kind = match.lastgroup
            sentence = self.doc.sentence_at(match.start())
            if not (sentence.start <= match.start() < sentence.end):
                continue
            handler = getattr(self, f"_on_{kind}")
            result = handler(match, sentence)
            if result is not None:
                found.append(result)
        return _tidy(found)

    # ----------------------------------------------------------------------------------- triggers

    def _on_according(self, m: re.Match[str], sent: Span) -> Attribution | None:
        source = self._name_after(m.end(), sent.end, descriptor=True)
        if source is None:
            return None
        return Attribution(m.start(), self._phrase_end(source.end), sent, "according_to", m.group(), source)

    def _on_put_it(self, m: re.Match[str], sent: Span) -> Attribution | None:
        lo = max(sent.start, m.start() - 80)
        found = _AS_RE.search(self.plain, lo, m.start())
        if found is None:
            return None
        who_start = found.start("who")
        who = self._name_after(who_start, found.end("who"), descriptor=True)
        if who is None:
            return None
        return Attribution(found.start(), m.end(), sent, "as_put_it", f"as … {m.group()}", who)

    def _on_passive(self, m: re.Match[str], sent: Span) -> Attribution | None:
        source = self._name_after(m.end(), sent.end, descriptor=True, role="publisher")
        if source is None:
            return None
        family = _PASSIVE_FAMILY[m.group().split()[0]]
        start = m.start()
        before = self.plain[max(sent.start, start - 3) : start]
        if before.lower() == "as ":
            start -= 3
        return Attribution(start, source.end, sent, family, m.group(), source)

    def _on_citing(self, m: re.Match[str], sent: Span) -> Attribution | None:
        source = self._name_after(m.end(), sent.end, descriptor=True, needs_noun=True)
        if source is None:
            return None
        via = None
        before = self._last_char(m.start(), sent.start)
        if before is not None and self.plain[before] == ",":
            via = self._subject_before(before, sent.start)
        return Attribution(m.start(), source.end, sent, "cited", m.group(), source, via=via)

    def _on_verb(self, m: re.Match[str], sent: Span) -> Attribution | None:
        verb = m.group()
        family = _VERB_FAMILY[verb]
        lo = max(sent.start, m.start() - _LOOKBACK)
        pre = self.plain[lo : m.start()]
        # "CBS News, which cited diplomatic sources": the relative pronoun stands for the name before it.
        relative = _RELATIVE_RE.search(pre) if pre.rstrip().endswith(("which", "who", "that")) else None
        if relative is not None:
            antecedent = self._subject_before(lo + relative.start(), sent.start)
            if antecedent is None:
                return None
            if family == "cited":
                cited = self._name_after(m.end(), sent.end, descriptor=True, needs_noun=True)
                if cited is not None:
                    return Attribution(m.start(), cited.end, sent, "cited", verb, cited, via=antecedent)
            return Attribution(antecedent.start, m.end(), sent, family, verb, antecedent)
        # Inverted after a quote: "“…,” said Karasin".
        stripped = pre.rstrip()
        if stripped and stripped[-1] in ',—–-”"»:' and family in _SPEECH_FAMILIES:
            inverted = self._name_after(m.end(), sent.end)
            if inverted is not None and _END_OF_CLAUSE_RE.match(self.plain, inverted.end, sent.end + 1):
                return Attribution(m.start(), inverted.end, sent, "after_quote", verb, inverted, trailing=True)
        subject = self._subject_before(m.start(), sent.start, roles=verb not in _NOUN_LIKE_VERBS)
        if subject is None:
            return None
        source, speaker, via, end = subject, None, None, m.end()
        start = self._article_start(min(subject.start, m.start()))
        if family == "told":
            heard_by = self._name_after(m.end(), sent.end, role="publisher")
            if heard_by is not None:
                source, speaker, end = heard_by, subject, heard_by.end
        elif family == "cited":
            cited = self._name_after(m.end(), sent.end, descriptor=True, needs_noun=True)
            if cited is not None:
                source, via, end = cited, subject, cited.end
        elif family == "reports" and subject.kind is not SourceKind.DOCUMENT:
            # "X reports" is how stories credit outlets; a person "reporting" is rare enough to fix by hand.
            source = _with_kind(subject, SourceKind.OUTLET)
        elif family == "wrote" and subject.kind is SourceKind.OTHER:
            source = _with_kind(subject, guess_kind(subject.name, "publisher"))
        trailing = self._trails(subject.start, end, sent)
        pattern = "after_quote" if trailing and family in _SPEECH_FAMILIES else family
        return Attribution(start, end, sent, pattern, verb, source, speaker, via, trailing)

    def _on_ru_po_dannym(self, m: re.Match[str], sent: Span) -> Attribution | None:
        return self._ru_forward(m, sent, "ru_po_dannym")

    def _on_ru_po_slovam(self, m: re.Match[str], sent: Span) -> Attribution | None:
        return self._ru_forward(m, sent, "ru_po_slovam")

    def _on_ru_so_ssylkoy(self, m: re.Match[str], sent: Span) -> Attribution | None:
        return self._ru_forward(m, sent, "ru_so_ssylkoy")

    def _on_ru_kak(self, m: re.Match[str], sent: Span) -> Attribution | None:
        return self._ru_forward(m, sent, "ru_kak_soobshchaet")

    def _ru_forward(self, m: re.Match[str], sent: Span, pattern: str) -> Attribution | None:
        role = "publisher" if pattern in ("ru_kak_soobshchaet", "ru_so_ssylkoy") else ""
        source = self._name_after(m.end(), sent.end, russian=True, descriptor=True, role=role)
        if source is None:
            return None
        return Attribution(m.start(), self._phrase_end(source.end), sent, pattern, m.group(), source)

    def _on_ru_verb(self, m: re.Match[str], sent: Span) -> Attribution | None:
        verb = m.group()
        low = verb.casefold()
        if low.startswith("переда"):
            pattern = "ru_peredaet"
        elif low.startswith(("пиш", "сообща", "цитир")):
            pattern = "ru_soobshchaet"
        else:
            pattern = "ru_soobshchil"
        role = "publisher" if pattern != "ru_soobshchil" else ""
        # Russian puts the source after the verb as often as before it: "заявил Песков", "передаёт ТАСС".
        after = self._name_after(m.end(), sent.end, russian=True, role=role)
        if after is not None:
            trailing = self._trails(m.start(), after.end, sent)
            return Attribution(m.start(), after.end, sent, pattern, verb, after, trailing=trailing)
        subject = self._subject_before(m.start(), sent.start, roles=False)
        if subject is None:
            return None
        trailing = self._trails(subject.start, m.end(), sent)
        return Attribution(subject.start, m.end(), sent, pattern, verb, subject, trailing=trailing)

    # ------------------------------------------------------------------------------------ names

    def _phrase_end(self, pos: int) -> int:
        """``pos`` moved past the closing mark of a quoted name (по данным «Интерфакса»)."""
        return pos + 1 if pos < len(self.plain) and self.plain[pos] in '»”"“' else pos

    def _article_start(self, pos: int) -> int:
        """``pos`` moved back over an article written before a name ("The Associated Press notes")."""
        before = self.plain[max(0, pos - 4) : pos]
        return pos - 4 if before in ("The ", "the ") and (pos == 4 or not self.plain[pos - 5].isalnum()) else pos

    def _last_char(self, pos: int, floor: int) -> int | None:
        """Where the last non-blank character before ``pos`` (and not before ``floor``) is."""
        i = pos - 1
        while i >= floor and self.plain[i].isspace():
            i -= 1
        return i if i >= floor else None

    def _trails(self, start: int, end: int, sent: Span) -> bool:
        """Whether the phrase at ``start:end`` closes off what it attributes: "…, Karasin said." """
        before = self._last_char(start, sent.start)
        if before is None or self.plain[before] not in ',—–-”"»:':
            return False
        return _END_OF_CLAUSE_RE.match(self.plain, end, sent.end + 1) is not None

    def _subject_before(self, pos: int, floor: int, *, roles: bool = True) -> Mention | None:
        """The name just before ``pos`` (a verb), looking past an appositive ("Karasin, a senator, told")."""
        subject = self._name_before(pos, floor)
        if subject is not None:
            return subject
        lo = max(floor, pos - _LOOKBACK)
        pre = self.plain[lo:pos].rstrip()
        if pre.endswith(","):
            comma = pre.rfind(",", 0, len(pre) - 1)
            appositive = pre[comma + 1 : -1]
            if comma >= 0 and 0 < len(appositive) <= 120 and not any(q in appositive for q in '"“”«»'):
                subject = self._name_before(lo + comma, floor)
                if subject is not None:
                    return subject
        if roles:
            return self._role_before(pos, floor)
        return None

    def _clause_start(self, pos: int, floor: int, reach: int) -> int:
        """Where the clause ending at ``pos`` begins, for a search that cannot cross punctuation anyway."""
        lo = max(floor, pos - reach)
        m = _LAST_BREAK_RE.search(self.plain[lo:pos][::-1])
        return pos - m.start() if m is not None else lo

    def _name_before(self, pos: int, floor: int) -> Mention | None:
        word = self._word_before(pos, floor)
        if not word or not (word[0].isupper() or word[0].isdigit()):
            return None
        lo = self._clause_start(pos, floor, 160)
        m = _NAME_BEFORE_RE.search(self.plain, lo, pos)
        if m is None:
            return None
        return self._mention(m.start("name"), m.end("name"), role="speaker")

    def _word_before(self, pos: int, floor: int) -> str:
        """The word just before ``pos``, past words like "has" and "also" ("" if none): a cheap first test."""
        words = self.plain[max(floor, pos - 200) : pos].rsplit(None, 4)
        while words and words[-1].casefold() in _AUX_WORDS:
            words.pop()
        return words[-1] if words else ""

    def _role_before(self, pos: int, floor: int) -> Mention | None:
        if self._word_before(pos, floor).casefold() not in _ROLE_WORDS:
            return None
        lo = self._clause_start(pos, floor, 80)
        m = _ROLE_BEFORE_RE.search(self.plain, lo, pos)
        if m is None:
            return None
        start, end = m.start("np"), m.end("np")
        words = list(re.finditer(r"\S+", self.plain[start:end]))
        # Keep the noun phrase from its determiner on: "a ministry spokesperson", not "upon a ministry …".
        keep = 0
        for i, w in enumerate(words[:-1]):
            if fold(w.group()) in ("the", "a", "an"):
                keep = i
        fillers = LEADING_WORDS - {"the", "a", "an", "many", "some", "several", "other", "both", "most", "few"}
        while keep < len(words) - 1 and fold(words[keep].group()) in fillers:
            keep += 1
        # …and not past a word that cannot belong to it ("interpreted through scattered media").
        for i in range(len(words) - 2, keep - 1, -1):
            if fold(words[i].group()) in _FUNCTION_WORDS:
                keep = i + 1
                break
        start += words[keep].start()
        return self._descriptor(start, end)

    def _name_after(
        self,
        pos: int,
        limit: int,
        *,
        descriptor: bool = False,
        needs_noun: bool = False,
        russian: bool = False,
        role: str = "",
    ) -> Mention | None:
        plain = self.plain
        limit = min(limit, pos + 200)
        for pattern in (_QUOTED_NAME_RE, _RU_NAME_AFTER_RE if russian else _NAME_AFTER_RE):
            m = pattern.match(plain, pos, limit)
            if m is None:
                continue
            if pattern is _QUOTED_NAME_RE:
                inner = m.group("name").strip()
                if not inner[:1].isupper() or len(inner.split()) > 6:
                    continue
            mention = self._mention(m.start("name"), m.end("name"), role=role)
            if mention is not None:
                return mention
        if not descriptor:
            return None
        m = _DESCRIPTOR_RE.match(plain, pos, limit)
        if m is None:
            return None
        mention = self._descriptor(m.start("desc"), m.end("desc"))
        if mention is None:
            return None
        if needs_noun and not any(fold(w).strip("’'") in _SOURCE_NOUNS for w in mention.name.split()):
            return None
        return mention

    def _mention(self, start: int, end: int, *, role: str = "") -> Mention | None:
        """A named source at ``start:end``; leading filler words ("Meanwhile", "President") are dropped."""
        cleaned = _clean_name(self.plain[start:end])
        if cleaned is None:
            return None
        skip, length, name, single = cleaned
        start += skip
        end = start + length
        kind = None
        if single and not name.isupper() and not _DOMAIN_RE.search(name):
            full = self.doc.full_name(_POSSESSIVE_RE.sub("", name), start)
            if full is not None:
                name, kind = full, SourceKind.PERSON
        if kind is None:
            kind = guess_kind(name, role)
            if kind is SourceKind.OTHER and self.doc.is_known_person(name):
                kind = SourceKind.PERSON
        link = self.doc.link_at(start, end)
        return Mention(name, source_key(name), kind, start, end, link.url if link else "")

    def _descriptor(self, start: int, end: int) -> Mention | None:
        """An unnamed source described in lower case: "diplomatic sources", "a ministry spokesperson"."""
        text = " ".join(self.plain[start:end].split())
        words = text.split()
        if not words or len(words) > 6 or fold(words[0]) in _PRONOUNS:
            return None
        name = _ARTICLE_RE.sub("", text)
        if not name or fold(name) in _PRONOUNS or not any(ch.isalpha() for ch in name):
            return None
        if name[:1].isupper() and len(words) == 1 and fold(name) in LEADING_WORDS:
            return None
        kind = SourceKind.DOCUMENT if any(fold(w) in _DOCUMENT_WORDS for w in words) else guess_kind(name)
        if kind is SourceKind.PERSON:
            kind = SourceKind.OTHER
        link = self.doc.link_at(start, end)
        return Mention(name, source_key(name), kind, start, end, link.url if link else "")


_NON_SPACE_RE = re.compile(r"\S+")


@lru_cache(maxsize=4096)
def _clean_name(raw: str) -> tuple[int, int, str, bool] | None:
    """A name as written, without leading filler words ("Meanwhile", "President"): (offset, length, name,
    whether it is a single word), or None when nothing but filler or a pronoun is left."""
    words = list(_NON_SPACE_RE.finditer(raw))
    while words and _folded(words[0].group()) in LEADING_WORDS:
        words.pop(0)
    if not words:
        return None
    name = " ".join(w.group() for w in words).strip(' "“”«»„')
    if not name or _folded(name) in _PRONOUNS:
        return None
    return words[0].start(), words[-1].end() - words[0].start(), name, len(words) == 1


def _with_kind(mention: Mention, kind: SourceKind) -> Mention:
    return Mention(mention.name, mention.key, kind, mention.start, mention.end, mention.url)


def _tidy(found: list[Attribution]) -> list[Attribution]:
    """In text order, without duplicates; "citing" phrases learn who did the citing."""
    found.sort(key=lambda a: (a.start, a.end))
    out: list[Attribution] = []
    seen: set[tuple[int, int, str]] = set()
    for a in found:
        ident = (a.start, a.end, a.source.key)
        if ident in seen:
            continue
        seen.add(ident)
        if a.pattern == "cited" and a.via is None:
            earlier = []
            for b in out[:-51:-1]:
                if b.sentence.start < a.sentence.start:
                    break
                if b.sentence == a.sentence and b.source.key != a.source.key:
                    earlier.insert(0, b)
            if earlier:
                a = Attribution(
                    a.start, a.end, a.sentence, a.pattern, a.trigger, a.source, a.speaker, earlier[-1].source
                )
        out.append(a)
    return out


def find_attributions(doc: Document | str) -> list[Attribution]:
    """Every attribution in a story body, in text order."""
    if isinstance(doc, str):
        doc = Document(doc)
    return _Finder(doc).run()
