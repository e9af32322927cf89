"""Words and noun phrases of one sentence, for the attribution rules: a tokenizer that keeps offsets, the
vocabularies (speech verbs, source nouns, titles, in English, Russian and Kazakh) and the reading of the noun
phrase that names a source ("the head of the water board, regional deputy Aigerim Sadykova", "the national grain
union", "Dana Kim and Marat Ospanov", "пресс-служба министерства", "облыс әкімдігі").

No model and no network: word lists and shapes. Everything here works on one sentence at a time, so detection
stays linear in the length of a story.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import accumulate
from operator import add, sub
from typing import NamedTuple

from curator.factcheck.text import word_set

# ----------------------------------------------------------------------------------------------- tokens

_TOKEN = r"\w(?:[\w’'.&+-]*[\w+])?(?:(?<=s)['’](?!\w))?|\S"
# Each token with the blanks before it: the offsets are then running sums, worked out without a Python loop.
_SPACED_TOKEN_RE = re.compile(rf"(\s*)({_TOKEN})")


class Tok(NamedTuple):
    text: str
    low: str  # casefolded, ё as е
    is_word: bool  # starts with a letter or a digit
    cap: bool  # starts with a capital letter, or is a digit-led domain (24.kz)
    start: int
    end: int


def tokenize(plain: str, start: int, end: int) -> list[Tok]:
    pairs = _SPACED_TOKEN_RE.findall(plain, start, end)
    texts = [p[1] for p in pairs]
    ends = list(accumulate(map(len, map("".join, pairs)), initial=start))[1:]
    starts = map(sub, ends, map(len, texts))
    # every step below runs in C: the shape of each distinct word is worked out once
    return list(map(_new_tok, map(add, map(_shape, texts), zip(starts, ends, strict=False))))


_new_tok = partial(tuple.__new__, Tok)


def make_tok(text: str, start: int) -> Tok:
    return _new_tok((*_shape(text), start, start + len(text)))


@lru_cache(maxsize=32768)
def _shape(text: str) -> tuple[str, str, bool, bool]:
    c = text[0]
    cap = c.isupper() or (c.isdigit() and "." in text and not text[-1].isdigit())
    return text, text.casefold().replace("ё", "е"), c.isalnum(), cap


# ------------------------------------------------------------------------------------------ vocabulary


def _forms(*stems: str) -> frozenset[str]:
    """English verb forms written as "stem:past:s-form:ing-form" (past and s-form default to regular)."""
    out: set[str] = set()
    for item in stems:
        for part in item.split(":"):
            if part:
                out.add(part)
    return frozenset(out)


# Speech verbs: every form that can credit a source. "-ing" forms need a "be" before them or a comma.
EN_SPEECH = _forms(
    "said:says:say:saying",
    "told:tells:telling",
    "added:adds:adding",
    "noted:notes:noting",
    "reported:reports:reporting",
    "confirmed:confirms:confirming",
    "cited:cites:citing",
    "described:describes",
    "wrote:writes",
    "stated:states",
    "explained:explains:explaining",
    "stressed:stresses:stressing",
    "warned:warns:warning",
    "insisted:insists:insisting",
    "claimed:claims:claiming",
    "announced:announces:announcing",
    "argued:argues:arguing",
    "welcomed:welcomes:welcoming",
    "questioned:questions:questioning",
    "denied:denies:denying",
    "admitted:admits:admitting",
    "predicted:predicts:predicting",
    "ruled:rules",
    "urged:urges:urging",
    "complained:complains:complaining",
    "conceded:concedes:conceding",
    "suggested:suggests:suggesting",
    "estimated:estimates:estimate",
    "believes:believe",
    "accused:accuses:accusing",
    "criticised:criticises:criticized:criticizes:criticising:criticizing",
    "condemned:condemns",
    "blamed:blames:blaming",
    "promised:promises:promising",
    "acknowledged:acknowledges:acknowledging",
    "assured:assures",
    "declared:declares",
    "emphasised:emphasized:emphasises:emphasizes",
    "reiterated:reiterates",
    "cautioned:cautions",
    "opposed:opposes",
    "commented:comments",
    "replied:replies",
    "alleged:alleges:alleging",
    "disclosed:discloses",
    "revealed:reveals",
    "recommended:recommends",
    "observed",
    "recalled:recalls",
    "found:finds",
    "showed:shows",
)
# Forms that are as often plural nouns ("media reports", "his notes"): they need a named subject.
EN_NOUN_LIKE = word_set(
    "reports notes claims cites says describes questions rules estimates estimate promises comments shows finds "
    "states reveals"
)
# Verbs that credit only a study or a document ("a survey by Kcell found").
EN_DOCUMENT_VERBS = word_set("found finds showed shows")
# Participles that take "by" in a passive ("were announced by", "as reported by").
EN_PASSIVE = word_set(
    "announced reported described confirmed published quoted cited noted stated issued released criticised "
    "criticized questioned denied welcomed presented disclosed revealed"
)
EN_BE = word_set("is are was were be been being 's")
EN_AUX = word_set(
    "has have had also later earlier previously further then reportedly recently separately again once "
    "repeatedly long since already now still jointly publicly privately initially first mostly openly "
    "has've 've 'd will would could may might did does do"
)
# Words that end the search for a subject to the left (clause openers, verbs that cannot be in a name).
EN_LEFT_STOPS = word_set(
    """
    that which who whom whose when where while after before because since if although though as but so than
    until unless whether what how why and or nor not no nobody nothing there this it is are was were be been
    being has have had do does did will would can could may might must should to said says told added
    also
    """
)
DETERMINERS = word_set(
    "the a an its his her their our this these those one two three four five several some many both other "
    "another each all most few no"
)
POSSESSIVE_PRONOUNS = word_set("its his her their our")
EN_PRONOUNS = {"he": "m", "she": "f", "they": "pl", "it": "org", "we": None, "i": None, "you": None}
RU_PRONOUNS = {"он": "m", "она": "f", "они": "pl", "оно": "org"}
RU_POSSESSIVE = {"его": "m", "ее": "f", "её": "f", "их": "pl"}
KK_PRONOUNS = {"ол": "any", "олар": "pl"}
KK_POSSESSIVE = {"оның": "any", "олардың": "pl"}
# Time and manner words between a subject and its verb ("the appeals court in Astana last week ruled").
TIME_WORDS = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning evening night week
    month year weekend afternoon spring summer autumn winter fall january february march april may june july
    august september october november december statement interview briefing понедельник вторник среду среда
    четверг пятницу пятница субботу воскресенье вчера сегодня
    """
)
# Words after a person's noun that still belong to the phrase ("two people familiar with the talks").
EN_POSTPOSITIVE = word_set(
    "present familiar involved close concerned responsible aware knowledgeable seen obtained published released "
    "reviewed cited quoted"
)
# Verbs after which the speaker may follow: "“…,” said Karasin", "…, added the minister".
EN_INVERTING = word_set(
    "said says added adds noted notes wrote writes explained asked insisted warned argued stressed admitted "
    "conceded complained predicted replied recalled acknowledged continued suggested concluded remarked"
)
# Words that make a capitalised pair a company's or an outlet's name, not a person's ("Halyk Finance").
ORG_NAME_WORDS = word_set(
    """
    finance financial capital group holding holdings invest investment investments energy oil gas airways air
    airlines bank telecom partners consulting media news wire times post press agency journal review daily
    mining metals steel motors systems technologies solutions logistics trans railways rail power electric water
    wind solar insurance securities fund foundation trust international global partners ventures wind
    """
)
PREPOSITIONS = word_set("of at in for from on with by to within inside near")

