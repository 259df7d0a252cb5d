"""Build ``tests/data/name_pairs.tsv``: labelled name pairs, each with the rule that made it.

Run ``python tests/names/names_pairgen.py`` to rewrite the file; ``test_eval_set.py`` checks
that the file is exactly what this script produces, so the data cannot drift from its recipe.

People are drawn from ``kazakh_names.json`` *and* from a held-out list of names the library does
not know (so the figures measure the rules, not the variant dictionary); each person is written
by two independently implemented systems (``names_transliteration.py``) and styles. Hard negatives
are the confusions a death toll must not make: siblings, father and son, swapped roles,
one-letter-apart names, a name and its extension, a shared common surname.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

from names_transliteration import system_functions
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "tests" / "data" / "name_pairs.tsv"
LEXICON = ROOT / "src" / "undercount" / "data" / "kazakh_names.json"
SEED = 20220105

HELD_OUT_MALE = [
    ("Тілеуберді", "Тлеуберды"), ("Жақсыбек", "Жаксыбек"), ("Талғатбек", "Талгатбек"),
    ("Серғазы", "Сергазы"), ("Әділбек", "Адильбек"), ("Мейірхан", "Мейрхан"),
    ("Нұрымжан", "Нурымжан"), ("Бекарыс", "Бекарыс"), ("Еламан", "Еламан"),
    ("Қуандық", "Куандык"), ("Төреғали", "Торегали"), ("Ақылбек", "Акылбек"),
    ("Серікжан", "Серикжан"), ("Бағлан", "Баглан"), ("Бердібек", "Бердибек"),
    ("Қайыржан", "Каиржан"), ("Құдайберді", "Кудайберды"), ("Ерұлан", "Ерулан"),
    ("Әлішер", "Алишер"), ("Сырым", "Сырым"), ("Жәнібек", "Жанибек"), ("Исатай", "Исатай"),
    ("Махамбет", "Махамбет"), ("Саят", "Саят"), ("Қасым-Жомарт", "Касым-Жомарт"),
    ("Мұхаммед-Әли", "Мухаммед-Али"), ("Досжан", "Досжан"), ("Ерқанат", "Ерканат"),
]  # fmt: skip
HELD_OUT_FEMALE = [
    ("Гүлжазира", "Гульжазира"), ("Жансұлу", "Жансулу"), ("Ақнұр", "Акнур"),
    ("Дәметкен", "Даметкен"), ("Күләш", "Кулаш"), ("Бәтима", "Батима"), ("Айнаш", "Айнаш"),
    ("Гүлбану", "Гульбану"), ("Нұрила", "Нурила"), ("Жәмила", "Жамиля"),
    ("Бибінұр", "Бибинур"), ("Таңсұлу", "Тансулу"), ("Назгүл", "Назгуль"),
    ("Гүлдана", "Гульдана"), ("Ұлдана", "Улдана"), ("Мақпал", "Макпал"),
    ("Алтынай", "Алтынай"), ("Баян", "Баян"),
]  # fmt: skip
HELD_OUT_SURNAMES = [
    ("Тілеубердиев", "Тлеубердиев"), ("Жақсыбеков", "Жаксыбеков"), ("Бердібеков", "Бердибеков"),
    ("Қуандықов", "Куандыков"), ("Сейдахметов", "Сейдахметов"), ("Досқалиев", "Доскалиев"),
    ("Мырзахметов", "Мырзахметов"), ("Жұмағұлов", "Жумагулов"), ("Ерғалиев", "Ергалиев"),
    ("Нұрмұханбетов", "Нурмуханбетов"), ("Әубәкіров", "Аубакиров"),
    ("Құрманғалиев", "Курмангалиев"),
    ("Сыздықов", "Сыздыков"), ("Бекболатов", "Бекболатов"), ("Үсенов", "Усенов"),
    ("Шәріпов", "Шарипов"), ("Тұяқбаев", "Туякбаев"), ("Мұсабаев", "Мусабаев"),
    ("Қабылбеков", "Кабылбеков"), ("Әбдіғалиев", "Абдигалиев"), ("Жылқыбаев", "Жылкыбаев"),
    ("Есімов", "Есимов"), ("Сейсенбаев", "Сейсенбаев"), ("Ізбасаров", "Избасаров"),
    ("Оңғарбаев", "Онгарбаев"), ("Смирнов", "Смирнов"), ("Лебедев", "Лебедев"),
    ("Шевченко", "Шевченко"), ("Ковальчук", "Ковальчук"), ("Пак", "Пак"),
]  # fmt: skip
HELD_OUT_SLAVIC = {
    "M": ["Анатолий", "Михаил", "Пётр", "Григорий", "Константин", "Василий", "Фёдор", "Артём"],
    "F": ["Любовь", "Зоя", "Вера", "Нина", "Лариса", "Алёна", "Софья"],
    "surname": ["Соколов", "Козлов", "Новиков", "Морозов", "Волков", "Петров", "Васильев",
                "Фёдоров", "Захаров", "Щербаков", "Ильин", "Сорокин", "Зайцев", "Медведев"],
}  # fmt: skip
HELD_OUT = frozenset(
    HELD_OUT_MALE
    + HELD_OUT_FEMALE
    + HELD_OUT_SURNAMES
    + [(n, n) for names in HELD_OUT_SLAVIC.values() for n in names]
)
"""Names (Kazakh, Russian spelling) that are not in the library's lexicon."""
CLOSE_GIVEN_NAMES = [
    ("Алмас", "Алмат"), ("Нұрбек", "Нұрбол"), ("Жанат", "Жанар"), ("Ерлан", "Арлан"),
    ("Асан", "Хасан"), ("Дана", "Дина"), ("Нұрлан", "Нұрлыбек"), ("Азамат", "Азат"),
    ("Бекзат", "Бекжан"), ("Дәурен", "Дәулет"), ("Ерболат", "Ербол"), ("Айдос", "Айдар"),
    ("Самат", "Салтанат"), ("Асқар", "Асқарбек"), ("Бақыт", "Бақытжан"),
    ("Әсем", "Әсемгүл"), ("Ержан", "Ерлан"), ("Арман", "Арлан"), ("Серік", "Серікбай"),
]  # fmt: skip
"""Distinct names a clerk's eye confuses: one letter apart, or one built on the other."""
REAL_WORLD = [
    ("Токаев Касым-Жомарт Кемелевич", "Qasym-Zhomart Toqaev", 1, "published:rferl"),
    ("Kassym-Jomart Tokayev", "KASYM-ZHOMART TOKAEV", 1, "published:official/icao"),
    ("Қасым-Жомарт Кемелұлы Тоқаев", "Tokayev Kassym-Jomart Kemelovich", 1, "published:kk/en"),
    ("Бауыржан Байбек", "Bay'yrjan Bai'bek", 1, "published:kk_latin_2017"),
    ("Иманғали Тасмағамбетов", "Imang'ali' Tasmag'ambetov", 1, "published:kk_latin_2017"),
    ("Aset Isekeshev", "Aset Isekeshov", 1, "published:english_press"),
    ("Erlan Karin", "Yerlan Karin", 1, "published:english_press"),
    ("Adilbek Dzhaksybekov", "Adilbek Jaksybekov", 1, "published:english_press"),
    ("Kuandyk Bishimbayev", "Kuandyk Bishimbaev", 1, "published:rferl"),
    ("Darigha Nazarbaeva", "Dariga Nazarbayeva", 1, "published:rferl/official"),
    ("Alihan Smaiylov", "Алихан Смаилов", 1, "published:kk_latin/ru"),
    ("Oljas Bektenov", "Olzhas Bektenov", 1, "published:kk_latin/official"),
    ("Bekzat Sattarkhanov", "Бекзат Саттарханов", 1, "published:odni"),
    ("Yuliya Il'ina", "Iuliia Ilina", 1, "published:mvd_310/icao"),
    ("Шоқан Уәлиханов", "Чокан Валиханов", 1, "published:kk/ru_historic"),
    ("Baurzhan Baibek", "Бауыржан Байбек", 1, "published:english_press"),
    ("Ержан Болатович Ахметов", "Болат Ержанович Ахметов", 0, "published:role_swap_example"),
]


