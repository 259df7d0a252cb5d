"""How often a simulated person carries a name: published counts over the population they were
counted in, and a Zipf-like tail for every name without a count.

Population figures (BNS = Bureau of National Statistics of Kazakhstan):

* 2021 census, 1 September 2021: 19,186,015 residents (final results, BNS, October 2023), 48.71 %
  of them men (first results, reported December 2021): 9.35 M men, 9.84 M women. The given-name
  counts (Азамат 63,000, Аружан 73,000 …) are 2021 census counts per sex.
* The surname counts (Ахметов 73,627 …) are the Ministry of Justice's, about 2014. *Assumption*:
  they count the whole population of 1 January 2014, 17.16 M (BNS estimate).
* Naming patterns, from the 2021 census ethnic shares: **Slavic** 19 % (Russians 15.5 %,
  Ukrainians 2.0 %, Germans 1.2 %, Belarusians 0.3 %, who carry Russian-type names), **Korean**
  0.6 %, **Kazakh** the remaining 80.4 % (Kazakhs 70.4 % and the Turkic and Muslim peoples whose
  surnames are likewise an ancestor's name + -ов/-ев: Uzbeks, Uyghurs, Tatars, Azerbaijanis …).
  *Assumption*: victims are named like the population at large, and the shares of 2021 held in
  2014. Korean-named persons take Slavic given names 80 % of the time (an assumption of the
  simulator, not a published figure).

A listed name's share of all simulated persons is therefore its published share of the population
(Ахметов: 73,627 / 17.16 M = 0.43 % of victims; Азамат: 63,000 / 9.35 M = 0.67 % of men); within
its naming pattern it is that share over the pattern's share. The rest of a pattern's mass goes to
its tail (:func:`zipf_tail`). Korean surnames keep their published counts relative to each other:
the three listed cover most Korean-Kazakhstani families.
"""

from __future__ import annotations

import numpy as np

CENSUS_2021_MEN = 19_186_015 * 0.4871
CENSUS_2021_WOMEN = 19_186_015 - CENSUS_2021_MEN
POPULATION_2014 = 17_160_000
"""Residents on 1 January 2014, the population the Ministry of Justice's surname counts cover."""

NAMING_SHARES = {"kazakh": 0.804, "slavic": 0.19, "korean": 0.006}
"""Share of the population named in each pattern (2021 census ethnic shares, grouped)."""

KOREAN_WITH_SLAVIC_GIVEN = 0.8
"""Share of Korean-named persons whose given name and patronymic are Slavic."""

KAZAKH_GIVEN_SHARE = (
    NAMING_SHARES["kazakh"] + (1 - KOREAN_WITH_SLAVIC_GIVEN) * NAMING_SHARES["korean"]
)
"""Share of the population with a Kazakh given name: the denominator of a given name's count."""


def zipf_tail(size: int, mass: float, ceiling: float) -> np.ndarray:
    """Weights of ``size`` tail names, in rank order, that sum to ``mass``.

    Zipf–Mandelbrot with exponent 1: the r-th name gets C / (r + q). The offset q is the smallest
    (q ≥ 0) for which the first tail name is no more frequent than ``ceiling``, the rarest
    published name, so that the tail continues the published ranking instead of jumping above it.
    Real name distributions need tens of thousands of names for that; when ``size`` names cannot
    carry ``mass`` below the ceiling even flat (mass / size > ceiling), the tail is flat, and
    its names are more frequent than real ones: the simulator's namesakes err on the common side.
    """
    ranks = np.arange(1, size + 1, dtype=float)

    def first_share(offset: float) -> float:
        return mass / (1 + offset) / float(np.sum(1 / (ranks + offset)))

    if mass / size >= ceiling:
        return np.full(size, mass / size)
    offset = 0.0
    if first_share(offset) > ceiling:
        low, offset = 0.0, 1.0
        while first_share(offset) > ceiling:
            low, offset = offset, offset * 2
        for _ in range(60):
            middle = (low + offset) / 2
            low, offset = (middle, offset) if first_share(middle) > ceiling else (low, middle)
    weights = 1 / (ranks + offset)
    return mass * weights / weights.sum()
