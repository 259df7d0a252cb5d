"""Which victims each list captures, and how many times.

Capture is drawn list by list in roster order, so adding a list to a case never changes the lists
before it. Three mechanisms make the lists dependent, as real ones are:

* shared latent visibility (every list loads on the same per-person normal variable), which makes
  all pairs of lists positively dependent and biases independence estimates downward;
* covariate effects of opposite sign (the official list over-records law-enforcement deaths that
  NGO and family lists under-record; the morgue and the official list both favour Almaty), which
  makes some pairs negatively and some positively dependent when lists are pooled over strata;
* copying (the media list re-publishes a share of the official list), direct positive dependence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from undercount.simulate.geography import ALMATY
from undercount.simulate.sources import SourceProfile
from undercount.simulate.victims import CHILD_AGE, CUSTODY, FIRST_DAY, STATUSES, Victims

LATE_DAY = FIRST_DAY + 4
"""8 January 2022: deaths from this day on are "late" in the capture model."""


def capture_log_odds(victims: Victims, profile: SourceProfile) -> np.ndarray:
    """Per-person log-odds of being captured by ``profile`` on its own (before copying)."""
    model = profile.capture
    status_effect = np.array([model.status.get(name, 0.0) for name in STATUSES])
    return (
        model.base
        + model.outside_almaty * (victims.place != ALMATY)
        + status_effect[victims.status]
        + model.custody * (victims.circumstance == CUSTODY)
        + model.child * (victims.age < CHILD_AGE)
        + model.late * (victims.death >= LATE_DAY)
        + model.visibility * victims.visibility
    )


def draw_list_captures(
    victims: Victims,
    profile: SourceProfile,
    earlier: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> np.ndarray:
    """Records per person on one list (0 = not captured); ``earlier`` maps the names of the
    lists already drawn to theirs, for copying.

    A captured person has 1 record plus Poisson(``duplicates``) extra ones.
    """
    count = len(victims)
    probability = 1.0 / (1.0 + np.exp(-capture_log_odds(victims, profile)))
    captured = rng.random(count) < probability
    if profile.capture.copies is not None:
        copied_from, share = profile.capture.copies
        captured |= (earlier[copied_from] > 0) & (rng.random(count) < share)
    extra = rng.poisson(profile.capture.duplicates, size=count)
    return np.where(captured, 1 + extra, 0).astype(np.int16)


def draw_captures(
    victims: Victims, profiles: Sequence[SourceProfile], rng: np.random.Generator
) -> np.ndarray:
    """Records per person and list: an (n_persons, n_lists) array, lists drawn in order."""
    earlier: dict[str, np.ndarray] = {}
    for profile in profiles:
        earlier[profile.name] = draw_list_captures(victims, profile, earlier, rng)
    return np.column_stack([earlier[profile.name] for profile in profiles])
