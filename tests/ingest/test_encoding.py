"""Every encoding a list from Kazakhstan arrives in is recognised without being told."""

from __future__ import annotations

import codecs

import pytest

from undercount.ingest.encoding import detect_encoding, looks_binary

RUSSIAN_LIST = (
    "Номер;ФИО;Дата смерти;Возраст;Пол;Место\n"
    "1;Сагинтаев Ержан Болатович;06.01.2022;34;м;г. Алматы\n"
    "2;Ахметова Динара Серикбаевна;7 января 2022;около 30;ж;Талдыкорган\n"
    "3;ИВАНОВ СЕРГЕЙ ПЕТРОВИЧ;07.01.2022;45;м;Шымкент\n"
)
KAZAKH_LIST = (
    "Нөмірі,Аты-жөні,Қайтыс болған күні,Жасы,Жынысы,Жері\n"
    "1,Сағынтаев Ержан Болатұлы,6 қаңтар 2022,34,ер,Алматы\n"
    "2,Жүсіпова Әсел Серікқызы,7 қаңтар 2022,28,әйел,Талдықорған\n"
)
LATIN_LIST = "id,full name,date of death,age\n1,Yerzhan Sagintayev,2022-01-06,34\n"


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")  # with a BOM, little-endian here
    return text.encode(encoding)


CASES = [
    ("UTF-8, Russian", RUSSIAN_LIST, "utf-8", "utf-8"),
    ("UTF-8, Kazakh", KAZAKH_LIST, "utf-8", "utf-8"),
    ("UTF-8 with BOM", KAZAKH_LIST, "utf-8-sig", "utf-8-sig"),
    ("UTF-16 with BOM", KAZAKH_LIST, "utf-16", "utf-16"),
    ("UTF-16 LE without BOM", RUSSIAN_LIST, "utf-16-le", "utf-16-le"),
    ("UTF-16 BE without BOM", RUSSIAN_LIST, "utf-16-be", "utf-16-be"),
    ("UTF-16 LE without BOM, Latin", LATIN_LIST, "utf-16-le", "utf-16-le"),
    ("Windows-1251", RUSSIAN_LIST, "cp1251", "cp1251"),
    ("Windows-1251, all capitals", RUSSIAN_LIST.upper(), "cp1251", "cp1251"),
    ("KOI8-R", RUSSIAN_LIST, "koi8_r", "koi8_r"),
    ("KOI8-R, all capitals", RUSSIAN_LIST.upper(), "koi8_r", "koi8_r"),
    ("KZ-1048 (Kazakh Windows)", KAZAKH_LIST, "kz1048", "kz1048"),
    ("plain ASCII", LATIN_LIST, "ascii", "utf-8"),
]


@pytest.mark.parametrize(
    ("description", "text", "written_as", "detected"), CASES, ids=[c[0] for c in CASES]
)
def test_detects_encoding(description: str, text: str, written_as: str, detected: str) -> None:
    data = encode(text, written_as)
    found = detect_encoding(data)
    assert found == detected
    assert data.decode(found).lstrip("\ufeff") == text


def test_utf8_cut_mid_character_at_the_end_of_the_sample_is_still_utf8() -> None:
    data = RUSSIAN_LIST.encode("utf-8")
    assert detect_encoding(data[:-1] if data[-1] < 0x80 else data[:-2]) == "utf-8"
    assert detect_encoding("Тоқаев".encode()[:-1]) == "utf-8"


@pytest.mark.parametrize(
    ("description", "data", "binary"),
    [
        ("PNG header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", True),
        ("random bytes", bytes(range(256)) * 4, True),
        ("CSV", RUSSIAN_LIST.encode("utf-8"), False),
        ("UTF-16 text has NULs but is text", LATIN_LIST.encode("utf-16-le"), False),
    ],
)
def test_recognises_binary_files(description: str, data: bytes, binary: bool) -> None:
    assert looks_binary(data, detect_encoding(data)) is binary
