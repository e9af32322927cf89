"""Writes the labelled evaluation corpus for related-story suggestions: tests/fixtures/related_eval.json.

The stories are generated, not collected: every sentence below was written for this project in the manner of
Central Asian agency copy (a headline, a one-line dek, a dated lead, background, quotes from invented officials
and analysts), in English and Russian, on six desks' beats. A story draws its sentences from its topic's
phrasebook and fills in places, people and figures, so two stories on a beat share what real stories on a beat
share (the subject's words and names) while differing in phrasing, angle and length. To keep the test honest,
stories also carry what makes real copy hard to group: the agency boilerplate every story has, sentences about a
neighbouring beat (grain stories mention the tenge, water stories mention farmers, oil stories mention the
budget), officials who speak on more than one beat, outlets that cover everything, and broad tags ("Economy",
"Kazakhstan") put on stories of several topics.

Each phrasebook list is split: every fourth entry is kept for the held-out stories only, and the held-out
stories use only those entries (plus the shared boilerplate and slot values). Tuning looks only at the other
stories' precision; the held-out figure is what the report quotes as a check.

    .venv/bin/python bench/make_related_corpus.py            # rewrites the fixture (deterministic: fixed seed)
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "related_eval.json"
SEED = 17
STORIES_PER_TOPIC = 56
RUSSIAN_SHARE = 0.4
HELD_OUT_EVERY = 4  # every fourth story of a topic is held out
# How hard the corpus is: a story's own sentences (one makes a wire flash), boilerplate sentences and sentences
# about a neighbouring beat. Set once, before any change to the suggestions, and not tuned since. Even so the
# corpus is easier than real copy (a phrasebook repeats itself more than reporters do): the suggestions of the
# time scored 0.99 on it, against ~0.90 on real agency copy; the bench also mixes it into 100k generated stories.
OWN_SENTENCES = (1, 4)
GENERIC_SENTENCES = (2, 5)
NEIGHBOUR_SENTENCES = (1, 2, 2, 3)

OUTLETS = {
    "en": ["Steppe Wire", "Caspian Herald", "Astana Daily", "Irtysh Times", "Central Asia Monitor"],
    "ru": ["Степной вестник", "Каспий-Информ", "Новости Прииртышья", "Деловая Астана", "Азия-Пресс"],
}

# Slots shared by every topic: places and people who turn up on several beats.
COMMON: dict[str, dict[str, list[str]]] = {
    "en": {
        "city": ["Astana", "Almaty", "Shymkent", "Karaganda", "Pavlodar", "Aktobe", "Semey", "Kostanay"],
        "pm": ["Prime Minister Daniyar Seitkali", "Deputy Prime Minister Aigerim Tulegenova"],
        "analyst": [
            "Marat Ospanov of the Steppe Policy Institute",
            "economist Dana Kuanysheva",
            "Timur Zhaksylykov, an analyst at Halyk Research",
        ],
        "weekday": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday"],
    },
    "ru": {
        "city": ["Астане", "Алматы", "Шымкенте", "Караганде", "Павлодаре", "Актобе", "Семее", "Костанае"],
        "pm": ["премьер-министр Данияр Сейткали", "вице-премьер Айгерим Тулегенова"],
        "analyst": [
            "Марат Оспанов из Степного института политики",
            "экономист Дана Куанышева",
            "аналитик Halyk Research Тимур Жаксылыков",
        ],
        "weekday": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу"],
    },
}

# The agency boilerplate every story may carry, whatever its subject.
GENERIC = {
    "en": [
        "The ministry did not respond to a request for comment by the time of publication.",
        "The government is expected to discuss the matter at its next weekly meeting in {city}.",
        "{pm} said the cabinet would report back to parliament before the end of the quarter.",
        "Officials in {city} said more details would be published on the government's website.",
        "The figures are preliminary and may be revised, the statistics bureau said.",
        "Local media in {city} reported the news earlier in the day, citing unnamed officials.",
        "It was not immediately clear how the decision would be financed.",
        "The announcement came a day after a cabinet meeting chaired by {pm}.",
        "Several regional governors have called for a clearer timetable.",
        "Critics say the government has made similar promises before without following through.",
        "The statement was posted on the official Telegram channel shortly before noon.",
        "A spokeswoman for the presidential administration declined to comment.",
    ],
    "ru": [
        "На момент публикации в министерстве не ответили на запрос о комментарии.",
        "Ожидается, что правительство обсудит вопрос на очередном заседании в {city}.",
        "Как отметил {pm}, кабинет отчитается перед парламентом до конца квартала.",
        "Подробности обещали опубликовать на сайте правительства.",
        "Данные носят предварительный характер и могут быть уточнены, сообщили в бюро статистики.",
        "Ранее местные СМИ со ссылкой на неназванные источники сообщали о готовящемся решении.",
        "Пока неясно, из каких средств будет финансироваться решение.",
        "Заявление прозвучало на следующий день после заседания правительства.",
        "Несколько акимов областей попросили установить более четкие сроки.",
        "Критики напоминают, что подобные обещания уже звучали, но не были выполнены.",
        "Сообщение появилось в официальном Telegram-канале незадолго до полудня.",
        "В администрации президента от комментариев отказались.",
    ],
}

TOPICS: dict[str, dict[str, Any]] = {
    "grain": {
        "tags": ["Agriculture", "Grain"],
        "broad": ["Economy", "Kazakhstan"],
        "en": {
            "slots": {
                "region": ["Kostanay", "North Kazakhstan", "Akmola", "Pavlodar"],
                "crop": ["wheat", "barley", "durum wheat", "oilseed flax"],
                "buyer": ["Afghanistan", "Uzbekistan", "Iran", "China", "Turkey"],
                "minister": ["Agriculture Minister Yerlan Baimukhanov", "Deputy Agriculture Minister Saule Nurtayeva"],
                "union": ["the Grain Union", "the Farmers' Association of Kostanay"],
            },
            "headlines": [
                "Kazakhstan raises {crop} export quota after bumper harvest",
                "Farmers in {region} race to finish harvest before early frosts",
                "Grain elevators overflow as {region} brings in record crop",
                "Kazakhstan to subsidise rail freight for grain bound for {buyer}",
                "{buyer} signs deal to buy more Kazakh {crop}",
                "Grain prices slide as harvest beats forecasts",
                "Wheat farmers in {region} complain of storage shortage",
                "Government lifts limits on {crop} shipments",
            ],
            "deks": [
                "Traders expect most of the extra grain to go south by rail.",
                "The harvest is the largest in a decade, the agriculture ministry says.",
                "Farmers say elevators cannot take the crop and prices are falling.",
                "The ministry promises freight subsidies and new storage before spring.",
            ],
            "body": [
                "Farmers in {region} have threshed {n1} million tonnes of grain so far, ahead of last year's pace.",
                "{minister} said the {crop} export quota would rise by {n2} million tonnes.",
                "Traders said most of the extra {crop} would travel by rail to {buyer}.",
                "Elevators across {region} are full, and some farms are storing grain under tarpaulins in open fields.",
                "The average yield reached {n3} centners a hectare, according to the agriculture ministry.",
                "{union} asked the government to subsidise freight so exporters can compete with Russian wheat.",
                "Grain buyers at the border station of Saryagash reported queues of wagons stretching for days.",
                "Early frosts threaten the late-sown {crop} in the north, agronomists warned.",
                "Farmers said the price offered by elevators had fallen to {n4},000 tenge a tonne.",
                "The food contract corporation will buy part of the crop for the state reserve.",
                '"We have never had so much grain and so few wagons," a farmer from {region} said.',
                "Harvesters have covered {pct} percent of the sown area, the regional administration said.",
                "Millers expect flour prices to stay flat despite the larger crop.",
                "Protein content of this year's {crop} is lower than usual after a wet August, grain inspectors said.",
                "Exporters are also looking at routes through the Caspian port of Aktau.",
                "{minister} told reporters the ministry would fund new grain terminals on the Chinese border.",
            ],
            "mentions": [
                "Grain exporters, meanwhile, have asked for a weaker tenge to keep their wheat competitive.",
                "Farmers in the north warned that a dry spring could cut the wheat harvest.",
            ],
        },
        "ru": {
            "slots": {
                "region": ["Костанайской области", "Северо-Казахстанской области", "Акмолинской области"],
                "crop": ["пшеницы", "ячменя", "твердой пшеницы", "льна"],
                "buyer": ["Афганистан", "Узбекистан", "Иран", "Китай"],
                "minister": [
                    "министр сельского хозяйства Ерлан Баймуханов",
                    "вице-министр сельского хозяйства Сауле Нуртаева",
                ],
                "union": ["Зерновой союз", "ассоциация фермеров Костаная"],
            },
            "headlines": [
                "Казахстан увеличил квоту на экспорт {crop} после рекордного урожая",
                "Аграрии {region} спешат завершить уборку до заморозков",
                "Элеваторы переполнены: в {region} собрали рекордный урожай зерна",
                "Правительство субсидирует перевозку зерна в {buyer}",
                "Цены на зерно снижаются на фоне высокого урожая",
                "Фермеры {region} жалуются на нехватку зернохранилищ",
                "Ограничения на вывоз {crop} сняты",
                "Уборочная в {region} вышла на финишную прямую",
            ],
            "deks": [
                "Трейдеры ожидают, что большая часть зерна уйдет на юг по железной дороге.",
                "Урожай стал крупнейшим за десятилетие, сообщили в Минсельхозе.",
                "Элеваторы не принимают зерно, а закупочные цены падают.",
                "Министерство обещает субсидии на перевозку и новые хранилища к весне.",
            ],
            "body": [
                "В {region} намолочено {n1} млн тонн зерна, что опережает прошлогодние темпы.",
                "Как сообщил {minister}, квота на экспорт {crop} будет увеличена на {n2} млн тонн.",
                "По словам трейдеров, основная часть зерна отправится по железной дороге в {buyer}.",
                "Элеваторы {region} заполнены, часть урожая хранится под брезентом прямо в поле.",
                "Средняя урожайность составила {n3} центнеров с гектара, сообщили в министерстве.",
                "{union} попросил правительство субсидировать перевозку, чтобы зерно могло конкурировать с российским.",
                "На станции Сарыагаш зерновые вагоны простаивают по нескольку суток.",
                "Агрономы предупреждают, что ранние заморозки угрожают поздним посевам {crop}.",
                "Закупочная цена на элеваторах опустилась до {n4} тысяч тенге за тонну.",
                "Продкорпорация закупит часть урожая в государственный резерв.",
                "«Столько зерна и так мало вагонов у нас еще не было», — рассказал фермер из {region}.",
                "Уборка проведена на {pct} процентах посевных площадей, сообщили в акимате.",
                "Мукомолы не ожидают роста цен на муку, несмотря на большой урожай.",
                "Содержание белка в зерне в этом году ниже обычного из-за дождливого августа.",
                "Экспортеры рассматривают и маршруты через каспийский порт Актау.",
                "{minister} пообещал построить новые зерновые терминалы на границе с Китаем.",
            ],
            "mentions": [
                "Экспортеры зерна тем временем просят ослабить тенге, чтобы пшеница оставалась конкурентной.",
                "Аграрии севера опасаются, что сухая весна сократит урожай пшеницы.",
            ],
        },
    },
    "oil": {
        "tags": ["Oil and gas", "Energy"],
        "broad": ["Economy", "Kazakhstan"],
        "en": {
            "slots": {
                "field": ["the Karaton field", "the Zhaiyk offshore block", "the Munaily field"],
                "pipeline": ["the Caspian Pipeline Consortium", "the Atyrau-Samara pipeline"],
                "company": ["KazMunayGas", "the operator Caspian Petroleum", "Zhaiyk Oil"],
                "official": ["Energy Minister Almas Sadykov", "Deputy Energy Minister Bolat Akchulakov"],
            },
            "headlines": [
                "Oil exports through {pipeline} fall after terminal damage",
                "{company} raises output at {field}",
                "Kazakhstan asks OPEC+ for room to pump more crude",
                "Storm halts tanker loadings at Novorossiysk terminal",
                "Energy ministry cuts oil production forecast",
                "{company} delays start of new offshore wells",
                "Crude output hits record as {field} expands",
                "Pipeline repairs to take weeks, says {company}",
            ],
            "deks": [
                "The outage cuts exports by a fifth and hurts budget revenues.",
                "Kazakhstan has overshot its OPEC+ quota for months.",
                "Traders say buyers are switching to other grades of crude.",
                "The operator says the new wells will add thousands of barrels a day.",
            ],
            "body": [
                "Oil shipments through {pipeline} fell to {n1} hundred thousand barrels a day, {company} said.",
                "{official} said Kazakhstan would keep within its OPEC+ quota despite higher output at {field}.",
                "A single-point mooring at the Novorossiysk terminal was damaged and taken out of service.",
                "Crude production reached {n2} million tonnes in the first {n3} months of the year.",
                "Tanker loadings were suspended for {n3} days after a storm in the Black Sea.",
                "{company} plans to drill {n4} new wells at {field} next year.",
                "Analysts said the outage would cost the budget several hundred million dollars in export duty.",
                "The CPC Blend grade traded at a wider discount to Brent after the loading delays.",
                '"Repairs are under way and we expect loadings to resume soon," a spokesman for {company} said.',
                "Oil accounts for more than half of Kazakhstan's exports and a third of budget revenue.",
                "Production at {field} rose {pct} percent after a new gas reinjection unit started.",
                "OPEC+ delegates said Kazakhstan had repeatedly exceeded its crude output target.",
                "The refinery in Atyrau switched to reserve crude stocks while the pipeline was shut.",
                "Drilling contractors in Mangystau said they had not been paid for months.",
                "{official} said the ministry was looking at a new export route across the Caspian to Baku.",
                "Gas condensate output also rose, the energy ministry said.",
            ],
            "mentions": [
                "Lower oil export revenue has weighed on the budget this year, the finance ministry said.",
                "The tenge has followed oil prices lower in recent weeks.",
            ],
        },
        "ru": {
            "slots": {
                "field": ["месторождении Каратон", "блоке Жайык", "месторождении Мунайлы"],
                "pipeline": ["Каспийский трубопроводный консорциум", "нефтепровод Атырау — Самара"],
                "company": ["КазМунайГаз", "оператор Caspian Petroleum", "Жайык Ойл"],
                "official": ["министр энергетики Алмас Садыков", "вице-министр энергетики Болат Акчулаков"],
            },
            "headlines": [
                "Экспорт нефти через {pipeline} сократился после повреждения терминала",
                "Добыча нефти выросла до рекорда",
                "Казахстан просит ОПЕК+ увеличить квоту на добычу",
                "Шторм остановил отгрузку нефти в Новороссийске",
                "Минэнерго понизило прогноз добычи нефти",
                "Запуск новых морских скважин отложен",
                "Ремонт нефтепровода займет несколько недель",
                "Казахстан превысил квоту ОПЕК+ по добыче нефти",
            ],
            "deks": [
                "Из-за аварии экспорт сократился на пятую часть, бюджет недополучит доходы.",
                "Казахстан несколько месяцев подряд превышает квоту ОПЕК+.",
                "Трейдеры говорят, что покупатели переключаются на другие сорта нефти.",
                "Оператор обещает, что новые скважины добавят тысячи баррелей в сутки.",
            ],
            "body": [
                "Прокачка нефти через {pipeline} сократилась до {n1} сотен тысяч баррелей в сутки.",
                "Как заявил {official}, Казахстан будет соблюдать квоту ОПЕК+, несмотря на рост добычи.",
                "Выносное причальное устройство терминала в Новороссийске повреждено и выведено из эксплуатации.",
                "Добыча нефти за {n3} месяцев составила {n2} млн тонн.",
                "Отгрузка танкеров была приостановлена на {n3} суток из-за шторма на Черном море.",
                "{company} планирует пробурить {n4} новых скважин на {field} в следующем году.",
                "По оценке аналитиков, авария обойдется бюджету в сотни миллионов долларов экспортной пошлины.",
                "Дисконт сорта CPC Blend к Brent вырос после задержек с отгрузкой.",
                "«Ремонт идет, мы ожидаем возобновления отгрузок в ближайшее время», — сообщили в {company}.",
                "На нефть приходится больше половины экспорта Казахстана и треть доходов бюджета.",
                "Добыча на {field} выросла на {pct} процентов после запуска установки обратной закачки газа.",
                "Делегаты ОПЕК+ указали, что Казахстан неоднократно превышал свою квоту по добыче нефти.",
                "Атырауский НПЗ перешел на резервные запасы сырья на время остановки нефтепровода.",
                "Буровые подрядчики в Мангистау жалуются, что им месяцами не платят.",
                "{official} сообщил, что министерство изучает новый маршрут экспорта нефти через Каспий в Баку.",
                "Выросла и добыча газового конденсата, сообщили в Минэнерго.",
            ],
            "mentions": [
                "Снижение нефтяных доходов ударило по бюджету, отметили в Минфине.",
                "Вслед за ценами на нефть в последние недели дешевел и тенге.",
            ],
        },
    },
    "elections": {
        "tags": ["Elections", "Politics"],
        "broad": ["Kazakhstan", "Government"],
        "en": {
            "slots": {
                "party": ["the Amanat party", "the Respublica party", "the Ak Zhol party", "the People's Party"],
                "cec": ["Central Election Commission chairman Nurlan Abdirov", "commission secretary Aliya Tleubayeva"],
                "district": ["Almaty's Bostandyk district", "Karaganda", "Shymkent", "Aktau"],
                "observer": ["the OSCE observer mission", "the independent monitor Erkindik Qanaty"],
            },
            "headlines": [
                "Campaign opens for snap parliamentary election",
                "{party} tops preliminary results with turnout at {pct} percent",
                "Observers report ballot stuffing in {district}",
                "Election commission registers {n1} candidates for Mazhilis seats",
                "Opposition candidate barred from ballot in {district}",
                "Voters head to polls in single-mandate districts",
                "{party} wins majority in new parliament",
                "Election watchdog questions vote count in {district}",
            ],
            "deks": [
                "Half the seats are elected in single-mandate districts for the first time.",
                "Observers say the vote lacked real competition.",
                "The commission says it will check every complaint.",
                "Turnout was lowest in the big cities.",
            ],
            "body": [
                "{cec} said {n1} candidates had been registered for the Mazhilis, the lower house.",
                "Preliminary results gave {party} {pct} percent of the party-list vote.",
                "Turnout stood at {pct} percent when polling stations closed at 8 p.m.",
                "{observer} said the vote was orderly but lacked genuine competition.",
                "Videos posted online appeared to show ballot stuffing at a polling station in {district}.",
                "The election commission said it would examine every complaint before certifying the result.",
                "The campaign lasted a month and focused on prices, housing and corruption.",
                "An independent candidate in {district} said she was refused registration over a paperwork error.",
                "Parties need at least five percent of the vote to enter parliament.",
                '"People came out because they want to be heard," a candidate from {party} told supporters.',
                "Counting in single-mandate districts was slower, and final results are due within a week.",
                "Opposition activists were detained outside a polling station in {district}, witnesses said.",
                "The new Mazhilis will hold its first session next month and elect a speaker.",
                "Debates between candidates were broadcast on state television for the first time.",
                "{observer} recommended changes to the rules on registering candidates.",
                "Voters in {district} complained of long queues and broken ballot scanners.",
            ],
            "mentions": [
                "The issue is expected to come up in the new parliament elected last month.",
                "Several candidates made water supply a campaign theme in the south.",
            ],
        },
        "ru": {
            "slots": {
                "party": ["партия «Аманат»", "партия «Республика»", "партия «Ак жол»", "Народная партия"],
                "cec": ["председатель ЦИК Нурлан Абдиров", "секретарь ЦИК Алия Тлеубаева"],
                "district": ["Бостандыкском районе Алматы", "Караганде", "Шымкенте", "Актау"],
                "observer": ["миссия наблюдателей ОБСЕ", "независимый мониторинг «Еркиндик канаты»"],
            },
            "headlines": [
                "Началась кампания по досрочным выборам в парламент",
                "{party} лидирует по предварительным итогам выборов",
                "Наблюдатели сообщили о вбросах бюллетеней в {district}",
                "ЦИК зарегистрировал {n1} кандидатов в депутаты мажилиса",
                "Оппозиционного кандидата не допустили к выборам",
                "Избиратели голосуют в одномандатных округах",
                "{party} получила большинство в новом мажилисе",
                "Явка на выборах составила {pct} процентов",
            ],
            "deks": [
                "Впервые половина депутатов избирается по одномандатным округам.",
                "Наблюдатели говорят об отсутствии реальной конкуренции.",
                "В ЦИК обещают проверить каждую жалобу.",
                "Самой низкой явка оказалась в крупных городах.",
            ],
            "body": [
                "Как сообщил {cec}, в депутаты мажилиса зарегистрированы {n1} кандидатов.",
                "По предварительным данным, {party} набирает {pct} процентов голосов по партийным спискам.",
                "К закрытию избирательных участков в 20:00 явка составила {pct} процентов.",
                "{observer} отметила, что голосование прошло спокойно, но без реальной конкуренции.",
                "В соцсетях появились видео, на которых, предположительно, видны вбросы бюллетеней в {district}.",
                "В избирательной комиссии пообещали рассмотреть все жалобы до утверждения итогов.",
                "Предвыборная кампания длилась месяц, главными темами стали цены, жилье и коррупция.",
                "Независимому кандидату в {district} отказали в регистрации из-за ошибки в документах.",
                "Чтобы пройти в парламент, партии нужно набрать не менее пяти процентов голосов.",
                "«Люди пришли, потому что хотят, чтобы их услышали», — сказал кандидат на встрече с избирателями.",
                "Подсчет голосов в одномандатных округах идет медленнее, окончательные итоги объявят в течение недели.",
                "По словам очевидцев, у избирательного участка в {district} задержали активистов оппозиции.",
                "Новый мажилис соберется на первую сессию в следующем месяце и изберет спикера.",
                "Дебаты кандидатов впервые транслировались на государственном телевидении.",
                "Наблюдатели рекомендовали изменить правила регистрации кандидатов.",
                "Избиратели жаловались на очереди и неработающие сканеры бюллетеней.",
            ],
            "mentions": [
                "Вопрос, как ожидается, поднимут в новом парламенте, избранном в прошлом месяце.",
                "Некоторые кандидаты на юге сделали водоснабжение темой своей кампании.",
            ],
        },
    },
    "football": {
        "tags": ["Football", "Sport"],
        "broad": ["Kazakhstan"],
        "en": {
            "slots": {
                "club": ["Astana", "Kairat Almaty", "Tobol Kostanay", "Ordabasy Shymkent", "Aktobe"],
                "rival": ["Slovenia", "Denmark", "Northern Ireland", "San Marino", "Finland"],
                "coach": ["head coach Stanislav Cherchesov", "national team coach Ali Aliyev"],
                "player": ["striker Abat Aimbetov", "midfielder Askhat Tagybergen", "goalkeeper Temirlan Anarbekov"],
            },
            "headlines": [
                "Kazakhstan beat {rival} in World Cup qualifier",
                "{club} knocked out of Conference League",
                "{club} clinch Premier League title",
                "Late goal earns Kazakhstan draw against {rival}",
                "{coach} names squad for qualifiers",
                "{player} ruled out with knee injury",
                "Fans queue overnight for tickets to {rival} match",
                "{club} sign Brazilian forward",
            ],
            "deks": [
                "The win keeps the national team's qualifying hopes alive.",
                "The club's European run ends in a penalty shoot-out.",
                "A stoppage-time header settles the match.",
                "The coach calls up three uncapped players.",
            ],
            "body": [
                "{player} scored in the {n5}th minute to give Kazakhstan the lead.",
                "{club} lost {n6}-{n7} on aggregate after extra time in the second leg.",
                "A crowd of {n1},000 watched the match at the Astana Arena.",
                "{coach} said the team had shown character after going a goal down.",
                '"We played for the fans and for the country," {player} told reporters after the final whistle.',
                "The visitors had a goal ruled out for offside after a VAR review.",
                "Kazakhstan are third in their qualifying group with {n6} points from {n7} matches.",
                "{club} wrapped up the title with two rounds to spare after a {n6}-{n7} win at home.",
                "The football federation said ticket sales would open online on Friday.",
                "{player} will miss the next two matches after picking up a knee injury in training.",
                "The referee showed {n6} yellow cards and sent off a defender in the second half.",
                "{club} are reported to be in talks with a Brazilian forward on loan from a Portuguese club.",
                "The penalty shoot-out was decided when the goalkeeper saved the fifth kick.",
                "The national team travels to {rival} next month for the return fixture.",
                "{coach} called up three uncapped players from the domestic league.",
                "Supporters lit flares in the away end and the match was delayed for ten minutes.",
            ],
            "mentions": [
                "The stadium, built for the national team, is also used for concerts and rallies.",
                "Even the football league has been asked to save water on pitches this summer.",
            ],
        },
        "ru": {
            "slots": {
                "club": ["«Астана»", "«Кайрат»", "«Тобол»", "«Ордабасы»", "«Актобе»"],
                "rival": ["Словении", "Дании", "Северной Ирландии", "Финляндии"],
                "coach": ["главный тренер Станислав Черчесов", "тренер сборной Али Алиев"],
                "player": ["нападающий Абат Аймбетов", "полузащитник Асхат Тагыберген", "вратарь Темирлан Анарбеков"],
            },
            "headlines": [
                "Сборная Казахстана обыграла команду {rival} в отборе чемпионата мира",
                "{club} вылетел из Лиги конференций",
                "{club} досрочно стал чемпионом Казахстана по футболу",
                "Поздний гол принес Казахстану ничью с командой {rival}",
                "Черчесов объявил состав сборной на отборочные матчи",
                "Нападающий сборной пропустит матчи из-за травмы колена",
                "Болельщики ночью стояли в очереди за билетами на матч сборной",
                "{club} подписал бразильского нападающего",
            ],
            "deks": [
                "Победа сохраняет шансы сборной на выход из группы.",
                "Еврокубковый путь клуба завершился в серии пенальти.",
                "Исход матча решил гол головой в компенсированное время.",
                "Тренер вызвал трех игроков, ранее не выступавших за сборную.",
            ],
            "body": [
                "{player} забил на {n5}-й минуте и вывел Казахстан вперед.",
                "{club} уступил по сумме двух матчей со счетом {n6}:{n7} после дополнительного времени.",
                "За матчем на «Астана Арене» наблюдали {n1} тысяч зрителей.",
                "Как сказал {coach}, команда проявила характер, пропустив первой.",
                "«Мы играли для болельщиков и для страны», — сказал {player} после финального свистка.",
                "Гол гостей отменили из-за офсайда после просмотра VAR.",
                "Сборная Казахстана занимает третье место в отборочной группе, набрав {n6} очков в {n7} матчах.",
                "{club} досрочно оформил чемпионство, победив дома со счетом {n6}:{n7}.",
                "В федерации футбола сообщили, что продажа билетов начнется в пятницу на сайте.",
                "{player} пропустит два матча из-за травмы колена, полученной на тренировке.",
                "Арбитр показал {n6} желтых карточек и удалил защитника во втором тайме.",
                "Клуб, по данным СМИ, ведет переговоры об аренде бразильского нападающего у португальского клуба.",
                "Исход серии пенальти решил вратарь, отразивший пятый удар.",
                "Ответный матч сборная сыграет на выезде в следующем месяце.",
                "{coach} вызвал в сборную трех новичков из казахстанской премьер-лиги.",
                "Болельщики зажгли файеры на гостевой трибуне, и игра была остановлена на десять минут.",
            ],
            "mentions": [
                "Стадион, построенный для сборной, используют и для концертов и митингов.",
                "Даже футбольные клубы попросили экономить воду на полив полей этим летом.",
            ],
        },
    },
    "water": {
        "tags": ["Water", "Environment"],
        "broad": ["Kazakhstan", "Government"],
        "en": {
            "slots": {
                "river": ["the Syr Darya", "the Ili", "the Ural", "the Irtysh"],
                "region": ["Kyzylorda", "Turkestan", "Zhambyl", "Almaty region", "West Kazakhstan"],
                "official": ["Water Resources Minister Nurzhan Nurzhigitov", "water committee head Serik Kozhaniyazov"],
                "neighbour": ["Kyrgyzstan", "Uzbekistan", "China", "Russia"],
            },
            "headlines": [
                "Drought leaves {region} farms short of irrigation water",
                "Water level in {river} falls to record low",
                "Kazakhstan and {neighbour} agree on summer water releases",
                "Floods force evacuations along {river}",
                "Rice growers in {region} told to cut planting",
                "Government plans new reservoirs to fight water shortages",
                "Villages in {region} left without drinking water",
                "Aral Sea level rises after dam repairs",
            ],
            "deks": [
                "Farmers say canals have run dry weeks before the harvest.",
                "Officials blame upstream dams and a hot, dry summer.",
                "Rescuers moved thousands of people as the river burst its banks.",
                "The plan would add dozens of reservoirs by the end of the decade.",
            ],
            "body": [
                "The flow in {river} has dropped to {n1} cubic metres a second, half the seasonal norm.",
                "{official} said Kazakhstan had asked {neighbour} to release more water from upstream reservoirs.",
                "Irrigation canals in {region} ran dry in July, and cotton and rice fields are wilting.",
                "Rescuers evacuated {n1},000 people from villages along {river} as the water rose.",
                "Farmers in {region} have been told to plant less rice, which needs the most water.",
                "The government plans to build {n4} new reservoirs and repair thousands of kilometres of canals.",
                "Up to {pct} percent of irrigation water is lost through leaky unlined canals, the ministry said.",
                '"Our wells are dry and the water truck comes once a week," a villager in {region} said.',
                "The Kokaral dam has helped the northern Aral Sea recover over the past two decades.",
                "Meteorologists forecast a hotter than usual summer with little rain in the south.",
                "Snowmelt floods hit the north and west in spring, damaging houses and roads.",
                "A water-sharing agreement with {neighbour} sets release volumes for the summer months.",
                "Drip irrigation subsidies will be raised, {official} said.",
                "Water tariffs for farmers are among the lowest in the region, which critics say encourages waste.",
                "Villagers in {region} blocked a road to protest against interruptions in drinking water supply.",
                "The emergencies ministry sent pumps and sandbags to the flooded districts.",
            ],
            "mentions": [
                "Farmers in the south say the water shortage will hurt this year's harvest.",
                "Hydropower output also fell because of the low river levels.",
            ],
        },
        "ru": {
            "slots": {
                "river": ["Сырдарьи", "Или", "Урала", "Иртыша"],
                "region": [
                    "Кызылординской области",
                    "Туркестанской области",
                    "Жамбылской области",
                    "Западно-Казахстанской области",
                ],
                "official": [
                    "министр водных ресурсов Нуржан Нуржигитов",
                    "глава комитета по водным ресурсам Серик Кожаниязов",
                ],
                "neighbour": ["Кыргызстан", "Узбекистан", "Китай", "Россию"],
            },
            "headlines": [
                "Засуха оставила фермеров {region} без поливной воды",
                "Уровень воды в реке {river} упал до рекордно низкого",
                "Казахстан договорился о летних попусках воды",
                "Паводок вынудил эвакуировать жителей поселков",
                "Рисоводам {region} велели сократить посевы",
                "Правительство построит новые водохранилища",
                "Села {region} остались без питьевой воды",
                "Уровень Аральского моря вырос после ремонта плотины",
            ],
            "deks": [
                "Фермеры говорят, что каналы пересохли за несколько недель до уборки.",
                "Чиновники винят плотины выше по течению и жаркое сухое лето.",
                "Спасатели вывезли тысячи людей из подтопленных сел.",
                "План предусматривает десятки новых водохранилищ к концу десятилетия.",
            ],
            "body": [
                "Расход воды в реке {river} упал до {n1} кубометров в секунду, вдвое ниже сезонной нормы.",
                "Как сообщил {official}, Казахстан попросил {neighbour} увеличить попуски воды из водохранилищ.",
                "Оросительные каналы в {region} пересохли в июле, посевы риса и хлопка засыхают.",
                "Спасатели эвакуировали {n1} тысяч жителей прибрежных сел, вода продолжает прибывать.",
                "Фермерам {region} рекомендовали сократить посевы влагоемкого риса.",
                "Правительство планирует построить {n4} новых водохранилищ и обновить тысячи километров каналов.",
                "До {pct} процентов поливной воды теряется в негерметичных каналах, сообщили в министерстве.",
                "«Колодцы пересохли, водовоз приезжает раз в неделю», — рассказала жительница села.",
                "Кокаральская плотина помогла Малому Аралу восстановиться за последние двадцать лет.",
                "Синоптики прогнозируют жаркое лето с малым количеством осадков на юге.",
                "Весенний паводок на севере и западе повредил дома и дороги.",
                "Соглашение о вододелении определяет объемы попусков на летние месяцы.",
                "Субсидии на капельное орошение будут увеличены, пообещал {official}.",
                "Тарифы на поливную воду одни из самых низких в регионе, что, по мнению критиков, поощряет потери.",
                "Жители села перекрыли дорогу в знак протеста против перебоев с питьевой водой.",
                "МЧС направило в подтопленные районы насосы и мешки с песком.",
            ],
            "mentions": [
                "Фермеры юга говорят, что нехватка воды ударит по урожаю.",
                "Выработка гидроэлектростанций также снизилась из-за маловодья.",
            ],
        },
    },
    "tenge": {
        "tags": ["Currency", "Finance"],
        "broad": ["Economy", "Kazakhstan"],
        "en": {
            "slots": {
                "banker": ["National Bank governor Timur Suleimenov", "deputy governor Aliya Moldabekova"],
                "rate": ["14.25", "15.25", "16.5", "13.75"],
                "bank": ["the National Bank", "the central bank"],
                "currency": ["the dollar", "the rouble", "the yuan"],
            },
            "headlines": [
                "Tenge weakens past 520 to the dollar",
                "National Bank raises base rate to {rate} percent",
                "Central bank holds rate as inflation slows",
                "Annual inflation quickens to {pct} percent",
                "National Bank sells reserves to steady the tenge",
                "Tenge recovers as oil prices rise",
                "Kazakh banks raise deposit rates after rate hike",
                "National Fund transfers to budget support the tenge",
            ],
            "deks": [
                "The currency has lost a tenth of its value since January.",
                "The bank cites fuel and food prices and a weaker tenge.",
                "Analysts expect one more increase before the end of the year.",
                "Dollar sales by the National Fund help the currency recover.",
            ],
            "body": [
                "The tenge weakened to {n8} per dollar at the Kazakhstan Stock Exchange, its lowest in months.",
                "{banker} said {bank} was ready to intervene to smooth sharp swings in the exchange rate.",
                "{bank} raised its base rate to {rate} percent, citing higher inflation expectations.",
                "Annual inflation quickened to {pct} percent, driven by fuel, utilities and food.",
                "{bank} sold {n4} hundred million dollars from reserves to support the currency last month.",
                "Analysts polled by the agency expect the base rate to stay at {rate} percent until spring.",
                '"Inflation risks remain tilted upwards," {banker} told a news conference in Almaty.',
                "Sales of foreign currency from the National Fund reached {n1} hundred million dollars.",
                "The tenge tracks oil prices and the rouble, Kazakhstan's main trading partners' currency.",
                "Commercial banks raised deposit rates within days of the decision.",
                "Demand for {currency} at exchange offices in Almaty rose sharply, dealers said.",
                "Mortgage lending slowed after the rate increase, the banking regulator said.",
                "{bank} said it would next review the base rate in six weeks.",
                "Price controls on fuel were lifted this year, pushing inflation higher.",
                "Gross international reserves stood at {n2} billion dollars at the end of the month.",
                "Economists said the weaker tenge would help exporters but raise import prices.",
            ],
            "mentions": [
                "The weaker tenge has raised the cost of imported machinery, farmers and drillers say.",
                "Inflation has eaten into household incomes, which candidates promised to raise.",
            ],
        },
        "ru": {
            "slots": {
                "banker": [
                    "председатель Нацбанка Тимур Сулейменов",
                    "заместитель председателя Нацбанка Алия Молдабекова",
                ],
                "rate": ["14,25", "15,25", "16,5", "13,75"],
                "bank": ["Национальный банк", "Нацбанк"],
                "currency": ["доллар", "рубль", "юань"],
            },
            "headlines": [
                "Тенге ослаб до 520 за доллар",
                "Нацбанк повысил базовую ставку до {rate} процента",
                "Нацбанк сохранил базовую ставку на фоне замедления инфляции",
                "Годовая инфляция ускорилась до {pct} процентов",
                "Нацбанк продает резервы для поддержки тенге",
                "Тенге укрепился вслед за ростом цен на нефть",
                "Банки подняли ставки по депозитам после решения Нацбанка",
                "Продажи валюты из Нацфонда поддержали тенге",
            ],
            "deks": [
                "С начала года национальная валюта подешевела на десятую часть.",
                "Регулятор ссылается на цены на топливо и продукты и ослабление тенге.",
                "Аналитики ожидают еще одного повышения ставки до конца года.",
                "Продажи долларов из Нацфонда помогают валюте восстановиться.",
            ],
            "body": [
                "Курс тенге на Казахстанской фондовой бирже опустился до {n8} за доллар, минимума за месяцы.",
                "Как заявил {banker}, регулятор готов проводить интервенции, чтобы сгладить резкие колебания курса.",
                "{bank} повысил базовую ставку до {rate} процента, сославшись на рост инфляционных ожиданий.",
                "Годовая инфляция ускорилась до {pct} процентов за счет топлива, коммунальных услуг и продуктов.",
                "В прошлом месяце {bank} продал из резервов {n4} сотен миллионов долларов для поддержки тенге.",
                "Опрошенные агентством аналитики ожидают, что ставка останется на уровне {rate} процента до весны.",
                "«Инфляционные риски по-прежнему смещены вверх», — сказал {banker} на пресс-конференции в Алматы.",
                "Продажи валюты из Национального фонда составили {n1} сотен миллионов долларов.",
                "Тенге следует за ценами на нефть и курсом рубля.",
                "Коммерческие банки в течение нескольких дней подняли ставки по депозитам.",
                "Спрос на {currency} в обменных пунктах Алматы резко вырос, говорят дилеры.",
                "Ипотечное кредитование замедлилось после повышения ставки, сообщил регулятор.",
                "Следующее решение по базовой ставке {bank} примет через шесть недель.",
                "В этом году сняты ограничения цен на топливо, что подстегнуло инфляцию.",
                "Золотовалютные резервы на конец месяца составили {n2} млрд долларов.",
                "Экономисты говорят, что слабый тенге поможет экспортерам, но удорожит импорт.",
            ],
            "mentions": [
                "Ослабление тенге удорожило импортную технику, жалуются аграрии и нефтяники.",
                "Инфляция съедает доходы населения, которые кандидаты обещали повысить.",
            ],
        },
    },
}

_BROAD_SHARE = 0.35


def _split(items: list[str], held_out: bool) -> list[str]:
    """The phrasebook entries a story may use: held-out stories every fourth entry, the others the rest."""
    out = [x for i, x in enumerate(items) if (i % 4 == 3) == held_out]
    return out or items


def _slots(rng: random.Random, topic: dict[str, Any], lang: str) -> dict[str, str]:
    values = {k: rng.choice(v) for k, v in COMMON[lang].items()}
    values.update({k: rng.choice(v) for k, v in topic[lang]["slots"].items()})
    values.update(
        n1=str(rng.randint(2, 40)), n2=str(rng.randint(10, 95)), n3=str(rng.randint(3, 11)),
        n4=str(rng.randint(4, 30)), n5=str(rng.randint(5, 89)), n6=str(rng.randint(0, 4)),
        n7=str(rng.randint(1, 6)), n8=str(rng.randint(480, 560)), pct=str(rng.randint(8, 78)),
    )  # fmt: skip
    return values


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def story(rng: random.Random, name: str, lang: str, held_out: bool, day: date) -> dict[str, Any]:
    topic = TOPICS[name]
    book = topic[lang]
    values = _slots(rng, topic, lang)
    headline = _cap(rng.choice(_split(book["headlines"], held_out)).format(**values))
    dek = rng.choice(_split(book["deks"], held_out)) if rng.random() < 0.7 else ""
    own = _split(book["body"], held_out)
    rng.shuffle(own)
    count = rng.randint(OWN_SENTENCES[0], min(OWN_SENTENCES[1], len(own)))
    sentences = [_cap(s.format(**values)) for s in own[:count]]
    # Boilerplate and a neighbouring beat's sentence, placed anywhere after the lead.
    others = [n for n in TOPICS if n != name]
    noise = [s.format(**values) for s in rng.sample(GENERIC[lang], rng.randint(*GENERIC_SENTENCES))]
    for _ in range(rng.choice(NEIGHBOUR_SENTENCES)):
        noise.append(rng.choice(TOPICS[rng.choice(others)][lang]["mentions"]))
    for sentence in noise:
        sentences.insert(rng.randint(1, len(sentences)), sentence)
    outlet = rng.choice(OUTLETS[lang])
    if lang == "en":  # an agency dateline (Russian city names here are in the locative, so only English has one)
        sentences[0] = f"{values['city'].upper()}, {day:%B} {day.day} ({outlet}) – {sentences[0]}"
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    tags = [rng.choice(topic["tags"])] if rng.random() < 0.55 else []
    if rng.random() < _BROAD_SHARE:
        tags.append(rng.choice(topic["broad"]))
    return {
        "topic": name,
        "held_out": held_out,
        "language": lang,
        "headline": headline,
        "dek": dek,
        "outlet": outlet,
        "tags": tags,
        "published": day.isoformat(),
        "body": "\n\n".join(paragraphs),
    }


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = date(2025, 1, 6)
    out = []
    for name in TOPICS:
        for i in range(STORIES_PER_TOPIC):
            lang = "ru" if rng.random() < RUSSIAN_SHARE else "en"
            day = start + timedelta(days=rng.randrange(330))
            out.append(story(rng, name, lang, i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1, day))
    rng.shuffle(out)
    return out


def main() -> int:
    stories = generate()
    about = (
        "Labelled evaluation corpus for related-story suggestions, generated by bench/make_related_corpus.py from "
        "phrasebooks written for Curator (no outside text). 'topic' is the label; 'held_out' stories are never "
        "looked at while tuning."
    )
    OUT.write_text(json.dumps({"about": about, "stories": stories}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(stories)} stories, {sum(s['held_out'] for s in stories)} held out -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
