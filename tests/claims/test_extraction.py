"""Extraction of casualty figures from news text, judged on hand-written snippets and properties.

``snippets.json`` holds realistic sentences in English, Russian and Kazakh (about a third each),
each with the exact claims it must yield; about a third are negatives whose numbers are not
casualty figures (alleged attackers, ages, dates, days, languages, prices, phone numbers…).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from undercount.claims import extract_claims, split_sentences
from undercount.claims.sentences import detect_language


def _words(text: str) -> list[str]:
    """A word list written as one string, for tables of words."""
    return text.split()


SNIPPETS = json.loads((Path(__file__).parent / "snippets.json").read_text(encoding="utf-8"))


def without_quote(text: str) -> list[dict]:
    return [{k: v for k, v in c.to_json().items() if k != "quote"} for c in extract_claims(text)]


@pytest.mark.parametrize(
    "snippet", SNIPPETS, ids=[f"{s['language']}: {s['description']}" for s in SNIPPETS]
)
def test_snippet(snippet: dict) -> None:
    assert without_quote(snippet["text"]) == snippet["expected"]


def test_snippets_cover_three_languages_and_negatives() -> None:
    languages = Counter(s["language"] for s in SNIPPETS)
    assert len(SNIPPETS) >= 40
    assert all(count >= len(SNIPPETS) // 4 for count in languages.values()), languages
    assert all(detect_language(s["text"]) == s["language"] for s in SNIPPETS)
    negatives = [s for s in SNIPPETS if not s["expected"]]
    assert len(negatives) >= 12


def test_output_shape_and_quote() -> None:
    text = (
        "Protests began on 2 January. The Health Ministry said 164 people had been killed. "
        "Officials gave no breakdown."
    )
    [claim] = extract_claims(text)
    row = claim.to_json()
    assert list(row) == _words(
        "claimant claimant_kind figure qualifier counted subgroups scope quote"
    )
    assert row["quote"] == "The Health Ministry said 164 people had been killed."
    assert json.loads(json.dumps(row)) == row


def test_pronoun_inherits_the_previous_claimant() -> None:
    text = (
        "The Prosecutor General's Office published new figures on Monday. "
        "It said 238 people had died, among them 19 law-enforcement officers."
    )
    [claim] = extract_claims(text)
    assert (claim.claimant, claim.figure, claim.subgroups) == (
        "Prosecutor General's Office",
        238,
        {"law-enforcement": 19},
    )


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("Between 200 and 300 people were killed, activists said.", 200, "at-least"),
        ("От 200 до 300 человек погибли, по словам активистов.", 200, "at-least"),
        ("The toll rose from 225 to 227, the ministry said.", 227, "exactly"),
        ("Число погибших выросло с 225 до 227.", 227, "exactly"),
    ],
    ids=["between-and", "от-до", "rose from-to", "выросло с-до"],
)
def test_ranges_and_changes(text: str, figure: int, qualifier: str) -> None:
    [claim] = extract_claims(text)
    assert (claim.figure, claim.qualifier) == (figure, qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Mr. Tokayev spoke. Then he left.", ["Mr. Tokayev spoke.", "Then he left."]),
        ("Погибли 4,5 тыс. человек. Так сообщили.", ["Погибли 4,5 тыс. человек.", "Так сообщили."]),
        ("К. Токаев выступил. Все слушали.", ["К. Токаев выступил.", "Все слушали."]),
        ("Headline without a stop\nBody text.", ["Headline without a stop", "Body text."]),
        ('"225 died." The ministry said so.', ['"225 died."', "The ministry said so."]),
    ],
    ids=["stops", "title", "тыс.", "initial", "lines", "quote"],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


_EN_ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_EN_TENS = _words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
_RU_ONES = _words(
    "_ один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
    "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать"
)
_RU_TENS = "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто"
_RU_HUNDREDS = "_ сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот"
_KK_ONES = _words("_ бір екі үш төрт бес алты жеті сегіз тоғыз")
_KK_TENS = _words("_ он жиырма отыз қырық елу алпыс жетпіс сексен тоқсан")


def english(n: int) -> str:
    """Independent spelling of 1..999 in English, for checking the parser."""
    hundreds, rest = divmod(n, 100)
    words = [f"{_EN_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_EN_ONES[rest])
    return " and ".join(words) if len(words) == 2 else words[0]


def russian(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [_RU_HUNDREDS.split()[hundreds]] if hundreds else []
    if rest >= 20:
        words.append(_RU_TENS.split()[rest // 10])
        rest %= 10
    if rest:
        words.append(_RU_ONES[rest])
    return " ".join(words)


def kazakh(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words += ([_KK_ONES[hundreds]] if hundreds > 1 else []) + ["жүз"]
    if rest >= 10:
        words.append(_KK_TENS[rest // 10])
    if rest % 10:
        words.append(_KK_ONES[rest % 10])
    return " ".join(words)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["en", "ru", "kk"]))
def test_number_words_in_three_languages(n: int, language: str) -> None:
    sentence = {
        "en": f"Officials said {english(n)} people were killed.",
        "ru": f"По данным МВД, погибли {russian(n)} человек.",
        "kk": f"ІІМ мәліметінше, {kazakh(n)} адам қаза тапты.",
    }[language]
    assert [c.figure for c in extract_claims(sentence)] == [n], sentence


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=9_999_999),
    st.sampled_from(["{:,}", "{:_}", "{:d}"]),
    st.sampled_from(["en", "ru", "kk"]),
)
def test_digits_in_every_grouping(n: int, style: str, language: str) -> None:
    written = style.format(n).replace("_", "\u00a0")
    sentence = {
        "en": f"The ministry said {written} people were detained.",
        "ru": f"МВД сообщило, что задержаны {written} человек.",
        "kk": f"ІІМ мәліметінше, {written} адам ұсталды.",
    }[language]
    [claim] = extract_claims(sentence)
    assert (claim.figure, claim.counted) == (n, "detained")


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=2, max_value=500),
    st.sampled_from(
        [
            "The unrest lasted {n} days and people were killed.",
            "Troops from {n} countries arrived after people were killed.",
            "The report on the killings was published in {n} languages.",
            "Families of the dead received {n} thousand tenge each.",
            "Police detained a man aged {n} years.",
            "Убитые горем семьи ждали {n} дней.",
            "Задержанных держали {n} суток.",
            "Қаза тапқандардың туыстары {n} күн күтті.",
            "Ұсталғандар {n} тәулік қамауда отырды.",
            "About {n}% of the detained were released.",
        ]
    ),
)
def test_measures_are_never_figures(n: int, template: str) -> None:
    assert extract_claims(template.format(n=n)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_extracts_without_error(text: str) -> None:
    for claim in extract_claims(text):
        assert claim.figure >= 0 and claim.quote in text


def test_docs_state_the_vocabulary_and_the_test_set_as_the_code_has_them() -> None:
    from undercount.claims import CLAIMANT_KINDS, COUNTED, QUALIFIERS
    from undercount.claims.lexicon import GROUP_WORDS

    docs = (Path(__file__).parents[2] / "docs" / "claims.md").read_text(encoding="utf-8")
    for word in (*CLAIMANT_KINDS, *COUNTED, *QUALIFIERS, *GROUP_WORDS):
        assert f"`{word}`" in docs, word
    assert f"**Tested on** {len(SNIPPETS)} hand-written snippets" in docs


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("225 people were killed.", "en"),
        ("Погибли 225 человек.", "ru"),
        ("225 адам қаза тапты.", "kk"),
        ("Жиырма бес адам мерт болды.", "kk"),  # Kazakh with no letter Russian lacks
        ("По данным Human Rights Watch, погибли 10 человек.", "ru"),
    ],
    ids=["english", "russian", "kazakh letters", "kazakh words", "russian with latin name"],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


_FRAGMENTS = (
    "225 | 2,000 | 1 000 | тыс | мың | погибли | killed | қаза | тапты | including | из них | "
    "оның ішінде | said | сообщил | деп | хабарлады | more than | около | астам | -тен | жуық | "
    "по данным | according to | МВД | HRW | адам | человек | people | January | января | қаңтар | "
    "жыл | года | rose to | выросло до"
)
_SOUP = st.sampled_from([*'0123456789,.-–—:;"«»()+%№\n', *map(str.strip, _FRAGMENTS.split("|"))])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SOUP, max_size=40).map(" ".join))
def test_word_soup_keeps_the_invariants(text: str) -> None:
    """Mixed fragments of the three languages: no error, and every claim is well formed."""
    for claim in extract_claims(text):
        assert claim.quote in text and claim.figure >= 0
        assert all(0 <= part <= claim.figure for part in claim.subgroups.values())
        assert claim.counted in ("killed", "injured", "detained", "missing")
        assert (claim.claimant is None) == (claim.claimant_kind is None)