@dataclass(frozen=True)
class Person:
    given: tuple[str, str]
    surname: tuple[str, str]
    father: tuple[str, str]
    sex: str
    slavic: bool = False
    """Russian-type person: patronymic always in -ович/-овна, same spelling in both columns."""


def load_pools() -> dict[str, list[tuple[str, str]]]:
    data = json.loads(LEXICON.read_text("utf-8"))
    known_male = [(e["kk"], e["ru"]) for e in data["male_given"] if not e.get("unisex")]
    known_female = [(e["kk"], e["ru"]) for e in data["female_given"] if not e.get("unisex")]
    known_surnames = [
        (e["kk"], e["ru"]) for e in data["surnames"] if e["ru"].endswith(("ов", "ев", "ин"))
    ]
    return {
        "male": known_male + HELD_OUT_MALE,
        "female": known_female + HELD_OUT_FEMALE,
        "surname": known_surnames + [s for s in HELD_OUT_SURNAMES if s[1].endswith(("ов", "ев"))],
        "surname_any": [(e["kk"], e["ru"]) for e in data["surnames"]] + HELD_OUT_SURNAMES,
        "top_surname": [(e["kk"], e["ru"]) for e in data["surnames"] if (e["rank"] or 99) <= 10],
        "unisex": [(e["kk"], e["ru"]) for e in data["male_given"] if e.get("unisex")],
        "slavic_M": [
            (n, n) for n in data["russian_given_supplement"]["male"] + HELD_OUT_SLAVIC["M"]
        ],
        "slavic_F": [
            (n, n) for n in data["russian_given_supplement"]["female"] + HELD_OUT_SLAVIC["F"]
        ],
        "slavic_surname": [
            (e["kk"], e["ru"]) for e in data["surnames"] if e.get("note") == "Slavic surname"
            and e["ru"].endswith(("ов", "ев", "ин"))
        ] + [(n, n) for n in HELD_OUT_SLAVIC["surname"]],
        "ru_variants": [
            (e["kk"], v) for k in ("male_given", "female_given") for e in data[k]
            for v in e.get("ru_variants", [])
        ],
    }  # fmt: skip


def feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def russian_patronymic(father_ru: str, sex: str) -> str:
    """Серик → Серикович/Сериковна; Сергей → Сергеевич; Али → Алиевич; Игорь → Игоревич."""
    stem, soft = father_ru, False
    if stem.endswith(("й", "ь")):
        stem, soft = stem[:-1], True
    elif stem.endswith(("и", "ы", "а", "я")):
        soft = True
    suffix = ("евич" if soft else "ович") if sex == "M" else ("евна" if soft else "овна")
    return stem + suffix


def render(person: Person, system: str, patronymic: str, order: str, drop_suffix: bool) -> str:
    """One person written the way ``system`` and a list's house style would write them."""
    source, romanize = system_functions()[system]
    side = 0 if source == "kk" else 1
    given, father = person.given[side], person.father[side]
    surname = person.surname[side]
    if drop_suffix and surname.endswith(("ов", "ев")):
        surname = surname[:-2]
    if person.sex == "F":
        surname = feminine(surname)
    son = person.sex == "M"
    marker = ("ұлы" if son else "қызы") if side == 0 else ("улы" if son else "кызы")
    if person.slavic and patronymic != "none":
        patronymic = "russian"
    if patronymic == "russian":
        father_word = russian_patronymic(person.father[1], person.sex)
    elif patronymic == "kazakh_fused":
        father_word = father + marker
    elif patronymic == "kazakh_separate":
        father_word = f"{father} {marker}"
    else:
        father_word = ""
    if order == "surname_first":
        words = [surname, given, father_word]
    else:
        words = [given, father_word, surname]
    return romanize(" ".join(w for w in words if w))


def _random_person(rng: random.Random, pools: dict, sex: str | None = None) -> Person:
    """A Kazakh person, or one time in five a Russian one (Slavic given name and surname)."""
    sex = sex or rng.choice("MF")
    if rng.random() < 0.2:
        return Person(
            rng.choice(pools[f"slavic_{sex}"]),
            rng.choice(pools["slavic_surname"]),
            rng.choice(pools["slavic_M"]),
            sex,
            slavic=True,
        )
    given = rng.choice(pools["male" if sex == "M" else "female"])
    return Person(given, rng.choice(pools["surname"]), rng.choice(pools["male"]), sex)


