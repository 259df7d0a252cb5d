"""Find published casualty figures in English, Russian and Kazakh news text.

The rules, sentence by sentence:

1. A number is a casualty figure only if it counts people and a word for what is counted
   (killed, injured, detained, missing) is bound to it: next to it, or separated only by words
   that are not another number, a clause break or a conjunction. Numbers that measure
   something else (days, languages, countries, ages, money, percentages, dates, years, phone
   numbers, ordinals, article numbers) are never figures, nor are counts of people with no such
   word ("20,000 terrorists attacked").
2. A number introduced by "including", "из них", "оның ішінде" … is a subgroup of the figure
   before it, never a claim of its own.
3. The qualifier is read from the words bound to the number ("at least", "более", "-ден
   астам"); a range ("200-300") is recorded as at least its lower end, the conservative reading
   ACLED codes.
4. The claimant is the party the sentence attributes the figure to (see ``attribution``); a
   sentence that attributes it to "it" or "он" inherits the previous sentence's claimant.
5. The scope is what the sentence bounds the figure to: a group named with the number
   ("19 police officers were killed"), places, and the January 2022 events.

The output errs towards missing a figure rather than inventing one: a false figure in a claims
ledger is worse than a gap a person fills by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from undercount.claims import lexicon as lx
from undercount.claims.attribution import find_attributions, nearest_claimant
from undercount.claims.claimants import Mention, reports
from undercount.claims.ledger import Claim
from undercount.claims.numbers import compose, digits_value, multiplier, word_value
from undercount.claims.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class ExtractedClaim:
    """A figure found in text, shaped like a ledger claim but without date or URL."""

    claimant: str | None
    claimant_kind: str | None
    figure: int
    qualifier: str
    counted: str
    subgroups: dict[str, int]
    scope: str | None
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {
            "claimant": self.claimant,
            "claimant_kind": self.claimant_kind,
            "figure": self.figure,
            "qualifier": self.qualifier,
            "counted": self.counted,
            "subgroups": dict(self.subgroups),
            "scope": self.scope,
            "quote": self.quote,
        }

    def to_claim(self, published_on: date, *, url: str | None = None) -> Claim:
        """A ledger claim; only for figures whose claimant the text names."""
        if self.claimant is None or self.claimant_kind is None:
            raise ValueError("a figure without a named claimant cannot enter the ledger")
        return Claim(
            claimant=self.claimant,
            claimant_kind=self.claimant_kind,
            published_on=published_on,
            figure=self.figure,
            qualifier=self.qualifier,
            counted=self.counted,
            scope=self.scope,
            subgroups=self.subgroups,
            quote=self.quote,
            url=url,
        )


def extract_claims(text: str) -> list[ExtractedClaim]:
    """Every casualty figure in ``text``, in the order the text gives them."""
    found: list[ExtractedClaim] = []
    previous: Mention | None = None
    for sentence in split_sentences(text):
        claims, attributed = _sentence_claims(sentence, previous)
        found += claims
        previous = attributed or previous
    return found


@dataclass
class _Figure:
    """A number in a sentence and what the rules have decided about it."""

    first: int
    last: int
    value: int
    qualifier: str | None = None
    counted: str | None = None
    parent: _Figure | None = None  # set for a subgroup
    subgroups: dict[str, int] = field(default_factory=dict)
    label: str | None = None


def _sentence_claims(
    text: str, previous: Mention | None
) -> tuple[list[ExtractedClaim], Mention | None]:
    sentence = Sentence.parse(text)
    figures = [f for f in _numbers(sentence) if _counts_people(sentence, f)]
    figures = _merge_ranges(sentence, figures)
    _mark_subgroups(sentence, figures)
    parents = [f for f in figures if f.parent is None]
    for figure in parents:
        figure.counted = _counted(sentence, figure, figures)
    _carry_counted_to_totals(sentence, parents)
    _share_counted_in_lists(sentence, parents)
    counted = [(f, f.counted) for f in parents if f.counted is not None]
    attributions = find_attributions(sentence, previous)
    if not counted:
        named = [a.mention for a in attributions if a.cued and a.mention is not None]
        return [], named[0] if named else None
    scopes = _scopes(sentence, [f for f, _ in counted])
    claims = []
    used: Mention | None = None
    for (figure, what), places in zip(counted, scopes, strict=True):
        claimant = nearest_claimant(attributions, figure.first, figure.last, sentence.words)
        used = used or claimant
        scope = [s for s in (figure.label, *places) if s]
        claims.append(
            ExtractedClaim(
                claimant=claimant.name if claimant else None,
                claimant_kind=claimant.kind if claimant else None,
                figure=figure.value,
                qualifier=figure.qualifier or _qualifier(sentence, figure),
                counted=what,
                subgroups=figure.subgroups,
                scope="; ".join(dict.fromkeys(scope)) or None,
                quote=text,
            )
        )
    return claims, used


def _numbers(sentence: Sentence) -> list[_Figure]:
    """Every number in the sentence, written in digits or in words, with its token span."""
    tokens, words, language = sentence.tokens, sentence.words, sentence.language
    figures: list[_Figure] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "number":
            value, whole = digits_value(token)
            last = i
            factor = multiplier(words[i + 1]) if i + 1 < len(tokens) else None
            if value is not None and factor:
                value, whole, last = value * factor, True, i + 1
            if value is not None and whole and value == int(value):
                figures.append(_Figure(i, last, int(value)))
            i = last + 1
            continue
        run, values = _word_run(words, i, language)
        if run:
            numbers = compose(values, hundred_multiplies=language != "ru")
            if len(numbers) == 1:
                figures.append(_Figure(i, i + run - 1, numbers[0]))
            i += run
            continue
        i += 1
    return figures


def _word_run(words: list[str], start: int, language: str) -> tuple[int, list[int]]:
    """How many tokens from ``start`` spell one number, and the values of its words."""
    values: list[int] = []
    end = start
    while end < len(words):
        word = words[end]
        parts = [word_value(p, language) for p in word.split("-")]
        if all(p is not None for p in parts) and parts:
            values += [p for p in parts if p is not None]
        elif values and multiplier(word):
            values.append(multiplier(word) or 0)
        elif values and word == "and" and end + 1 < len(words):
            if word_value(words[end + 1].split("-")[0], language) is None:
                break
        else:
            break
        end += 1
    return end - start, values


def _counts_people(sentence: Sentence, figure: _Figure) -> bool:
    """False for numbers that measure or label something other than people."""
    tokens, words = sentence.tokens, sentence.words
    first, last = tokens[figure.first], tokens[figure.last]
    if lx.matches(lx.ORDINAL_SUFFIX, first.suffix) or lx.matches(lx.UNIT_SUFFIX, first.suffix):
        return False
    before = words[figure.first - 1] if figure.first else ""
    if before == "." and figure.first > 1:  # "No. 2", "ст. 272"
        before = words[figure.first - 2]
    if _names_a_thing(sentence, figure):
        return False
    if before in lx.MONEY_SIGNS or before in {"№", "#"} or lx.matches(lx.LABEL_BEFORE, before):
        return False
    after = words[figure.last + 1 : figure.last + 4]
    if after[:1] and after[0] in {"%", "‰"} | lx.MONEY_SIGNS:
        return False
    month_after = after[1:2] if after[:1] == ["of"] else after[:1]
    if figure.value <= 31 and any(lx.matches(lx.MONTHS, w) for w in [before, *month_after]):
        return False
    if first.kind == "number" and 1900 <= figure.value <= 2100 and first.text.isdigit():
        # "in 2022," "since 1991." — a year, unless it is bound to people or a count word.
        ends_clause = not after or not after[0][:1].isalnum()
        if before in _YEAR_BEFORE or (ends_clause and not first.suffix):
            return False
    if lx.matches(lx.UNITS, last.suffix):  # a unit joined to the number: "10-тәулік"
        return False
    for word in after[:2]:
        if _names_people(word) or _counted_word(word) or word in lx.QUALIFIERS_AFTER:
            return True
        if lx.matches(lx.UNITS, word):
            return False
    return True


def _names_a_thing(sentence: Sentence, figure: _Figure) -> bool:
    """True for a number that is part of a name ("Khabar 24 reported", "Article 272 of").

    Only in English and Russian: Kazakh puts a capitalised subject right before its figure
    ("Тоқаев 10 мың адам …").
    """
    if sentence.language == "kk" or figure.first < 2:
        return False
    name = sentence.tokens[figure.first - 1]
    if name.kind != "word" or not name.text[:1].isupper() or name.text.isupper():
        return False
    following = sentence.words[figure.last + 1] if figure.last + 1 < len(sentence.words) else ""
    binds = (
        _names_people(following)
        or _counted_word(following)
        or following in _AUXILIARIES
        or multiplier(following) is not None
    )
    return not binds and not lx.matches(lx.MONTHS, name.lower)


_YEAR_BEFORE = {"in", "since", "of", "by", "until", "from", "в", "с", "до", "к", "по", "за"}


def _names_people(word: str) -> bool:
    return lx.matches(lx.PEOPLE, word) or _group(word) is not None


def _group(word: str) -> str | None:
    for label, pattern in lx.GROUP_WORDS.items():
        if lx.matches(pattern, word):
            return label
    return None


def _counted_word(word: str) -> str | None:
    for counted, pattern in lx.COUNTED_WORDS.items():
        if lx.matches(pattern, word):
            return counted
    return None


_RANGE_WORDS = {"-", "–", "—", "to", "and", "до", "по"}
_FROM_ENDINGS = re.compile(r"ден|дан|тен|тан|нен|нан")


def _merge_ranges(sentence: Sentence, figures: list[_Figure]) -> list[_Figure]:
    """Make a range ("200-300", "between 200 and 300", "от 200 до 300") one figure: at least 200.

    "rose from 225 to 227" is not a range but a change: only the new figure stays.
    """
    words, tokens = sentence.words, sentence.tokens
    kept: list[_Figure] = []
    skip: set[int] = set()
    for index, low in enumerate(figures):
        if index in skip:
            continue
        high = figures[index + 1] if index + 1 < len(figures) else None
        joined = high is not None and (
            (high.first == low.last + 2 and words[low.last + 1] in _RANGE_WORDS)
            or (
                high.first == low.last + 1
                and bool(_FROM_ENDINGS.fullmatch(tokens[low.last].suffix))
            )
        )
        if high is None or not joined or high.value <= low.value:
            kept.append(low)
            continue
        skip.add(index + 1)
        window = words[max(0, low.first - 6) : low.first]
        if any(lx.matches(lx.CHANGE_VERBS, w) for w in window):
            high.qualifier, high.first = "exactly", low.first
            kept.append(high)
        else:
            low.qualifier, low.last = "at-least", high.last
            kept.append(low)
    return kept


def _mark_subgroups(sentence: Sentence, figures: list[_Figure]) -> None:
    """Attach each part of a figure ("including 19 officers") to it, labelled by its group."""
    words = sentence.words
    for part, whole in pairwise(figures):
        # "149 of the 232 dead", "149 из 232 погибших": the part comes first.
        link = words[part.last + 1 : whole.first]
        if link in (["of", "the"], ["of"], ["из"]) and part.value <= whole.value:
            _attach(sentence, part, whole, _label(sentence, whole.last + 1, limit=8))
    for whole, part in pairwise(figures):
        # "Of the 225 killed, 19 were police": the whole comes first, after "of the".
        opens = words[max(0, whole.first - 2) : whole.first] in (["of", "the"], ["из"])
        if opens and "," in words[whole.last + 1 : part.first] and part.parent is None:
            _attach(sentence, part, whole, _label(sentence, part.last + 1))
    for index, figure in enumerate(figures):
        if figure.parent is not None:
            continue
        after = tuple(words[figure.last + 1 : figure.last + 3])
        if _subgroup_cue(words, figure) is None and after not in lx.SUBGROUP_AFTER:
            continue
        parents = [f for f in figures[:index] if f.parent is None]
        if parents:
            _attach(sentence, figure, parents[-1], _label(sentence, figure.last + 1))
    for figure in figures:
        if figure.parent is None:
            figure.label = _label(sentence, figure.last + 1, limit=3)


def _attach(sentence: Sentence, part: _Figure, whole: _Figure, label: str | None) -> None:
    if part.value <= whole.value and whole.parent is None:
        part.parent = whole
        whole.subgroups.setdefault(label or "unspecified", part.value)


def _subgroup_cue(words: list[str], figure: _Figure) -> int | None:
    """Where the words that make a figure a part begin ("including more than 3,000"), or None."""
    qualifier = lx.phrase_at(words, figure.first, lx.QUALIFIER_PHRASES)
    cue = lx.phrase_at(words, figure.first - qualifier, lx.SUBGROUP_BEFORE)
    return figure.first - qualifier - cue if cue else None


def _label(sentence: Sentence, start: int, limit: int = 6) -> str | None:
    """The group named just after a number: "19 law-enforcement officers" → law-enforcement."""
    for token in sentence.tokens[start : start + limit]:
        if token.text in {"—", "–", "-", '"', "«", "»", "“", "”"}:
            continue
        if token.kind != "word":
            break
        group = _group(token.lower)
        if group is not None:
            return group
    return None


_CLAUSE_OPENERS = {".", "that", "что"}
_AUXILIARIES = {"were", "was", "been", "are", "is", "be", "being", "были", "был", "была", "было"}


def _counted(sentence: Sentence, figure: _Figure, figures: list[_Figure]) -> str | None:
    """The counted word bound to the figure: the cheapest one to reach on either side.

    Each word crossed costs 1, a comma or a conjunction 3; another number, a clause break or a
    subgroup's own words stop the search (a subgroup clause is skipped over as a parenthesis).
    """
    numbers = {i for f in figures for i in range(f.first, f.last + 1)}
    numbers |= {i for i, t in enumerate(sentence.tokens) if t.kind == "number"}
    own = set(range(figure.first, figure.last + 1))
    numbers -= own
    subgroup_spans = _subgroup_spans(sentence, figures, figure) | _asides(sentence)
    best: tuple[int, int, str] | None = None
    for direction in (1, -1):
        cost = 0
        i = (figure.last + 1) if direction == 1 else (figure.first - 1)
        while 0 <= i < len(sentence.tokens) and cost <= 10:
            if i in subgroup_spans:
                i += direction
                continue
            word = sentence.words[i]
            if i in numbers or word in lx.BARRIERS or word in _CLAUSE_OPENERS:
                break
            # A Kazakh clause ends in its verb: a figure never reaches back past a comma.
            if word == "," and direction == -1 and sentence.language == "kk":
                break
            # "…, relatives say 12 are missing": a reporting verb ends the reported clause,
            # unless it is passive ("225 were reported killed").
            passive = sentence.words[i - 1] in _AUXILIARIES if i else False
            if reports(word, sentence.language) and not passive:
                break
            counted = _counted_word(word)
            if counted is not None:
                preference = 0 if (direction == 1) == (sentence.language != "ru") else 1
                if best is None or (cost, preference) < best[:2]:
                    best = (cost, preference, counted)
                break
            cost += 3 if word in {",", "–", ":"} or word in lx.CONJUNCTIONS else 1
            i += direction
    return best[2] if best else None


def _asides(sentence: Sentence) -> set[int]:
    """Tokens of asides such as ", including a four-year-old girl,": a figure reaches its
    counted word across them."""
    words = sentence.words
    spans: set[int] = set()
    for i, word in enumerate(words):
        if word != "," or not _opens_aside(words, i + 1):
            continue
        end = next((j for j in range(i + 1, len(words)) if words[j] == ","), None)
        if end is not None:
            spans |= set(range(i, end + 1))
    return spans


_ASIDE_WORDS = {"including", "включая"}


def _opens_aside(words: list[str], at: int) -> bool:
    if words[at : at + 1] and words[at] in _ASIDE_WORDS:
        return True
    phrases = (p for p in lx.SUBGROUP_BEFORE if len(p) > 1)
    return any(tuple(words[at : at + len(p)]) == p for p in phrases)


def _carry_counted_to_totals(sentence: Sentence, figures: list[_Figure]) -> None:
    """Give a new total the counted word of the figure before it ("two more died, bringing the
    total to 227")."""
    for before, figure in pairwise(figures):
        # Kazakh puts the verb after the total: "бұл сан 227-ге дейін өсті".
        window = sentence.words[max(0, figure.first - 4) : figure.last + 4]
        if figure.counted is None and any(lx.matches(lx.CHANGE_VERBS, w) for w in window):
            figure.counted = before.counted


def _share_counted_in_lists(sentence: Sentence, figures: list[_Figure]) -> None:
    """Give a listed figure the counted word of the next one ("Алматыда 139 адам, Таразда 8 адам
    қаза тапты"): one verb serves a list of figures joined by commas."""
    for figure, following in pairwise(figures):
        between = sentence.words[figure.last + 1 : following.first]
        if figure.counted is None and following.counted and "," in between and len(between) <= 5:
            figure.counted = following.counted


def _subgroup_spans(sentence: Sentence, figures: list[_Figure], parent: _Figure) -> set[int]:
    """Tokens of the subgroup clauses of ``parent``: from the cue to the next comma."""
    spans: set[int] = set()
    for figure in figures:
        if figure.parent is not parent:
            continue
        start = _subgroup_cue(sentence.words, figure) or figure.first
        end = figure.last + 1
        while end < len(sentence.words) and sentence.words[end] not in {",", ")", ";", "."}:
            if _counted_word(sentence.words[end]):
                break
            end += 1
        if end < len(sentence.words) and sentence.words[end] in {",", ")"}:
            end += 1
        spans |= set(range(start - (1 if start and sentence.words[start - 1] in ",(" else 0), end))
    return spans


def _qualifier(sentence: Sentence, figure: _Figure) -> str:
    words = sentence.words
    length = lx.phrase_at(words, figure.first, lx.QUALIFIER_PHRASES)
    if length:
        phrase = tuple(words[figure.first - length : figure.first])
        qualifier = lx.QUALIFIERS_BEFORE[phrase]
        window = words[max(0, figure.first - length - 4) : figure.first - length]
        if phrase == ("до",) and any(lx.matches(lx.CHANGE_VERBS, w) for w in window):
            return "exactly"
        return qualifier
    if words[figure.last + 1 : figure.last + 2] == ["+"]:  # "200+ people"
        return "more-than"
    if figure.first and lx.matches(lx.EXCEED_VERBS, words[figure.first - 1]):
        return "more-than"
    for offset in (1, 2):
        at = figure.last + offset
        if at < len(words) and words[at] in lx.QUALIFIERS_AFTER:
            following = words[at + 1] if at + 1 < len(words) else ""
            if words[at] == "дейін" and lx.matches(lx.CHANGE_VERBS, following):
                return "exactly"
            return lx.QUALIFIERS_AFTER[words[at]]
    return "exactly"


def _places(sentence: Sentence) -> list[tuple[int, str, bool]]:
    """Places and the January events named in the sentence, in the sentence's language.

    Each comes with its token position and whether it is a place (the period is not).
    """
    words, language = sentence.words, sentence.language
    found: list[tuple[int, str, bool]] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        region = lx.REGION_WORDS.fullmatch(following) is not None
        for pattern, names in lx.PLACES:
            if pattern.fullmatch(word):
                name = names[language]
                found.append((i, f"{name} {lx.REGION_NAMES[language]}" if region else name, True))
                break
        if region:
            found += [
                (i, n, True) for pattern, n in lx.REGION_ADJECTIVES if pattern.fullmatch(word)
            ]
        if lx.PERIOD_FIRST.fullmatch(word) and lx.PERIOD_SECOND.fullmatch(following):
            found.append((i, lx.PERIOD_NAMES[language], False))
    return found


def _scopes(sentence: Sentence, figures: list[_Figure]) -> list[list[str]]:
    """The places and period each figure is scoped to.

    One place in a sentence bounds all its figures ("225 killed and 4,353 injured in Almaty").
    With several places and several figures, each place goes to its own figure: "15 died in
    Taldykorgan and 8 in Taraz" — the figure before it in English and Russian, the figure after
    it in Kazakh, which names the place first.
    """
    found = _places(sentence)
    places = [(i, name) for i, name, is_place in found if is_place]
    period = [name for _, name, is_place in found if not is_place]
    if len({name for _, name in places}) < 2 or len(figures) < 2:
        shared = [name for _, name, _ in found]
        return [list(dict.fromkeys(shared)) for _ in figures]
    scopes: list[list[str]] = [[] for _ in figures]
    for position, name in places:
        # Figures in the place's own comma-separated part come first: "в Таразе — 8".
        near = [k for k, f in enumerate(figures) if "," not in _between(sentence, f, position)]
        candidates = near or list(range(len(figures)))
        before = [k for k in candidates if figures[k].last < position]
        after = [k for k in candidates if figures[k].first > position]
        if sentence.language == "kk":
            owner = after[0] if after else before[-1]
        else:
            owner = before[-1] if before else after[0]
        scopes[owner].append(name)
    return [list(dict.fromkeys([*scope, *period])) for scope in scopes]


def _between(sentence: Sentence, figure: _Figure, position: int) -> list[str]:
    if position < figure.first:
        return sentence.words[position + 1 : figure.first]
    return sentence.words[figure.last + 1 : position]
