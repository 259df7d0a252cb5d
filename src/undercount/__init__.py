"""undercount: from scattered lists of the dead to a verified, deduplicated, estimated toll.

The library is the product; the ``undercount`` command is a thin client of it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
