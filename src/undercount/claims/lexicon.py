"""The words extraction reads, in English, Russian and Kazakh.

Patterns match one lower-case token in full. Russian and Kazakh inflect heavily, so most are
stems with an open ending ("погиб\\w*" reads погиб, погибли, погибших, погибшие); a stem is kept
only where no common word shares it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def matches(pattern: re.Pattern[str], word: str) -> bool:
    return pattern.fullmatch(word) is not None


# What a figure counts: the word that says so, before or after the number.
COUNTED_WORDS: dict[str, re.Pattern[str]] = {
    "killed": _any(
        r"killed|killings?|dead|deaths?|died|dies|dying|bod(?:y|ies)|fatalit(?:y|ies)|toll",
        r"lives|victims?|slain|perished|liquidated|executed|murdered|murders?",
        r"погиб\w*|гибел\w*|убит\w*|убийств\w*|уби(?:ли|л|ла|ло|ты|та|вая|вали)|смерт\w*|скончал\w*|умер\w*",
        r"тел|тела|телами?|жертв\w*|застрелен\w*|ликвидир\w*|расстрел\w*",
        r"қаза\w*|мерт|опат\w*|жұмды|жұмған\w*|өлтір\w*|өлді|өлген\w*|өлім\w*|қайтыс|құрбан\w*|мәйіт\w*|оққа",
    ),
    "injured": _any(
        r"injur(?:ed|ies|y|ing)|wound(?:ed|ing|s)?|hurt|hospitali[sz](?:ed|ation)",
        r"ранен\w*|ранил\w*|ранени\w*|пострадав\w*|пострадал\w*|травм\w*|госпитализ\w*",
        r"жарал\w*|жарақат\w*|зардап\w*",
    ),
    "detained": _any(
        r"detain(?:ed|ees?|ing)?|detentions?|arrest(?:ed|s|ing)?|custody|jailed|rounded",
        r"задерж\w*|арест\w*",
        r"ұстал\w*|ұстад\w*|қамау\w*|қамал\w*|тұтқын\w*",
    ),
    "missing": _any(
        r"missing|disappeared|disappearances?|unaccounted",
        r"пропал\w*|пропавш\w*|исчез\w*|безвести\w*",
        r"хабар-ошарсыз\w*|із-түзсіз\w*|жоғал\w*",
    ),
}

# Groups of people a figure or a part of it can be about; the key is the subgroup label.
GROUP_WORDS: dict[str, re.Pattern[str]] = {
    "law-enforcement": _any(
        r"police\w*|officers?|law-enforcement|enforcement|security|guards?|national",
        r"силовик\w*|силов\w*|полицейск\w*|правоохранител\w*|милиционер\w*|спецназ\w*|нацгвард\w*",
        r"полицей\w*|полиция\w*|құқық|сақшы\w*|ұлттық",
    ),
    "military": _any(
        r"soldiers?|servicem[ae]n|servicemembers|troops|military|army",
        r"военнослужащ\w*|военн\w*|солдат\w*",
        r"әскери\w*|әскер\w*|сарбаз\w*",
    ),
    "civilians": _any(
        r"civilians?|bystanders?|residents?|peaceful|unarmed",
        r"мирн\w*|жител\w*|безоружн\w*",
        r"бейбіт\w*|тұрғын\w*|қарусыз\w*",
    ),
    "children": _any(
        r"children|child|minors?|teenagers?|juveniles?|boys?|girls?",
        r"дет\w*|ребен\w*|ребён\w*|несовершеннолетн\w*|подрост\w*",
        r"бала\w*|кәмелетке|жасөспірім\w*",
    ),
    "women": _any(r"women|woman", r"женщин\w*", r"әйел\w*"),
    "foreigners": _any(r"foreign\w*", r"иностран\w*", r"шетел\w*"),
    "attackers": _any(
        r"attackers|militants|terrorists|bandits|rioters|criminals|looters|insurgents",
        r"extremists|gunmen|attacks",
        r"боевик\w*|террорист\w*|бандит\w*|преступник\w*|мародер\w*|мародёр\w*|нападавш\w*",
        r"экстремист\w*|нападени\w*",
        r"лаңкес\w*|содыр\w*|қылмыскер\w*|тонаушы\w*|шабуыл\w*",
    ),
    "journalists": _any(r"journalists?|reporters?", r"журналист\w*", r"тілші\w*"),
    "protesters": _any(
        r"protest[eo]rs|demonstrators",
        r"протестующ\w*|митингующ\w*|демонстрант\w*",
        r"наразылық\w*|шеруші\w*",
    ),
}

# Words for people in general: a figure followed by one of them counts people.
PEOPLE = _any(
    r"people|persons?|individuals|citizens|men|others|more",
    r"человек\w*|людей|люди|лиц|граждан\w*",
    r"адам\w*|азамат\w*|кісі\w*",
)

# What a number is, when it is not people. Checked on the words right after the number.
UNITS = _any(
    r"days?|hours?|weeks?|months?|years?|year-old|years-old|decades?|minutes?|seconds?|times",
    r"languages?|countries|country|nations?|cities|city|regions?|provinces?|towns?|villages?",
    r"buildings?|cars?|vehicles?|shops?|stores?|banks?|weapons?|guns?|rifles?|rounds?",
    r"videos?|photos?|photographs?|images?|documents?|pages?|cases?|charges?|articles?",
    r"percent|per|tenge|dollars?|euros?|roubles?|rubles?|km|kilomet\w+|met(?:er|re)s?",
    r"points?|flights?|tonnes?|tons?|kg|mci|sq|hectares?|premises|offices?|hospitals?",
    r"день|дня|дней|сутки|суток|час\w*|недел\w*|месяц\w*|год\w*|лет|летн\w*|язык\w*",
    r"стран\w*|город\w*|област\w*|регион\w*|район\w*|здани\w*|автомоб\w*|машин\w*|магазин\w*",
    r"банкомат\w*|оружи\w*|ствол\w*|видео\w*|фото\w*|документ\w*|страниц\w*|уголовн\w*|дел",
    r"стать\w*|процент\w*|тенге|долл\w*|евро|рубл\w*|км|метр\w*|минут\w*|секунд\w*|раз",
    r"мрп|единиц\w*|тонн\w*|объект\w*|сел\w*|пункт\w*",
    r"күн\w*|тәулік\w*|сағат\w*|апта\w*|ай|айда|айдан|жыл\w*|жас\w*|тіл\w*|ел|елде\w*|елден",
    r"елдің|қала\w*|облыс\w*|аудан\w*|ғимарат\w*|көлік\w*|дүкен\w*|қару\w*|бейне\w*",
    r"құжат\w*|бет\w*|іс|істі|іске|бап\w*|пайыз\w*|теңге\w*|доллар\w*|рет|минут\w*",
    r"қылмыстық|нысан\w*",
)
# Units written as a number's own suffix: "17-year-old", "5-летний", "10-дневный".
UNIT_SUFFIX = _any(
    r"year\S*|day\S*|летн\w*|лети\w*|дневн\w*|жылғы|жастағы|жасар|жыл\w*|күн\w*|тәулік\w*"
)
# Ordinal endings on a number: "19th", "5-го", "19-й", "5-ші".
ORDINAL_SUFFIX = _any(
    r"st|nd|rd|th|го|й|я|е|ю|м|ой|ый|ий|ая|ое|ого|ому|ом|ые|ых|ми|шы|ші|інші|ыншы|нші|ншы"
)
MONTHS = _any(
    r"january|february|march|april|may|june|july|august|september|october|november|december",
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяю]|июн\w*|июл\w*|август\w*|сентябр\w*",
    r"октябр\w*|ноябр\w*|декабр\w*",
    r"қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|шілде\w*|тамыз\w*",
    r"қыркүйек\w*|қазан\w*|қараша\w*|желтоқсан\w*",
)
# Words before a number that make it a label, a measure or an age, not a count.
LABEL_BEFORE = _any(
    r"aged|age|ages|article|articles|part|paragraph|no|number|page|flight|route|phone|tel",
    r"room|building|house|apartment|school|hospital|district|precinct|unit|code|year",
    r"возрасте|статья|статьи|статье|статьей|часть|части|пункт|пункта|страница|рейс|маршрут",
    r"дом|дома|квартира|школа|школы|больница|больницы|номер|номеру|тел|телефон\w*|код",
    r"бап\w*|тармақ\w*|бөлім\w*|нөмір\w*|мектеп\w*|үй|пәтер\w*|жасында|жастағы",
)
MONEY_SIGNS = {"$", "€", "₸", "£", "₽"}

# Verbs of change before a number ("rose to 227", "выросло до 227", "227-ге жетті"): the
# figure is the new total, so "до"/"дейін" there do not mean "up to".
CHANGE_VERBS = _any(
    r"rose|risen|climbed|increased|grew|reached|revised|raised|lowered|brought|bringing",
    r"вырос\w*|возрос\w*|увелич\w*|достиг\w*|снизил\w*|уменьш\w*|уточн\w*|довел\w*",
    r"өсті|өскен|артты|жетті|жеткен|көбейді|азайды|нақтыланды",
)

# Verbs of exceeding right before a number: "превысило 12 тысяч", "exceeded 10,000".
EXCEED_VERBS = _any(r"exceeded|exceeds|surpassed|topped|превысил\w*|превышает|превысит")

# Qualifiers, as token sequences before the number (longest first) or, in Kazakh, after it.
QUALIFIERS_BEFORE: dict[tuple[str, ...], str] = dict(
    sorted(
        (
            (tuple(phrase.split()), qualifier)
            for qualifier, phrases in {
                "at-least": [
                    "at least",
                    "no fewer than",
                    "no less than",
                    "a minimum of",
                    "at minimum",
                    "не менее",
                    "не менее чем",
                    "не меньше",
                    "по меньшей мере",
                    "по крайней мере",
                    "как минимум",
                    "минимум",
                    "кемінде",
                    "кем дегенде",
                    "ең құрығанда",
                    "ең аз дегенде",
                ],
                "more-than": [
                    "more than",
                    "over",
                    "in excess of",
                    "upwards of",
                    "above",
                    "exceeding",
                    "более",
                    "более чем",
                    "больше",
                    "больше чем",
                    "свыше",
                    "чуть более",
                    "чуть больше",
                ],
                "about": [
                    "about",
                    "around",
                    "approximately",
                    "roughly",
                    "some",
                    "nearly",
                    "almost",
                    "close to",
                    "an estimated",
                    "estimated",
                    "circa",
                    "около",
                    "порядка",
                    "примерно",
                    "приблизительно",
                    "почти",
                    "ориентировочно",
                    "шамамен",
                    "шамасы",
                    "шамалы",
                    "жуық",
                ],
                "up-to": [
                    "up to",
                    "fewer than",
                    "less than",
                    "under",
                    "менее",
                    "меньше",
                    "as many as",
                    "no more than",
                    "at most",
                    "a maximum of",
                    "до",
                    "не более",
                    "не больше",
                    "максимум",
                ],
            }.items()
            for phrase in phrases
        ),
        key=lambda entry: -len(entry[0]),
    )
)
QUALIFIER_PHRASES = tuple(QUALIFIERS_BEFORE)
QUALIFIERS_AFTER: dict[str, str] = {
    "астам": "more-than",
    "астамы": "more-than",
    "аса": "more-than",
    "асты": "more-than",
    "асады": "more-than",
    "асып": "more-than",
    "артық": "more-than",
    "жуық": "about",
    "жуығы": "about",
    "шамасында": "about",
    "шақты": "about",
    "дейін": "up-to",
    "кем": "up-to",
    "көп": "more-than",
}

# Phrases that make the next figure a part of the one before it.
SUBGROUP_BEFORE: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "including",
        "including those of",
        "among them",
        "among whom",
        "of whom",
        "of them",
        "in that number",
        "в том числе",
        "из них",
        "из которых",
        "среди них",
        "среди которых",
        "включая",
        "в т ч",
        "оның ішінде",
        "соның ішінде",
        "олардың ішінде",
        "олардың арасында",
        "олардың",
        "оның",
        "соның",
        "ішінде",
        "арасында",
    )
)
SUBGROUP_AFTER: tuple[tuple[str, ...], ...] = (("of", "them"), ("of", "whom"), ("of", "those"))

# Words that bind a figure to its counted word without breaking the link between them.
# Quotation marks are not barriers: they are as often scare quotes ('"liquidated" 26').
BARRIERS = {";", "?", "!", "(", ")"}
CONJUNCTIONS = {"and", "while", "but", "whereas", "и", "а", "но", "тогда", "және", "ал", "бірақ"}


def phrase_at(words: list[str], end: int, phrases: Iterable[tuple[str, ...]]) -> int:
    """Length of the first phrase in ``phrases`` that ends just before ``words[end]``, or 0."""
    for phrase in phrases:
        start = end - len(phrase)
        if start >= 0 and tuple(words[start:end]) == phrase:
            return len(phrase)
    return 0


# Places a figure may be scoped to, named in the text's language whatever case it is in.
PLACES: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = tuple(
    (re.compile(pattern), {"en": en, "ru": ru, "kk": kk})
    for pattern, en, ru, kk in (
        (
            r"kazakhstan|казахстан(?:а|е|у|ом)?|қазақстан(?:да|ға|нан|ның|ды|дағы)?",
            "Kazakhstan",
            "Казахстан",
            "Қазақстан",
        ),
        (r"almaty|alma-ata|алматы\w*|алма-ат\w*", "Almaty", "Алматы", "Алматы"),
        (r"nur-sultan|astana|нур-султан\w*|астан\w*|нұр-сұлтан\w*", "Astana", "Астана", "Астана"),
        (r"shymkent|шымкент\w*", "Shymkent", "Шымкент", "Шымкент"),
        (r"taldykorgan|талдыкорган\w*|талдықорған\w*", "Taldykorgan", "Талдыкорган", "Талдықорған"),
        (r"taraz|тараз\w*", "Taraz", "Тараз", "Тараз"),
        (r"aktobe|актобе|ақтөбе\w*", "Aktobe", "Актобе", "Ақтөбе"),
        (r"zhanaozen|жанаозен\w*|жаңаөзен\w*", "Zhanaozen", "Жанаозен", "Жаңаөзен"),
        (r"aktau|актау|ақтау(?:да|ға|дан|тың)?", "Aktau", "Актау", "Ақтау"),
        (r"atyrau|атырау\w*", "Atyrau", "Атырау", "Атырау"),
        (r"kyzylorda|кызылорд\w*|қызылорда\w*", "Kyzylorda", "Кызылорда", "Қызылорда"),
        (r"karaganda|qaraghandy|караганд\w*|қарағанды\w*", "Karaganda", "Караганда", "Қарағанды"),
        (r"turkestan|туркестан\w*|түркістан\w*", "Turkestan", "Туркестан", "Түркістан"),
        (r"kostanay|костана\w*|қостанай\w*", "Kostanay", "Костанай", "Қостанай"),
        (r"mangystau|mangistau|мангист\w*|маңғыстау\w*", "Mangystau", "Мангистау", "Маңғыстау"),
        (r"zhambyl|жамбыл\w*", "Zhambyl", "Жамбыл", "Жамбыл"),
    )
)
REGION_WORDS = re.compile(r"regions?|province|oblast|област\w*|облыс\w*")
REGION_NAMES = {"en": "region", "ru": "область", "kk": "облысы"}
# Russian names most regions by an adjective: "в Алматинской области".
REGION_ADJECTIVES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"алматинск\w*", "Алматинская область"),
        (r"жамбылск\w*", "Жамбылская область"),
        (r"мангистауск\w*", "Мангистауская область"),
        (r"карагандинск\w*", "Карагандинская область"),
        (r"кызылординск\w*", "Кызылординская область"),
        (r"актюбинск\w*", "Актюбинская область"),
        (r"атырауск\w*", "Атырауская область"),
        (r"туркестанск\w*", "Туркестанская область"),
    )
)

# The period of the January 2022 unrest as the three languages name it.
PERIOD_FIRST = re.compile(r"january|bloody|январ\w*|қаңтар\w*")
PERIOD_SECOND = re.compile(
    r"events|unrest|protests|violence|riots|crisis|uprising|tragedy|clashes|january"
    r"|событи\w*|беспоряд\w*|протест\w*|трагеди\w*|волнени\w*"
    r"|оқиға\w*|қасірет\w*|наразылы\w*|толқу\w*|тәртіпсіздік\w*"
)
PERIOD_NAMES = {"en": "January events", "ru": "январские события", "kk": "Қаңтар оқиғалары"}