# Nouns that can be a source: people by role, bodies, groups, documents. Plural and singular.
_PERSON_NOUNS = """
minister ministers president presidents spokesman spokeswoman spokesperson spokespeople official officials source
sources diplomat diplomats expert experts analyst analysts economist economists lawyer lawyers attorney attorneys
prosecutor prosecutors investigator investigators officer officers resident residents witness witnesses driver
drivers farmer farmers trader traders banker bankers executive executives director directors chairman chairwoman
chair head heads leader leaders founder governor governors mayor mayors akim akims deputy deputies lawmaker
lawmakers legislator legislators senator senators member members mp mps ambassador ambassadors envoy envoys
counterpart counterparts adviser advisers advisor advisors aide aides professor professors researcher researchers
scientist scientists doctor doctors teacher teachers student students worker workers miner miners employer
employers employee employees owner owners manager managers management operator operators consultant consultants
author authors critic critics activist activists campaigner campaigners organiser organisers organizer organizers
observer observers insider insiders people person nurse nurses pensioner pensioners investor investors consumer
consumers commuter commuters passenger passengers parent parents mother father victim victims survivor survivors
citizen citizens customer customers buyer buyers seller sellers supplier suppliers retailer retailers exporter
exporters importer importers producer producers miller millers hydrologist hydrologists forecaster forecasters
meteorologist meteorologists academic academics secretary commissioner judge judges ombudsman representative
representatives delegate delegates negotiator negotiators mediator mediators regulator regulators chief partner
partners colleague colleagues staff officials engineer engineers historian historians sponsor sponsors
economist strategist strategists specialist specialists planner planners inspector inspectors auditor auditors
candidate candidates protester protesters protesters voters voter shopkeeper shopkeepers landlord landlords
tenant tenants patient patients master masters captain pilot pilots
 relative relatives neighbour neighbours neighbor neighbors fan fans coach player
players organisers ceo cfo chiefs
"""
_BODY_NOUNS = """
ministry ministries government governments administration office committee commission council court courts agency
agencies bureau department service authority authorities board union unions association associations guild chamber
federation foundation fund bank banks company companies corporation firm firms group groups airline airlines
carrier carriers venture embassy consulate parliament assembly senate mazhilis akimat akimdik party parties
alliance coalition lobby institute university centre center watchdog secretariat organisation organisations
organization organizations police army military delegation mission bloc exchange brokerage network newspaper
channel broadcaster website agency inspectorate prosecutor's utility operator cabinet presidium tribunal
commissioner's community industry sector lobbyists insurer lender lenders fund club team market markets
"""
_DOCUMENT_NOUNS = """
report reports study studies survey surveys statement statements data figures figure document documents letter
decree verdict ruling poll polls forecast estimate estimates analysis review transcript memo filing census research
paper release notice resolution order records minutes protocol index
"""
EN_PERSON_NOUNS = word_set(_PERSON_NOUNS)
EN_BODY_NOUNS = word_set(_BODY_NOUNS)
EN_DOCUMENT_NOUNS = word_set(_DOCUMENT_NOUNS)
EN_HEADS = EN_PERSON_NOUNS | EN_BODY_NOUNS | EN_DOCUMENT_NOUNS
# Words that say who someone is, written before a name ("Deputy Energy Minister Yerlan Akkenzhenov").
TITLES = word_set(
    """
    president minister premier governor mayor akim ambassador chairman chairwoman chair director spokesman
    spokeswoman spokesperson professor prof dr mr mrs ms sir deputy senator judge colonel general secretary chief
    executive ceo head commissioner lawyer economist analyst prosecutor lieutenant captain major sergeant king
    queen prince sheikh emir imam bishop patriarch rector dean vice foreign interior defence defense energy
    finance trade transport labour labor health agriculture education justice economy culture kremlin prime
    first former acting regional state ex-president ex-minister mp
    министр президент премьер-министр аким посол председатель директор глава депутат профессор вице-министр
    заместитель руководитель спикер министры
    """
)
MONTHS_AND_DAYS = word_set(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday январь февраль март апрель май июнь июль август сентябрь октябрь
    ноябрь декабрь
    """
)

# --- Russian: speech verbs by their past stem (заявил, заявила, заявило, заявили) and present forms.
RU_PAST_STEMS = word_set(
    """
    заяви сообщи отмети сказа добави подчеркну уточни рассказа поясни призна предупреди завери объяви подтверди
    обвини приветствова вырази поддержа отверг опроверг указа напомни написа пообеща раскритикова прокомментирова
    констатирова ответи посетова замети высказа переда объясни сообща постанови призва назва предложи
    потребова
    """
)
RU_PRESENT = word_set(
    """
    сообщает сообщают передает передают пишет пишут считает считают полагает полагают говорит говорят отмечает
    отмечают заявляет заявляют признается признаются отрицает отрицают уверяет уверяют подчеркивает подчеркивают
    указывает указывают утверждает утверждают настаивает настаивают предупреждает предупреждают цитирует цитируют
    поясняет поясняют рассказывает рассказывают уточняет уточняют добавляет добавляют объясняет объясняют
    сообщается говорится признался призналась согласен согласна согласны
    """
)
# Verbs whose subject is an outlet or a body ("сообщает ТАСС", "передаёт РИА Новости").
RU_PUBLISHER_VERBS = word_set("сообщает сообщают передает передают пишет пишут цитирует цитируют")
RU_STOP = word_set(
    """
    что чтобы который которая которое которые которого которой которых и а но или когда если как после до
    перед потому так также тоже уже не ни ли же бы это этом этого эти этот эта там здесь где куда при для
    был была было были будет будут есть является со ссылкой из от
    """
)
_RU_HEAD_STEMS = """
водоканал управлени акимат минздрав минтруд минюст
министр министерств ведомств посол посольств пресс-служб пресс-секретар представител глав председател руководител
директор заместител вице-министр аким акимат эксперт аналитик экономист адвокат прокурор прокуратур суд полици
департамент комитет агентств служб ассоциаци союз профсоюз палат компани банк нацбанк правительств кабмин мид
мвд минфин минэнерго парламент мажилис сенат депутат источник собеседник эколог специалист учен жител водител
владельц владелец пенсионер пенсионерк вкладчи участник организатор управляющ регулятор комисси совет фонд
организаци коалици движени парти институт университет центр бюро инспекци администраци мэри мэр губернатор
президент премьер сотрудник работник горняк фермер перевозчик производител поставщик продавц покупател трейдер
инвестор аэропорт оператор авиакомпани перевозчик сеть сети обществ акционер застройщик отел гостиниц
"""
RU_HEAD_STEMS = tuple(sorted(word_set(_RU_HEAD_STEMS), key=len, reverse=True))
RU_PERSON_STEMS = word_set(
    """
    министр посол пресс-секретар представител глав председател руководител директор заместител вице-министр аким
    эксперт аналитик экономист адвокат прокурор депутат источник собеседник специалист губернатор президент
    премьер мэр управляющ
    """
)
RU_GENERIC_BODIES = word_set("ведомства ведомство регулятора регулятор министерства министерство компании компания")

# --- Kazakh: speech verbs (after "деп" or closing a sentence), and phrases like "X-тың сөзінше".
KK_VERBS = word_set(
    """
    мәлімдеді хабарлады хабарлайды деді дейді айтты айтады түсіндірді жазды жазады есептейді ескертті сендірді
    мойындады құптады қолдады шағымданды білдірді шақырды растады жеткізді қосты мәлімдейді атап сынға мәлім
    ұсынды алаңдайды келіспейді
    """
)
# Second words of two-word verbs: атап өтті, сынға алды, мәлім етті, атап көрсетті.
KK_VERB_TAILS = {"атап": word_set("өтті көрсетті өтеді"), "сынға": word_set("алды"), "мәлім": word_set("етті")}
KK_ACCORDING = word_set(
    "сөзінше айтуынша пікірінше мәліметінше дерегінше хабарлауынша бағалауынша мәліметтеріне хабарлауына"
)
KK_ACCORDING_NOUNS = word_set("деректері мәліметі болжамы есебі есебіне деректеріне мәлімдемесіне хабарламасына")
KK_GENITIVE = ("ның", "нің", "тың", "тің", "дың", "дің")
_KK_HEAD_STEMS = """
министр министрлі әкім басшы төраға орынбасар өкіл сарапшы талдаушы адвокат прокурор сот полиция департамент
комитет агенттіг агенттік қызмет қауымдастығ қауымдастық одақ одағ палата компания банк үкімет елші елшіліг
сім кәсіпорын кәсіпорн кәсіподақ кәсіподағ жетекші директор хатшы тұрғын жүргізуші фермер эколог кенші
зейнеткер иелері иесі реттеуші бірі арнасы мекеме мекемесі инспекция бюро кеңес парламент мәжіліс сенат
депутат экономист маман ғалым комиссия әкімдіг
"""
KK_HEAD_STEMS = tuple(sorted(word_set(_KK_HEAD_STEMS), key=len, reverse=True))
KK_PERSON_STEMS = word_set(
    "министр әкім басшы төраға орынбасар өкіл сарапшы талдаушы адвокат прокурор елші жетекші директор хатшы "
    "депутат экономист маман ғалым"
)
KK_LEADING = word_set("бұл туралы ал алайда сондай-ақ сонымен қатар бірақ осы жайында оған кейін")

# A group's members stand for the group: "Analysts at Halyk Finance", "Аналитики Halyk Finance".
MEMBER_WORDS = word_set("analysts аналитики представители талдаушылары өкілдері сарапшылары представитель өкілі")

FEMALE_NAMES = word_set(
    """
    aigerim aizhan asel gaukhar gulnar zhanar meruert saule aliya dana laura lena roza dinara aizada madina
    gulmira svetlana nadira terhi asem dilnoza akmaral ainur aruzhan
    айгерим айгерім айжан асель әсел гаухар гульнар жанар меруерт сауле алия дана лаура роза динара мадина
    гульмира светлана асем дилноза айгүл
    """
)
MALE_NAMES_ENDING_A = word_set("luca nikita ilya musa isa ilia никита илья муса")


def gender_of(name: str) -> str | None:
    """ "f", "m" or None, from a person's name as Kazakh, Russian and English names are usually made."""
    words = name.casefold().replace("ё", "е").split()
    if not words:
        return None
    first, last = words[0], words[-1]
    if len(words) > 1 and first in FEMALE_NAMES:
        return "f"
    if last.endswith(("ova", "eva", "yeva", "ina", "kaya", "kyzy", "ова", "ева", "ина", "ая", "қызы", "кызы")):
        return "f"
    if last.endswith(("ov", "ev", "yev", "in", "sky", "uly", "ов", "ев", "ин", "ский", "ұлы", "улы")):
        return "m"
    if len(words) > 1 and first.endswith(("a", "а")) and first not in MALE_NAMES_ENDING_A:
        return "f"
    return None


# ----------------------------------------------------------------------------------------- lookups


@lru_cache(maxsize=8192)
def ru_head(low: str) -> str | None:
    """The stem of a Russian source noun that ``low`` is a form of, if any."""
    for stem in RU_HEAD_STEMS:
        if low.startswith(stem) and len(low) - len(stem) <= 4:
            return stem
    return None


@lru_cache(maxsize=8192)
def kk_head(low: str) -> str | None:
    for stem in KK_HEAD_STEMS:
        if low.startswith(stem) and len(low) - len(stem) <= 5:
            return stem
    return None


@lru_cache(maxsize=8192)
def kk_strip_genitive(word: str) -> str:
    low = word.casefold()
    for ending in KK_GENITIVE:
        if low.endswith(ending) and len(word) - len(ending) >= 2:
            cut = word[: -len(ending)]
            return cut[:-1] if cut.endswith("-") else cut
    return word


@lru_cache(maxsize=8192)
def ru_speech_verb(low: str) -> bool:
    if low in RU_PRESENT:
        return True
    for ending in ("", "а", "о", "и"):
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        if stem.endswith("л"):
            if stem[:-1] in RU_PAST_STEMS:
                return True
        elif stem in ("отверг", "опроверг"):
            return True
    # reflexive past: признался, призналась
    return False


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text[:3])


# Kazakh-only letters: a sentence with one of them is read as Kazakh.
KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
