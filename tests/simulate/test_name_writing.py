"""Name spellings: romanisation systems, keyboard degradation, patronymics, surname forms, typos."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from undercount.simulate.transliteration import SPELLING_BASE, NameSystem, write_name
from undercount.simulate.typos import KEYBOARD_NEIGHBOURS, Typo, misspell
from undercount.simulate.vocabulary import (
    decree_surname,
    feminine_surname,
    kazakh_patronymic,
    load_vocabulary,
    russian_patronymic,
    soviet_spelling,
)

S = NameSystem

WRITTEN = [
    # (description, Cyrillic in the system's base spelling, system, expected)
    ("2021 alphabet: қ→q", "Тоқаев", S.KAZAKH_LATIN_2021, "Toqaev"),
    ("2021 alphabet: ү→ü, і→dotless ı", "Жүсіпов", S.KAZAKH_LATIN_2021, "Jüsıpov"),
    ("2021 alphabet: и→i, і→ı", "Айгерім", S.KAZAKH_LATIN_2021, "Aigerım"),
    ("2021 alphabet: capital И→İ", "Ильина", S.KAZAKH_LATIN_2021, "İlina"),
    ("2021 alphabet: ш→ş, ң→ñ, ғ→ğ", "Шыңғыс", S.KAZAKH_LATIN_2021, "Şyñğys"),
    ("2021 alphabet: ұ→ū", "Нұрсұлтан", S.KAZAKH_LATIN_2021, "Nūrsūltan"),
    ("2018 alphabet: the dot flip, и→ı and і→i", "Айгерім", S.KAZAKH_LATIN_2018, "Aıgerim"),
    ("2018 alphabet: ғ→ǵ, ң→ń", "Шыңғыс", S.KAZAKH_LATIN_2018, "Shyńǵys"),
    ("2018 alphabet: ү→ú", "Жүсіпов", S.KAZAKH_LATIN_2018, "Júsipov"),
    ("informal Latin from Kazakh: RFE/RL-like", "Тоқаев", S.KAZAKH_LATIN_INFORMAL, "Toqaev"),
    ("informal Latin: ғ→gh, ж→zh", "Ғалымжан", S.KAZAKH_LATIN_INFORMAL, "Ghalymzhan"),
    ("ICAO: upper case, я→ia, ю→iu", "Юлия", S.PASSPORT_ICAO, "IULIIA"),
    ("ICAO: ц→ts", "Цой", S.PASSPORT_ICAO, "TSOI"),
    ("MVD 1997: я→ya, ь→'", "Юлия Ильина", S.PASSPORT_MVD_1997, "Yuliya Il'ina"),
    ("MVD 1997: final -ий → -iy", "Юрий", S.PASSPORT_MVD_1997, "Yuriy"),
    ("GOST 2006: ц→tc", "Цой", S.PASSPORT_GOST_2006, "Tcoi"),
    ("GOST 2006: ю→iu, я→ia", "Юлия", S.PASSPORT_GOST_2006, "Iuliia"),
    ("press: -ев after a vowel → -yev", "Токаев", S.ENGLISH_PRESS, "Tokayev"),
    ("press: intervocalic с → ss", "Касым-Жомарт", S.ENGLISH_PRESS, "Kassym-Zhomart"),
    ("press: initial Е → Ye", "Ерлан", S.ENGLISH_PRESS, "Yerlan"),
    ("press: final -ий → -y", "Юрий", S.ENGLISH_PRESS, "Yury"),
    ("press: ь before a vowel disappears", "Ильяс", S.ENGLISH_PRESS, "Ilyas"),
    ("press: -ей → -ei", "Сергей", S.ENGLISH_PRESS, "Sergei"),
    ("Russian keyboard: ғ→г, ы kept", "Сағынтаев", S.KAZAKH_ON_RUSSIAN_KEYBOARD, "Сагынтаев"),
    ("Russian keyboard: ү→у, і→и", "Жүсіпов", S.KAZAKH_ON_RUSSIAN_KEYBOARD, "Жусипов"),
    ("Russian keyboard: ә→а, ө→о", "Әлі Өтеген", S.KAZAKH_ON_RUSSIAN_KEYBOARD, "Али Отеген"),
    ("Kazakh Cyrillic is kept as it is", "Жүсіпов", S.KAZAKH_CYRILLIC, "Жүсіпов"),
    ("Russian Cyrillic is kept as it is", "Юсупов", S.RUSSIAN_CYRILLIC, "Юсупов"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cyrillic", "system", "expected"),
    [case[1:] for case in WRITTEN],
    ids=[case[0] for case in WRITTEN],
)
def test_a_system_writes_a_name_as_its_table_says(
    cyrillic: str, system: NameSystem, expected: str
) -> None:
    assert write_name(cyrillic, system) == expected


def test_the_latin_i_homoglyph_is_the_ascii_letter_inside_a_cyrillic_word() -> None:
    written = write_name("Айгерім", S.KAZAKH_CYRILLIC_LATIN_I)
    assert written == "Айгер" + "\u0069" + "м"
    assert "\u0456" not in written


KAZAKH_WORDS = st.text(alphabet="аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя", min_size=1)
LATIN_SYSTEMS = [s for s in NameSystem if s.endswith(("2021", "2018", "informal"))]
LATIN_SYSTEMS += [S.PASSPORT_ICAO, S.PASSPORT_MVD_1997, S.PASSPORT_GOST_2006, S.ENGLISH_PRESS]


@pytest.mark.parametrize("system", LATIN_SYSTEMS)
@given(word=KAZAKH_WORDS)
def test_latin_systems_leave_no_cyrillic_letter(system: NameSystem, word: str) -> None:
    assert not re.search("[\u0400-\u04ff]", write_name(word.capitalize(), system))


@given(word=KAZAKH_WORDS)
def test_the_russian_keyboard_leaves_only_letters_windows_1251_can_encode(word: str) -> None:
    write_name(word, S.KAZAKH_ON_RUSSIAN_KEYBOARD).encode("cp1251")


def test_every_system_starts_from_the_kazakh_or_the_russian_spelling() -> None:
    assert set(SPELLING_BASE) == set(NameSystem)
    assert set(SPELLING_BASE.values()) == {"kk", "ru"}


SURNAMES = [
    ("Russian-type -ов takes -ова", "Ахметов", "Ахметова"),
    ("Russian-type -ев takes -ева", "Сүлейменов", "Сүлейменова"),
    ("-ин takes -ина", "Ғабдуллин", "Ғабдуллина"),
    ("Korean surnames do not change", "Ким", "Ким"),
    ("suffix-less Kazakh surnames do not change", "Серікбай", "Серікбай"),
    ("decree-style surnames without -ов do not change", "Бөкейхан", "Бөкейхан"),
    ("Ukrainian -енко does not change", "Бондаренко", "Бондаренко"),
]


@pytest.mark.parametrize(
    ("masculine", "feminine"), [c[1:] for c in SURNAMES], ids=[c[0] for c in SURNAMES]
)
def test_feminine_surname(masculine: str, feminine: str) -> None:
    assert feminine_surname(masculine) == feminine


DECREE_SURNAMES = [
    ("-ов is dropped", "Ахметов", "Ахмет"),
    ("-ев after a consonant-final name is dropped", "Әлиев", "Әли"),
    ("-баев goes back to a -бай name", "Жұмабаев", "Жұмабай"),
    ("-таев goes back to a -тай name", "Сағынтаев", "Сағынтай"),
    ("the Russian spelling too", "Ибраев", "Ибрай"),
    ("-ин is not a suffix the decree drops here", "Мусин", "Мусин"),
    ("a suffix-less surname stays", "Серікбай", "Серікбай"),
]


@pytest.mark.parametrize(
    ("surname", "expected"), [c[1:] for c in DECREE_SURNAMES], ids=[c[0] for c in DECREE_SURNAMES]
)
def test_decree_surname(surname: str, expected: str) -> None:
    assert decree_surname(surname) == expected


def test_soviet_spelling_writes_dzh_for_initial_zh() -> None:
    assert soviet_spelling("Жанбулатов") == "Джанбулатов"
    assert soviet_spelling("Ахметов") == "Ахметов"


PATRONYMICS = [
    ("hard consonant: -ович", "Серик", False, "Серикович"),
    ("hard consonant, daughter: -овна", "Серик", True, "Сериковна"),
    ("-й: -евич", "Сергей", False, "Сергеевич"),
    ("-ай: -аевич", "Николай", False, "Николаевич"),
    ("-ь: -евич", "Игорь", False, "Игоревич"),
    ("-ий: -ьевич", "Юрий", False, "Юрьевич"),
    ("-ий, daughter: -ьевна", "Геннадий", True, "Геннадьевна"),
    ("Дмитрий is the exception: -иевич", "Дмитрий", False, "Дмитриевич"),
    ("Илья gives Ильич", "Илья", False, "Ильич"),
    ("Павел drops its е", "Павел", True, "Павловна"),
    ("final vowel: -евич", "Али", False, "Алиевич"),
    ("a Kazakh name in -а: -аевич", "Муса", False, "Мусаевич"),
    ("... and -аевна", "Жума", True, "Жумаевна"),
]


@pytest.mark.parametrize(
    ("father", "female", "expected"),
    [c[1:] for c in PATRONYMICS],
    ids=[c[0] for c in PATRONYMICS],
)
def test_russian_patronymic(father: str, female: bool, expected: str) -> None:
    assert russian_patronymic(father, female=female) == expected


KAZAKH_PATRONYMICS = [
    ("son, solid as the 1996 decree writes it", "Серік", False, "kk", "", "Серікұлы"),
    ("daughter, solid", "Болат", True, "kk", "", "Болатқызы"),
    ("son, written apart", "Серік", False, "kk", " ", "Серік ұлы"),
    ("daughter, hyphenated", "Болат", True, "kk", "-", "Болат-қызы"),
    ("in Russian text, without Kazakh letters", "Серик", False, "ru", "", "Серикулы"),
    ("daughter in Russian text", "Болат", True, "ru", "", "Болаткызы"),
]


@pytest.mark.parametrize(
    ("father", "female", "spelling", "joiner", "expected"),
    [c[1:] for c in KAZAKH_PATRONYMICS],
    ids=[c[0] for c in KAZAKH_PATRONYMICS],
)
def test_kazakh_patronymic(
    father: str, female: bool, spelling: str, joiner: str, expected: str
) -> None:
    assert kazakh_patronymic(father, female=female, spelling=spelling, joiner=joiner) == expected


def test_newborn_names_are_rare_for_adults_and_common_for_children() -> None:
    males = {g.kk: g for g in load_vocabulary().given if not g.female and not g.slavic}
    newborn, usual = males["Алдияр"], males["Ерлан"]
    assert newborn.adult_weight < usual.adult_weight / 5
    assert newborn.child_weight > usual.child_weight


TYPOS = [
    ("an adjacent key replaces one letter", "Ахметов", Typo.ADJACENT_KEY, 0.5, 0.0),
    ("a letter is dropped", "Ахметов", Typo.DROPPED, 0.5, 0.0),
    ("two letters are swapped", "Ахметов", Typo.SWAPPED, 0.5, 0.0),
    ("a letter is doubled", "Ахметов", Typo.DOUBLED, 0.5, 0.0),
    ("a Latin adjacent key", "Akhmetov", Typo.ADJACENT_KEY, 0.5, 0.99),
]


@pytest.mark.parametrize(
    ("word", "typo", "where", "which"), [c[1:] for c in TYPOS], ids=[c[0] for c in TYPOS]
)
def test_a_typo_changes_the_word_as_its_kind_says(
    word: str, typo: Typo, where: float, which: float
) -> None:
    typed = misspell(word, typo, where, which)
    assert typed != word
    if typo is Typo.ADJACENT_KEY:
        (position,) = [i for i, (a, b) in enumerate(zip(word, typed, strict=True)) if a != b]
        assert typed[position].lower() in KEYBOARD_NEIGHBOURS[word[position].lower()]
    elif typo is Typo.DROPPED:
        assert len(typed) == len(word) - 1
    elif typo is Typo.SWAPPED:
        assert sorted(typed) == sorted(word)
    else:
        assert len(typed) == len(word) + 1


def test_a_kazakh_letter_has_no_neighbour_so_its_substitution_drops_it() -> None:
    assert misspell("Әлқожа", Typo.ADJACENT_KEY, 0.2, 0.5) == "Әложа"


@given(
    word=st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъыьэюяәқңAbcdefgxyz", min_size=0),
    typo=st.sampled_from(list(Typo)),
    where=st.floats(0, 1, exclude_max=True),
    which=st.floats(0, 1, exclude_max=True),
)
def test_a_typo_keeps_the_initial_and_changes_length_by_at_most_one(
    word: str, typo: Typo, where: float, which: float
) -> None:
    typed = misspell(word, typo, where, which)
    if len(word) < 3:
        assert typed == word
    else:
        assert typed[0] == word[0]
        assert abs(len(typed) - len(word)) <= 1
