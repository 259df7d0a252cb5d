"""Places and regions of Kazakhstan, recognised in any script.

The gazetteer (``gazetteer.json``) uses the regions of January 2022, the time of the deaths; a
place that is not in it is kept as written, and its region is then whatever the list says.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

_GAZETTEER = Path(__file__).with_name("gazetteer.json")

_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіё", "агкноууиие")
_LATIN_FOLD = str.maketrans({"ı": "i", "ğ": "g", "ş": "s", "ñ": "n", "ŋ": "n", "ū": "u", "'": ""})
_REGION_WORDS = {"обл", "область", "облысы", "облыс", "region", "oblast", "oblysy", "province"}
_GENERIC_WORDS = _REGION_WORDS | {
    "г",
    "гор",
    "город",
    "к",
    "кала",
    "каласы",
    "city",
    "town",
    "qalasy",
    "р-н",
    "район",
    "ауданы",
    "district",
    "с",
    "село",
    "ауылы",
    "ауыл",
    "village",
    "пос",
    "поселок",
    "кент",
    "of",
}


@dataclass(frozen=True)
class Place:
    id: str
    region: str
    lat: float
    lon: float


def fold_place(text: str) -> str:
    """Case, script variants and generic words ("г.", "облысы", "region") folded away."""
    return " ".join(w for w in _words(text) if w not in _GENERIC_WORDS)


def _names_a_region(text: str) -> bool:
    return any(w in _REGION_WORDS for w in _words(text))


def _words(text: str) -> list[str]:
    lowered = unicodedata.normalize("NFC", text).lower().translate(_KAZAKH_TO_RUSSIAN)
    lowered = lowered.translate(_LATIN_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = unicodedata.normalize("NFC", plain)  # й and ё decompose too: put them back
    return [w for w in re.split(r"[\s\-.,;:()/«»\"]+", plain) if w]


@cache
def _index() -> tuple[dict[str, Place], dict[tuple[str, bool], str], dict[str, str]]:
    document = json.loads(_GAZETTEER.read_text(encoding="utf-8"))
    places: dict[str, Place] = {}
    for entry in document["places"]:
        place = Place(entry["id"], entry["region"], entry["lat"], entry["lon"])
        for name in entry["names"]:
            places[fold_place(name)] = place
    # "Алматы облысы" (the region) and "Алматы" (the city, a region of its own) fold alike:
    # keep whether the name said "region" so the two stay apart.
    regions = {
        (fold_place(name), _names_a_region(name)): entry["id"]
        for entry in document["regions"]
        for name in entry["names"]
    }
    region_names = {e["id"]: e["name"] for e in document["regions"]}
    return places, regions, region_names


@lru_cache(maxsize=16384)
def find_place(text: str) -> Place | None:
    """The gazetteer place named in ``text`` ("г. Алматы, пл. Республики" names Almaty)."""
    places, _, _ = _index()
    folded = fold_place(text)
    if folded in places:
        return places[folded]
    for part in re.split(r"[,;/()]", text):
        hit = places.get(fold_place(part))
        if hit:
            return hit
    words = folded.split()
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            hit = places.get(" ".join(words[start : start + size]))
            if hit:
                return hit
    return None


@lru_cache(maxsize=4096)
def find_region(text: str) -> str | None:
    """The region id for a region's name in any script, or for a city that is its own region."""
    _, regions, _ = _index()
    folded = fold_place(text)
    if _names_a_region(text):
        return regions.get((folded, True)) or regions.get((folded, False))
    place = find_place(text)
    if place:
        return place.region
    return regions.get((folded, False)) or regions.get((folded, True))


def region_name(region_id: str) -> str:
    """The English name of a region id, for reports."""
    return _index()[2].get(region_id, region_id)
