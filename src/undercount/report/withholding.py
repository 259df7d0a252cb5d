"""When a report must not print an estimate, and the plain words that say why.

Multiple systems estimation learns about the people no list recorded only from how the lists
overlap. DESIGN.md promises that a report never shows an estimate for a stratum with too little
overlap to support one; this module is that promise, applied to every stored estimate the same
way (total, day, region), whatever method made it and whatever warnings it carried.

The rule, and why:

* **Refused by the estimator** — its own reason is shown.
* **Fewer than 3 lists name anyone here** — with two lists the estimate must assume they are
  independent, which cannot be checked and is rarely true of casualty lists (NGOs copy official
  lists; families go to both).
* **Fewer than ``MIN_OVERLAP`` people on two or more lists** — the overlap is the sample the
  estimate rests on; with a handful of people, one linkage error moves it a long way.
* **No upper limit** — an interval that is open above says the data cannot bound the unseen.
"""

from __future__ import annotations

from collections.abc import Mapping

MIN_LISTS = 3
MIN_OVERLAP = 10


def reason_to_withhold(
    histories: Mapping[str, int],
    *,
    refused: str | None = None,
    n_hat: float | None = None,
    upper: float | None = None,
) -> str | None:
    """Why this estimate must not be shown, or ``None`` when it may be.

    ``histories`` is the exact capture-history table the estimate was made from
    (``{"1010": people}``, one character per list).
    """
    if refused:
        return _sentence(refused)
    lists_with_people = _lists_with_people(histories)
    if lists_with_people < MIN_LISTS:
        who = {0: "No list names", 1: "Only 1 list names"}.get(
            lists_with_people, f"Only {lists_with_people} lists name"
        )
        return (
            f"{who} anyone here; an estimate needs at least {MIN_LISTS}, so that lists which "
            "depend on each other can be allowed for."
        )
    overlapping = sum(count for pattern, count in histories.items() if pattern.count("1") >= 2)
    if overlapping < MIN_OVERLAP:
        people = "person is" if overlapping == 1 else "people are"
        return (
            f"Only {overlapping} {people} on more than one list here; an estimate needs at "
            f"least {MIN_OVERLAP}, because the overlap between lists is all it learns from."
        )
    if n_hat is None:
        return "No estimate was stored for this stratum."
    if upper is None:
        return "The interval has no upper limit: the lists overlap too little to bound the unseen."
    return None


def _lists_with_people(histories: Mapping[str, int]) -> int:
    width = max((len(pattern) for pattern in histories), default=0)
    return sum(
        1
        for position in range(width)
        if any(count > 0 and pattern[position] == "1" for pattern, count in histories.items())
    )


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
