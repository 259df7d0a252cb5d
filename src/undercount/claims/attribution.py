"""Which claimant a sentence attributes each figure to.

Every cue ("said", "по данным", "мәліметінше") names a claimant on one side of it; institutions
that need no cue (a ministry, Human Rights Watch, the UN) attribute by being there. A figure
takes the nearest attribution, cued ones first: "the ministry said 225 died, while HRW counted
at least 10" gives each figure its own claimant.
"""

from __future__ import annotations

from dataclasses import dataclass

from undercount.claims.claimants import (
    ADVERBS,
    CUES,
    PRONOUNS,
    ROLES,
    Mention,
    find_institutions,
    kind_of,
    match_cue,
    noun_phrase,
    phrase_left,
    phrase_right,
)
from undercount.claims.numbers import Token
from undercount.claims.sentences import Sentence


@dataclass(frozen=True)
class Attribution:
    position: int
    mention: Mention | None
    cued: bool


def find_attributions(sentence: Sentence, previous: Mention | None) -> list[Attribution]:
    """Every claimant the sentence names, at the position of the words that attribute."""
    tokens, words, language = sentence.tokens, sentence.words, sentence.language
    institutions = find_institutions(sentence.text, tokens, language)
    found: list[Attribution] = []
    for i in range(len(tokens)):
        for cue in CUES[language]:
            length = match_cue(words, i, cue)
            if not length:
                continue
            mention = _cued_claimant(sentence, institutions, i, i + length - 1, cue.side)
            if isinstance(mention, Mention) and _refers_back(mention, previous):
                mention = "pronoun"
            if mention == "pronoun":
                found.append(Attribution(i, previous, True))
            elif mention is not None:
                found.append(Attribution(i, mention, True))
            break
    for institution in institutions:
        if not institution.needs_cue and not _is_addressee(words, institution.first):
            found.append(Attribution(institution.first, institution, False))
    return found


# Bare heads that, said again, mean the claimant already named: "The ministry said …".
_BACK_REFERENCES = {
    "ministry",
    "office",
    "agency",
    "committee",
    "department",
    "prosecutors",
    "police",
    "government",
    "organisation",
    "organization",
    "group",
    "министерство",
    "ведомство",
    "прокуратура",
    "комитет",
    "организация",
    "министрлік",
    "ұйым",
}


def _refers_back(mention: Mention, previous: Mention | None) -> bool:
    head = mention.name.lower()
    return previous is not None and head in _BACK_REFERENCES and head in previous.name.lower()


def _is_addressee(words: list[str], first: int) -> bool:
    """True for "told Reuters", "заявил агентству": the outlet reports the claim, not makes it."""
    before = words[first - 1] if first else ""
    return before in {"told", "to", "агентству", "изданию", "телеканалу", "радио"}


def _cued_claimant(
    sentence: Sentence, institutions: list[Mention], first: int, last: int, side: str
) -> Mention | str | None:
    """The claimant next to the cue at ``tokens[first..last]``, "pronoun", or None.

    A Kazakh reporting verb ends its sentence and its subject begins it, with the reported
    clause between them, so there the subject is looked for at the start instead.
    """
    tokens, language = sentence.tokens, sentence.language
    if side == "pronoun":
        return "pronoun"
    sides = [side] if side != "either" else _either_order(sentence, first)
    if language == "kk" and sides[0] == "left" and side == "either":
        sides = ["start"]
    for direction in sides:
        if direction == "left":
            quoted = _quoted_name_before(tokens, first - 1)
            if quoted is not None:  # Правозащитная организация «Кадыр-Касиет» сообщила
                return quoted
            end = first - 1
            while end >= 0 and tokens[end].lower in ADVERBS:
                end -= 1
            start = phrase_left(tokens, end, language)
        elif direction == "right":
            quoted = _quoted_name(tokens, last + 1)
            if quoted is not None:
                return quoted
            start = last + 1
            while start < len(tokens) and tokens[start].lower in {"в", "во"}:  # сообщили в МВД
                start += 1
            end = phrase_right(tokens, start, language)
        else:
            earlier = [m for m in institutions if m.last < first]
            if earlier:
                return earlier[0]
            start, end = 0, phrase_right(tokens, 0, language, limit=5)
        if start > end:
            continue
        if end == start and sentence.words[start] in PRONOUNS:
            return "pronoun"
        # ", lawyers said." / ", сообщили родственники." — a claimant set off from the figure by
        # a comma or a quote is one, capital or not.
        before = tokens[start - 1].text if start > 0 else ""
        set_off = before in _SET_OFF if direction == "left" else _is_set_off(tokens, first)
        phrase = noun_phrase(tokens, start, end, language, strong=side != "either" or set_off)
        inside = [m for m in institutions if start <= m.first and m.last <= end]
        # A generic word ("police", "акимата") names the claimant only when it is the whole
        # phrase; "the city police department" stays as written.
        whole = (phrase[1], phrase[2]) if phrase else None
        named = [m for m in inside if not m.needs_cue or whole in (None, (m.first, m.last))]
        if named:
            return named[0] if direction == "right" else named[-1]
        if phrase is not None:
            name, a, b = phrase
            kind = inside[0].kind if inside else kind_of(name)
            if kind == "other" and direction == "right":
                kind = _appositive_kind(tokens, b + 1) or kind
            return Mention(name, kind, a, b)
    # "Генпрокуратура в субботу опубликовала …": the subject is further left, in the same clause.
    same_clause = [
        m
        for m in institutions
        if m.last < first and not {",", ";", ":"} & set(sentence.words[m.last + 1 : first])
    ]
    return same_clause[-1] if same_clause else None


