"""Who said it: the claimant of a figure, found from reporting phrases and known institutions.

A claimant is named where the sentence attributes the figure ("according to X", "X said",
"по данным X", "X сообщил", "X мәліметінше", "X хабарлады", '"…", - деді X'). Institutions
that recur in casualty reporting are recognised in any grammatical case and given one name in
the text's language ("Генпрокуратуры" → "Генпрокуратура"), so that the ledger keys a claimant's
figures together; any other claimant is kept as written. The kind (government, ngo, media, un,
other) comes from the institution or, for unknown names, from words such as "ministry" or
"агентство" inside the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from undercount.claims.numbers import Token


def _words(text: str) -> list[str]:
    """A word list written as one string, for tables of words."""
    return text.split()


@dataclass(frozen=True)
class Institution:
    pattern: re.Pattern[str]
    name: str | None  # None: keep the words as written
    kind: str
    needs_cue: bool  # generic words ("police", "officials") claim only when a cue says so


def _institution(pattern: str, name: str | None, kind: str, needs_cue: bool = False) -> Institution:
    return Institution(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), name, kind, needs_cue)


_G, _N, _M, _U, _O = "government", "ngo", "media", "un", "other"

INSTITUTIONS: dict[str, tuple[Institution, ...]] = {
    "en": (
        _institution(
            r"(?:general prosecutor|prosecutor[- ]general)(?:'s|’s)? office|prosecutor[- ]general"
            r"|general prosecutor|prosecutors?(?:'|’)? office|prosecutors",
            "Prosecutor General's Office",
            _G,
        ),
        _institution(
            r"interior ministry|ministry of (?:the )?interior|ministry of internal affairs"
            r"|internal affairs ministry",
            "Interior Ministry",
            _G,
        ),
        _institution(r"health ministry|ministry of health(?:care)?", "Health Ministry", _G),
        _institution(r"national security committee|knb", "National Security Committee", _G),
        _institution(r"(?:president )?(?:kassym-jomart )?tokayev", "Kassym-Jomart Tokayev", _G),
        _institution(r"akorda", "Akorda", _G),
        _institution(
            r"president|government|authorities|officials|police|national guard|akimat"
            r"|mayor(?:'s|’s) office"
            r"|defen[cs]e ministry|ministry of defen[cs]e|emergencies ministry|ombudsman",
            None,
            _G,
            needs_cue=True,
        ),
        _institution(r"official (?:figures|data|statistics)", "official figures", _G),
        _institution(r"human rights watch|hrw", "Human Rights Watch", _N),
        _institution(r"amnesty international|amnesty", "Amnesty International", _N),
        _institution(
            r"kazakhstan international bureau for human rights(?: and (?:the )?rule of law)?"
            r"|kibhr",
            "Kazakhstan International Bureau for Human Rights and Rule of Law",
            _N,
        ),
        _institution(
            r"(?:human )?rights (?:group|groups|activists|defenders|organi[sz]ations?|monitors)"
            r"|activists|campaigners",
            None,
            _N,
            needs_cue=True,
        ),
        _institution(
            r"(?:the )?(?:un|u\.n|united nations)(?: human rights office| human rights council"
            r"| high commissioner for human rights| human rights chief)?|ohchr",
            None,
            _U,
        ),
        _institution(
            r"reuters|afp|agence france-presse|associated press|bbc|interfax|tass|ria novosti"
            r"|eurasianet|rfe/rl|radio azattyq|azattyq|radio free europe|vlast\.kz|orda\.kz"
            r"|tengrinews(?:\.kz)?|kursiv|kaztag|zakon\.kz|informburo(?:\.kz)?|kazinform|al jazeera"
            r"|sputnik"
            r"|state media|local media",
            None,
            _M,
        ),
    ),
    "ru": (
        _institution(r"генпрокуратур\w*", "Генпрокуратура", _G),
        _institution(r"генеральн\w+ прокуратур\w*", "Генеральная прокуратура", _G),
        _institution(r"прокуратур\w*", "прокуратура", _G),
        _institution(r"мвд|министерств\w* внутренних дел", "МВД", _G),
        _institution(r"официальн\w+ (?:данн\w+|статистик\w+)", "официальные данные", _G),
        _institution(r"минздрав\w*|министерств\w* здравоохранения", "Минздрав", _G),
        _institution(r"кнб|комитет\w* национальной безопасности", "КНБ", _G),
        _institution(r"(?:президент\w* )?(?:касым-жомарт\w* )?токаев\w*", "Токаев", _G),
        _institution(r"президент\w*", "президент", _G, needs_cue=True),
        _institution(r"власт(?:и|ей|ям)", "власти", _G, needs_cue=True),
        _institution(r"правительств\w*", "правительство", _G, needs_cue=True),
        _institution(r"акимат\w*", "акимат", _G, needs_cue=True),
        _institution(r"полици\w+", "полиция", _G, needs_cue=True),
        _institution(r"минобороны|министерств\w* обороны", "Минобороны", _G),
        _institution(r"human rights watch|hrw|хьюман райтс вотч", "Human Rights Watch", _N),
        _institution(r"amnesty international|амнести\w*", "Amnesty International", _N),
        _institution(
            r"казахстанск\w+ (?:международн\w+ )?бюро по правам человека"
            r"(?: и соблюдению законности)?"
            r"|кмбпч",
            "Казахстанское международное бюро по правам человека",
            _N,
        ),
        _institution(r"правозащитник\w*|правозащитн\w+ (?:организац|групп)\w*", None, _N, True),
        _institution(r"активист\w*", None, _N, needs_cue=True),
        _institution(r"оон", "ООН", _U),
        _institution(
            r"азаттык\w*|радио азаттык|reuters|рейтер\w*|интерфакс\w*|тасс|риа новости|afp"
            r"|франс пресс|vlast\.kz|orda\.kz|tengrinews(?:\.kz)?|kaztag|казтаг|zakon\.kz"
            r"|informburo(?:\.kz)?",
            None,
            _M,
        ),
        _institution(r"журналист\w*|сми", None, _M, needs_cue=True),
    ),
    "kk": (
        _institution(r"бас прокуратура\w*", "Бас прокуратура", _G),
        _institution(r"ресми дерек\w*|ресми мәлімет\w*", "ресми деректер", _G),
        _institution(r"прокуратура\w*", "прокуратура", _G),
        _institution(r"ішкі істер министрлі\w*|іім\w*", "Ішкі істер министрлігі", _G),
        _institution(r"денсаулық сақтау министрлі\w*", "Денсаулық сақтау министрлігі", _G),
        _institution(r"ұлттық қауіпсіздік комитет\w*|ұқк\w*", "ҰҚК", _G),
        _institution(r"(?:президент\w* )?(?:қасым-жомарт\w* )?тоқаев\w*", "Тоқаев", _G),
        _institution(r"президент\w*", "президент", _G, needs_cue=True),
        _institution(r"билік\w*", "билік", _G, needs_cue=True),
        _institution(r"үкімет\w*", "үкімет", _G, needs_cue=True),
        _institution(r"әкімдік\w*|әкімшілі\w*", "әкімдік", _G, needs_cue=True),
        _institution(r"полиция\w*", "полиция", _G, needs_cue=True),
        _institution(r"human rights watch|hrw", "Human Rights Watch", _N),
        _institution(r"amnesty international", "Amnesty International", _N),
        _institution(r"құқық қорғаушы\w*|құқық қорғау ұйым\w*", None, _N, needs_cue=True),
        _institution(r"белсенді\w*", None, _N, needs_cue=True),
        _institution(r"бұұ\w*", "БҰҰ", _U),
        _institution(r"азаттық\w*|reuters|afp|vlast\.kz|orda\.kz|tengrinews|kaztag", None, _M),
        _institution(r"тілші\w*|журналист\w*|басылым\w*", None, _M, needs_cue=True),
    ),
}

# Words inside an unknown claimant's name that tell its kind.
_KIND_WORDS = (
    (
        _U,
        re.compile(r"\b(?:un|u\.n|united nations|unicef|ohchr)\b|\bоон\b|\bбұұ\b"),
    ),
    (
        _N,
        re.compile(
            r"rights|protect|watch|foundation|\bngo\b|movement|coalition|bureau|association|initiative"
            r"|правозащит|фонд|движени|коалиц|бюро|ассоциац|инициатив|нпо"
            r"|құқық қорғаушы|қоры|қозғалыс|қауымдаст|бастама|ұйым"
        ),
    ),
    (
        _M,
        re.compile(
            r"news|agency|newspaper|radio|television|\btv\b|outlet|magazine|journal|reporter"
            r"|correspondent|broadcaster|\.kz\b|\.com\b|\.ru\b|media|portal"
            r"|новост|агентств|газет|телеканал|радио|издани|журнал|корреспондент|сми|портал"
            r"|жаңалық|агенттіг|газет|басылым|тілші|арна"
        ),
    ),
    (
        _G,
        re.compile(
            r"ministry|minister|prosecutor|police|akim|government|official|department|committee"
            r"|spokes|governor|deputy|parliament|president|office|agency|authorit|court|mayor"
            r"|министр|прокур|полиц|здрав|аким|правительств|чиновник|ведомств|департамент|комитет"
            r"|пресс-служб|депутат|парламент|мажилис|президент|суд|губернатор|власт"
            r"|министрлі|прокуратура|полиция|әкім|үкімет|комитет|баспасөз|депутат|мәжіліс"
            r"|президент|сот|билік"
        ),
    ),
)


def kind_of(name: str) -> str:
    """The kind of an unknown claimant from the words of its name; "other" if none tells."""
    lower = name.lower()
    for kind, pattern in _KIND_WORDS:
        if pattern.search(lower):
            return kind
    return _O


@dataclass(frozen=True)
class Mention:
    """A claimant named in a sentence, with the token positions it covers."""

    name: str
    kind: str
    first: int
    last: int
    needs_cue: bool = False


def find_institutions(text: str, tokens: list[Token], language: str) -> list[Mention]:
    """Known institutions in ``text`` (the sentence ``tokens`` were cut from), left to right.

    Where patterns overlap ("Генеральная прокуратура" and "прокуратура"), the first listed
    wins, which is why specific names come before generic ones.
    """
    found: list[Mention] = []
    taken: set[int] = set()
    lower = text.lower()
    for institution in INSTITUTIONS[language]:
        for match in institution.pattern.finditer(lower):
            covered = [i for i, t in enumerate(tokens) if match.start() <= t.start < match.end()]
            if not covered or taken & set(covered):
                continue
            taken |= set(covered)
            written = _strip_article(text[match.start() : match.end()])
            if language == "kk":
                written = _KK_GENITIVE.sub("", written) or written
            found.append(
                Mention(
                    institution.name or written,
                    institution.kind,
                    covered[0],
                    covered[-1],
                    institution.needs_cue,
                )
            )
    return sorted(found, key=lambda m: m.first)


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name.strip())


@dataclass(frozen=True)
class Cue:
    """Words that attribute a figure, and on which side of them the claimant stands."""

    words: tuple[re.Pattern[str], ...]
    # "left", "right", "either" (tried in the order the language prefers), or "pronoun" when
    # the cue itself holds a pronoun ("по её словам") pointing to an earlier claimant.
    side: str


def _cue(side: str, *words: str) -> Cue:
    return Cue(tuple(re.compile(w) for w in words), side)


_EN_VERBS = (
    r"said|says|say|reported|reports|announced|announces|stated|states|confirmed|confirms|told"
    r"|tells|estimated|estimates|counted|recorded|documented|documents|verified|verifies|found"
    r"|finds|put|puts|gave|gives|published|publishes|cited|cites|added|adds|noted|claimed"
    r"|claims|wrote|writes|tallied|revised|updated|acknowledged|admitted|insisted|registered"
    r"|listed|identified|concluded|showed|show|shows|estimate|believe|believes|allege|alleged"
    r"|alleges|suggest|suggests|indicate|indicates"
)
_RU_VERBS = (
    r"(?:сообщ|заяв|подтверд|уточн|отмет|установ|объяв|призна|расска|сказа|назва)\w*(?:л|ла|ли|ло)"
    r"|называ(?:ет|ют)"
    r"|(?:подсчита|насчита|зафиксирова|задокументирова|опубликова|посчита)(?:л|ла|ли|ло)"
    r"|сообща(?:ет|ют)|заявля(?:ет|ют)|уточня(?:ет|ют)|пишет|пишут|переда[её]т|переда(?:ют)"
    r"|привод(?:ит|ят)|прив[её]л|привела|привели|привело|утвержда(?:ет|ют)|говор(?:ит|ят)"
)
_KK_VERBS = (
    r"хабарла(?:ды|йды|ған)|мәлімде(?:ді|йді|ген)|жариял(?:ады|айды)|растады|анықтады|есептеді"
    r"|құжаттады|айтты|айтады|айтқан|деді|дейді|жазды|жазады|келтірді|санады|санайды|тіркеді"
    r"|мәлім|есептейді|хабарлаған|растаған"
)
CUES: dict[str, tuple[Cue, ...]] = {
    "en": (
        _cue("right", r"according", r"to"),
        _cue("right", r"citing|quoting"),
        _cue("right", r"data|figures|statistics|information", r"from"),
        _cue("right", r"published|released|compiled|provided|verified|issued|reported", r"by"),
        _cue("either", _EN_VERBS),
    ),
    "ru": (
        _cue("right", r"по", r"данным|информации|словам|подсч[её]там|оценкам|сведениям"),
        _cue("right", r"по", r"\w+(?:ым|им)", r"данным|подсч[её]там|оценкам|сведениям"),
        _cue("pronoun", r"по", r"его|её|ее|их", r"данным|информации|словам|подсч[её]там|оценкам"),
        _cue("right", r"согласно", r"данным|информации|подсч[её]там"),
        _cue("right", r"согласно"),
        _cue("right", r"со", r"ссылкой", r"на"),
        _cue("right", r"ссылаясь", r"на"),
        _cue("either", _RU_VERBS),
    ),
    "kk": (
        _cue(
            "left",
            r"мәліметінше|мәліметі|мәліметіне|мәліметтеріне|мәліметтері|дерегінше|деректеріне"
            r"|деректері|дерегі|хабарлауынша|мәлімдеуінше|сөзінше|айтуынша|есебінше"
            r"|бағалауынша|пікірінше|хабарлағандай|мәлімдегендей|сәйкес",
        ),
        _cue("either", _KK_VERBS),
    ),
}

# Pronouns as claimants ("it said", "по её словам", "оның мәліметінше") point back to the
# claimant of an earlier sentence.
_REPORTING = {
    language: re.compile(verbs)
    for language, verbs in (("en", _EN_VERBS), ("ru", _RU_VERBS), ("kk", _KK_VERBS))
}


def reports(word: str, language: str) -> bool:
    """True for a reporting verb ("said", "сообщил", "хабарлады")."""
    return _REPORTING[language].fullmatch(word) is not None


PRONOUNS = set(
    _words(
        "it he she they its his her their он она оно они его её ее их ол олар оның олардың соның"
    )
)
_STOPS = {
    "en": set(
        _words(
            "that which who whom while when where as if after before because since though "
            "although and but or were was is are be been being has have had will would could "
            "should may also later earlier previously then in on at from with by told"
        )
    ),
    "ru": set(
        _words(
            "что который которые которая которое которых и а но ранее также в во на с со из "
            "от до после при около о об за для к как уже еще ещё было были был была вчера "
            "сегодня накануне официально тоже"
        )
    ),
    "kk": set(_words("деп және ал бірақ да де бұрын кейін кеше бүгін тағы сондай-ақ ресми")),
}
_LEADING = set(
    _words(
        "the a an on in at late early earlier later also meanwhile separately then yesterday "
        "today monday tuesday wednesday thursday friday saturday sunday в во как также ранее "
        "вчера сегодня накануне кеше бүгін"
    )
)
_TRAILING_DATA = re.compile(
    r"figures|data|statistics|estimates?|counts?|tally|tallies|reports?|statement|information"
    r"|данны\w*|информаци\w*|мәлімет\w*|дерек\w*"
)
_KK_GENITIVE = re.compile(r"(?:-)?(?:ның|нің|дың|дің|тың|тің)$")


# Words between a subject and its reporting verb: "the ministry also said", "МВД также сообщило".
ADVERBS = set(
    _words(
        "also later earlier previously then has have had further again officially reportedly "
        "separately itself также позже ранее официально уже тоже затем сондай-ақ кейін"
    )
)
# Words that open an apposition naming a claimant's office: "Serik Shalabayev, head of …".
ROLES = re.compile(
    r"head|chief|spokes\w+|minister|director|deputy|representative|official|governor|mayor"
    r"|глава|руководител\w*|министр\w*|представител\w*|замглав\w*|пресс-секретар\w*|аким\w*"
)


def match_cue(words: list[str], at: int, cue: Cue) -> int:
    """Number of tokens the cue covers starting at ``words[at]`` (0 if it does not match)."""
    if at + len(cue.words) > len(words):
        return 0
    for offset, pattern in enumerate(cue.words):
        if not pattern.fullmatch(words[at + offset]):
            return 0
    return len(cue.words)


def noun_phrase(
    tokens: list[Token], first: int, last: int, language: str, *, strong: bool = False
) -> tuple[str, int, int] | None:
    """The words of ``tokens[first..last]`` as a claimant name, trimmed, or None if none is.

    After a reporting verb, only a run with a capitalised word or a word that tells a kind is a
    name ("the ministry" is, "people were" is not); after a phrase that can only introduce a
    source (``strong``: "according to", "по словам", "мәліметінше") any words are.
    """
    if first > last:
        return None
    while first <= last and tokens[first].lower in _LEADING:
        first += 1
    while last >= first and _TRAILING_DATA.fullmatch(tokens[last].lower):
        last -= 1
    if first > last:
        return None
    words = [t.text for t in tokens[first : last + 1]]
    if language == "kk":
        words[-1] = _KK_GENITIVE.sub("", words[-1]) or words[-1]
    name = " ".join(words)
    if strong or any(w[:1].isupper() for w in words) or kind_of(name) != _O:
        return name, first, last
    return None


def phrase_left(tokens: list[Token], end: int, language: str, limit: int = 8) -> int:
    """Index of the first word of the run of name words that ends at ``tokens[end]``."""
    first = end + 1
    while first - 1 >= 0 and end - first + 1 < limit:
        token = tokens[first - 1]
        if token.kind != "word" or token.lower in _STOPS[language]:
            break
        first -= 1
    return first


def phrase_right(tokens: list[Token], start: int, language: str, limit: int = 8) -> int:
    """Index of the last word of the run of name words that starts at ``tokens[start]``."""
    last = start - 1
    while last + 1 < len(tokens) and last - start + 1 < limit:
        token = tokens[last + 1]
        if token.kind != "word" or token.lower in _STOPS[language]:
            break
        last += 1
    return last
