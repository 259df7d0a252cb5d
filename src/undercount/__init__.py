"""undercount: from scattered lists of the dead to a verified, deduplicated, estimated toll.

The library is the product; the ``undercount`` command is a thin client of it.

    import undercount as uc
    case = uc.open_case("almaty.undercount")
    uc.names.similarity("Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev")
    uc.estimate.estimate({"100": 310, "010": 270, "110": 62, ...}, method="lcmcr", seed=1)

Subpackages load on first use, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBPACKAGES = (
    "case",
    "claims",
    "estimate",
    "ingest",
    "link",
    "names",
    "report",
    "simulate",
    "toll",
)

__all__ = ["__version__", "init_case", "open_case", *_SUBPACKAGES]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"undercount.{name}")
    if name in ("open_case", "init_case"):
        return getattr(importlib.import_module("undercount.case"), name)
    raise AttributeError(f"module 'undercount' has no attribute {name!r}")