def _random_style(rng: random.Random) -> tuple[str, str, str]:
    system = rng.choice(sorted(system_functions()))
    patronymic = rng.choice(["none", "none", "russian", "kazakh_fused", "kazakh_separate"])
    order = rng.choice(["surname_first", "given_first"])
    return system, patronymic, order


def _pair(rng: random.Random, a: Person, b: Person, label: int, rule: str, **fixed: str):
    style_a, style_b = _random_style(rng), _random_style(rng)
    if "patronymic" in fixed:
        style_a = (style_a[0], fixed["patronymic"], style_a[2])
        style_b = (style_b[0], fixed["patronymic"], style_b[2])
    text_a = render(a, *style_a, drop_suffix=False)
    text_b = render(b, *style_b, drop_suffix=fixed.get("drop_suffix") == "yes")
    held_out = any(part in HELD_OUT for person in (a, b) for part in (person.given, person.surname))
    return (
        text_a,
        text_b,
        label,
        f"{rule}:{style_a[0]}/{style_b[0]}" + (":held_out" if held_out else ""),
    )


def build_pairs(seed: int = SEED) -> list[tuple[str, str, int, str]]:
    rng = random.Random(seed)
    pools = load_pools()
    pairs: list[tuple[str, str, int, str]] = list(REAL_WORLD)
    for _ in range(300):
        person = _random_person(rng, pools)
        pairs.append(_pair(rng, person, person, 1, "same_person"))
    for _ in range(25):
        person = _random_person(rng, pools)
        pairs.append(_pair(rng, person, person, 1, "suffix_dropped", drop_suffix="yes"))
    for kk, variant in pools["ru_variants"]:
        sex = "F" if any(kk == k for k, _ in pools["female"]) else "M"
        person = replace(_random_person(rng, pools, sex), given=(kk, _russian(kk)))
        other = replace(person, given=(variant, variant))
        pairs.append(_pair(rng, person, other, 1, "russian_variant"))
    for kk, ru in HELD_OUT_MALE:
        if "-" in kk:
            person = replace(_random_person(rng, pools, "M"), given=(kk, ru))
            for joined in (kk.replace("-", " "), kk.replace("-", "")):
                other = replace(person, given=(joined, ru.replace("-", " ")))
                pairs.append(_pair(rng, person, other, 1, "compound_spacing"))
    pairs.extend(_typos(rng, pools))
    pairs.extend(_abbreviations_and_case_forms(rng, pools))
    pairs.extend(_hard_negatives(rng, pools))
    return pairs


KEYBOARD_ROWS = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")


def misspell(rng: random.Random, word: str) -> str:
    """One typing error: a neighbouring key on ЙЦУКЕН, a dropped, swapped or doubled letter."""
    if len(word) < 4:
        return word
    index = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["adjacent", "adjacent", "drop", "swap", "double"])
    letter = word[index].lower()
    neighbours = [
        row[i + step] for row in KEYBOARD_ROWS for i, key in enumerate(row) if key == letter
        for step in (-1, 1) if 0 <= i + step < len(row)
    ]  # fmt: skip
    if kind == "adjacent" and neighbours:
        return word[:index] + rng.choice(neighbours) + word[index + 1 :]
    if kind == "swap":
        return word[:index] + word[index + 1] + word[index] + word[index + 2 :]
    if kind == "double":
        return word[:index] + word[index] + word[index:]
    return word[:index] + word[index + 1 :]


def _typos(rng: random.Random, pools: dict) -> list[tuple[str, str, int, str]]:
    pairs = []
    for _ in range(40):
        person = _random_person(rng, pools)
        role = rng.choice(["surname", "given"])
        kk, ru = getattr(person, role)
        typo = replace(person, **{role: (misspell(rng, kk), misspell(rng, ru))})
        pairs.append(_pair(rng, person, typo, 1, f"typo_{role}"))
    return pairs


