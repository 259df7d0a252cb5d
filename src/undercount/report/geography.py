"""Where to draw each region on the report's schematic map, and the country's rough outline.

The map is a schematic, not a survey: each region is a circle at its administrative seat of
January 2022, taken from the ingest gazetteer, and the country outline is a coarse polygon
(about 40 points, traced for orientation only; it is not an authoritative boundary). No tiles,
no boundary files, nothing fetched.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

# Administrative seat of each region in January 2022 (gazetteer place ids); the three cities of
# republican significance are their own seats.
_SEATS = {
    "almaty_city": "almaty",
    "nur_sultan_city": "nur_sultan",
    "shymkent_city": "shymkent",
    "akmola": "kokshetau",
    "aktobe": "aktobe",
    "almaty_region": "taldykorgan",
    "atyrau": "atyrau",
    "east_kazakhstan": "oskemen",
    "jambyl": "taraz",
    "west_kazakhstan": "oral",
    "karaganda": "karaganda",
    "kostanay": "kostanay",
    "kyzylorda": "kyzylorda",
    "mangystau": "aktau",
    "pavlodar": "pavlodar",
    "north_kazakhstan": "petropavl",
    "turkistan": "turkistan",
}

# (latitude, longitude), clockwise from the Volga delta; coarse enough to draw in a few hundred
# bytes, close enough that the seats fall inside it.
OUTLINE: tuple[tuple[float, float], ...] = (
    (46.6, 49.0),
    (48.0, 46.7),
    (49.1, 46.9),
    (50.6, 48.7),
    (51.6, 50.6),
    (51.4, 52.5),
    (50.8, 55.0),
    (51.1, 57.5),
    (50.6, 59.5),
    (51.6, 61.5),
    (52.9, 61.0),
    (54.0, 61.5),
    (54.5, 65.0),
    (55.0, 68.5),
    (55.4, 70.8),
    (54.2, 73.5),
    (53.4, 76.5),
    (52.0, 78.5),
    (51.0, 80.5),
    (50.7, 83.5),
    (49.5, 85.5),
    (49.1, 87.3),
    (48.0, 85.8),
    (47.0, 83.0),
    (45.3, 82.3),
    (44.9, 80.0),
    (43.2, 80.4),
    (42.8, 79.5),
    (42.9, 77.0),
    (42.95, 74.5),
    (42.5, 71.0),
    (41.3, 70.0),
    (40.6, 68.4),
    (41.4, 67.0),
    (42.5, 66.0),
    (43.7, 65.0),
    (44.0, 62.0),
    (45.5, 58.5),
    (45.6, 56.0),
    (41.3, 56.0),
    (41.4, 53.0),
    (42.2, 52.6),
    (44.4, 50.3),
    (45.3, 51.2),
    (45.5, 53.0),
    (46.6, 53.2),
    (46.9, 51.9),
)

# Which side of its circle a region's label goes, where the default (right) would collide with
# a neighbour in the crowded south.
LABEL_SIDES = {
    "aktobe": "left",
    "kyzylorda": "left",
    "turkistan": "left",
    "shymkent_city": "left",
    "jambyl": "above",
    "mangystau": "right",
    "west_kazakhstan": "right",
    "atyrau": "right",
}


@cache
def region_positions() -> dict[str, tuple[float, float]]:
    """Each region id's seat as (latitude, longitude)."""
    gazetteer = resources.files("undercount.ingest").joinpath("gazetteer.json")
    places = {
        entry["id"]: (float(entry["lat"]), float(entry["lon"]))
        for entry in json.loads(gazetteer.read_text(encoding="utf-8"))["places"]
    }
    return {region: places[seat] for region, seat in _SEATS.items() if seat in places}
