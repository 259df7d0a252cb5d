"""Why an estimate was refused, as exceptions a user can act on."""

from __future__ import annotations

from undercount.errors import UndercountError

__all__ = ["EstimationError", "NotFittedError"]


class EstimationError(UndercountError, ValueError):
    """The data cannot support the requested estimate (no MLE, model not identifiable, no overlap).

    A ``ValueError`` too, so that code written against plain numerical libraries still catches it;
    the message says what is wrong with the table and ``hint`` what to try instead.
    """


class NotFittedError(ValueError, AttributeError):
    """An estimator was asked for results before ``fit`` was called."""
