"""Where the January 2022 deaths happened, in the words each language uses for the places.

Regions are those of January 2022: Taldykorgan was then the centre of Almaty Region (Zhetysu
Region was split off in June 2022); Almaty and Shymkent are cities of republican significance,
outside any oblast. The weights give Almaty city about 62 % of deaths, the Almaty Region towns,
Taraz and Taldykorgan most of the rest, and the western cities (Zhanaozen, Aktau, Aktobe) a few
per cent, which is the shape of the published official breakdowns; they are not a claim about the
true distribution.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """An oblast or a city of republican significance."""

    key: str
    kk: str
    ru: str
    en: str


@dataclass(frozen=True)
class Place:
    """A settlement where people died, with the names sources write for it.

    ``names`` maps a language to its spellings; the first is the usual one, the others occur
    (Алма-Ата, the Soviet name still used by some Russian speakers; Chimkent; Janaozen).
    """

    key: str
    region: str
    weight: float
    names: dict[str, tuple[str, ...]]


REGIONS: tuple[Region, ...] = (
    Region("almaty_city", "Алматы қаласы", "г. Алматы", "Almaty (city)"),
    Region("almaty_region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    Region("shymkent_city", "Шымкент қаласы", "г. Шымкент", "Shymkent (city)"),
    Region("jambyl", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    Region("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    Region("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    Region("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
)


def _place(key: str, region: str, weight: float, kk: str, ru: str, en: str) -> Place:
    names = {
        language: tuple(spelling.split("|"))
        for language, spelling in (("kk", kk), ("ru", ru), ("en", en))
    }
    return Place(key, region, weight, names)


PLACES: tuple[Place, ...] = (
    _place("almaty", "almaty_city", 0.62, "Алматы", "Алматы|Алма-Ата", "Almaty|Almaty city"),
    _place(
        "taldykorgan",
        "almaty_region",
        0.08,
        "Талдықорған",
        "Талдыкорган",
        "Taldykorgan|Taldyqorgan",
    ),
    _place("kaskelen", "almaty_region", 0.03, "Қаскелең", "Каскелен", "Kaskelen|Qaskeleng"),
    _place("talgar", "almaty_region", 0.03, "Талғар", "Талгар", "Talgar"),
    _place("esik", "almaty_region", 0.02, "Есік", "Есик", "Esik|Issyk"),
    _place("taraz", "jambyl", 0.08, "Тараз", "Тараз", "Taraz"),
    _place("shymkent", "shymkent_city", 0.05, "Шымкент", "Шымкент", "Shymkent|Chimkent"),
    _place("kyzylorda", "kyzylorda", 0.03, "Қызылорда", "Кызылорда", "Kyzylorda|Qyzylorda"),
    _place("aktobe", "aktobe", 0.03, "Ақтөбе", "Актобе|Актюбинск", "Aktobe"),
    _place("zhanaozen", "mangystau", 0.015, "Жаңаөзен", "Жанаозен", "Zhanaozen|Janaozen"),
    _place("aktau", "mangystau", 0.015, "Ақтау", "Актау", "Aktau"),
)

ALMATY = 0
"""Index of Almaty city in ``PLACES``: the capture model treats it apart."""

REGION_INDEX = {region.key: i for i, region in enumerate(REGIONS)}
PLACE_REGION = tuple(REGION_INDEX[place.region] for place in PLACES)