_SET_OFF = {",", '"', "”", "»", "—", "–"}
_OPENING_QUOTES = {'"', "«", "“", "'"}
_CLOSING_QUOTES = {'"', "»", "”", "'"}


def _quoted_name(tokens: list[Token], at: int) -> Mention | None:
    """A claimant in quotation marks: по данным «Кадыр-Касиет»."""
    if at >= len(tokens) or tokens[at].text not in _OPENING_QUOTES:
        return None
    for end in range(at + 1, min(len(tokens), at + 10)):
        if tokens[end].text in _CLOSING_QUOTES:
            name = " ".join(t.text for t in tokens[at + 1 : end])
            return Mention(name, kind_of(name), at + 1, end - 1) if name else None
    return None


def _quoted_name_before(tokens: list[Token], at: int) -> Mention | None:
    """A quoted name that ends just before a reporting verb, with the kind its lead words tell."""
    if at < 0 or tokens[at].text not in _CLOSING_QUOTES:
        return None
    for start in range(at - 1, max(-1, at - 10), -1):
        if tokens[start].text in _OPENING_QUOTES:
            name = " ".join(t.text for t in tokens[start + 1 : at])
            lead = " ".join(t.text for t in tokens[max(0, start - 3) : start])
            kind = kind_of(name) if kind_of(name) != "other" else kind_of(lead)
            return Mention(name, kind, start + 1, at - 1) if name else None
    return None


def _appositive_kind(tokens: list[Token], at: int) -> str | None:
    """The kind told by an apposition after a name: ", head of the prosecutor's …"."""
    if at >= len(tokens) or tokens[at].text != ",":
        return None
    words = [t.lower for t in tokens[at + 1 : at + 4] if t.kind == "word"]
    words = [w for w in words if w not in {"a", "the"}]
    if words and ROLES.fullmatch(words[0]):
        kind = kind_of(" ".join(t.text for t in tokens[at + 1 : at + 10]))
        return kind if kind != "other" else "government"
    return None


def _is_set_off(tokens: list[Token], cue: int) -> bool:
    return cue > 0 and tokens[cue - 1].text in _SET_OFF


def _either_order(sentence: Sentence, cue: int) -> list[str]:
    """Where a reporting verb's subject is: after it when a quote or "как" comes first."""
    before = sentence.words[cue - 1] if cue else ""
    if before in {",", '"', "”", "»", "—", "–", "-", "как", "деп"}:
        return ["right", "left"]
    return ["left", "right"]


def nearest_claimant(
    attributions: list[Attribution], first: int, last: int, words: list[str]
) -> Mention | None:
    """The claimant of the figure at ``words[first..last]``: the nearest attribution, cued ones
    and those in the same clause (no ";" between) first."""

    def distance(attribution: Attribution) -> int:
        position = attribution.position
        gap = min(abs(position - first), abs(position - last))
        between = words[min(position, first) : max(position, last)]
        return gap + (0 if attribution.cued else 4) + (50 if ";" in between else 0)

    ranked = sorted((a for a in attributions if a.mention is not None), key=distance)
    return ranked[0].mention if ranked else None