def _abbreviations_and_case_forms(rng: random.Random, pools: dict) -> list[tuple]:
    """ "Ахметов А.С." against the full name; "Оспанова Дастана" (genitive) against the name."""
    pairs = []
    for _ in range(20):
        person = _random_person(rng, pools, "M")
        full = render(person, "russian_cyrillic", "russian", "surname_first", False)
        initials = f"{person.surname[1]} {person.given[1][0]}.{person.father[1][0]}."
        pairs.append((initials, full, 1, "initials"))
        other = _random_person(rng, pools, "M")
        if other.given[1][0] != person.given[1][0]:
            initials = f"{person.surname[1]} {other.given[1][0]}.{person.father[1][0]}."
            pairs.append((initials, full, 0, "initials_other"))
    for _ in range(20):
        person = _random_person(rng, pools, "M")
        surname, given = person.surname[1], person.given[1]
        if surname.endswith(("ов", "ев", "ин")) and given[-1] not in "аеиоуыэюяйь":
            system, patronymic, order = _random_style(rng)
            other = render(person, system, patronymic, order, False)
            pairs.append((f"{surname}а {given}а", other, 1, f"genitive_case:{system}"))
    return pairs


def _hard_negatives(rng: random.Random, pools: dict) -> list[tuple[str, str, int, str]]:
    pairs = []
    for _ in range(45):
        person = _random_person(rng, pools)
        sibling = _random_person(rng, pools)
        sibling = replace(sibling, surname=person.surname, father=person.father)
        if sibling.given != person.given:
            pairs.append(_pair(rng, person, sibling, 0, "sibling", patronymic="russian"))
    for _ in range(30):
        son = _random_person(rng, pools, "M")
        father = replace(_random_person(rng, pools, "M"), given=son.father, surname=son.surname)
        pairs.append(_pair(rng, son, father, 0, "father_son", patronymic="russian"))
    for _ in range(25):
        son = _random_person(rng, pools, "M")
        swapped = replace(son, given=son.father, father=son.given)
        if swapped.given != son.given:
            pairs.append(_pair(rng, son, swapped, 0, "role_swap", patronymic="kazakh_fused"))
    for first, second in CLOSE_GIVEN_NAMES:
        for _ in range(3):
            person = _random_person(rng, pools, "M")
            a = replace(person, given=(first, _russian(first)))
            b = replace(person, given=(second, _russian(second)))
            pairs.append(_pair(rng, a, b, 0, "close_given", patronymic="none"))
    for _ in range(35):
        surname = rng.choice(pools["top_surname"])
        a, b = _random_person(rng, pools, "M"), _random_person(rng, pools, "M")
        if a.given != b.given:
            a, b = replace(a, surname=surname), replace(b, surname=surname)
            pairs.append(_pair(rng, a, b, 0, "common_surname", patronymic="none"))
    # Close surnames, but not a surname and its suffix-less form (one name under the 1996 decree).
    close_surnames = [
        (x, y) for i, x in enumerate(pools["surname_any"]) for y in pools["surname_any"][i + 1 :]
        if Levenshtein.distance(x[1], y[1]) <= 2 and x[1] != y[1]
        and x[1].removesuffix("ов").removesuffix("ев") != y[1].removesuffix("ов").removesuffix("ев")
    ]  # fmt: skip
    for x, y in rng.sample(close_surnames, min(30, len(close_surnames))):
        person = _random_person(rng, pools)
        pairs.append(
            _pair(rng, replace(person, surname=x), replace(person, surname=y), 0, "close_surname")
        )
    for given in pools["unisex"]:
        for _ in range(6):
            brother = replace(_random_person(rng, pools, "M"), given=given)
            sister = replace(brother, sex="F")
            pairs.append(_pair(rng, brother, sister, 0, "unisex_sibling", patronymic="russian"))
    return pairs


def _russian(kazakh: str) -> str:
    """Russian document spelling by the official letter fold (research/names.md §2)."""
    return kazakh.translate(str.maketrans("әғқңөұүһі", "агкноуухи"))


def write(path: Path = OUTPUT) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name_a", "name_b", "match", "rule"])
        writer.writerows(build_pairs())


if __name__ == "__main__":
    write()
