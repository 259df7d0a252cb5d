"""The scikit-learn-style shape shared by every estimator class.

``__init__`` only stores options (so an estimator can be cloned from ``get_params()`` and printed),
``fit`` validates the histories and stores results in attributes ending in ``_``, and asking for a
result before ``fit`` raises :class:`NotFittedError` instead of an ``AttributeError`` deep inside.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from typing import Any, Self

from .errors import NotFittedError
from .histories import CaptureHistories
from .result import Estimate, Summary

__all__ = ["BaseEstimator", "check_is_fitted"]


def check_is_fitted(estimator: object, attributes: tuple[str, ...] = ("estimate_",)) -> None:
    """Raise :class:`NotFittedError` unless every fitted attribute is set."""
    if not all(hasattr(estimator, name) for name in attributes):
        name = type(estimator).__name__
        raise NotFittedError(
            f"This {name} is not fitted yet: call {name}(...).fit(histories) first."
        )


class BaseEstimator(ABC):
    """Base of ``LogLinear``, ``LCMCR`` and ``DGA``.

    Subclasses declare their options as keyword arguments of ``__init__``, store each under the
    same attribute name, and implement :meth:`_fit`. After ``fit``: ``histories_`` holds the
    validated table and ``estimate_`` the :class:`Estimate`; ``n_hat``, ``conf_int()`` and
    ``summary()`` read from it.
    """

    @abstractmethod
    def _fit(self, histories: CaptureHistories) -> Estimate:
        """Estimate from validated histories using the options stored on ``self``."""

    def fit(self, histories: Any, lists: list[str] | None = None) -> Self:
        """Validate ``histories`` (any form ``CaptureHistories.from_input`` takes); estimate."""
        table = CaptureHistories.from_input(histories, lists)
        self.estimate_ = self._fit(table)
        self.histories_ = table
        return self

    @property
    def n_hat(self) -> float:
        check_is_fitted(self)
        return self.estimate_.n_hat

    def conf_int(self) -> tuple[float, float]:
        check_is_fitted(self)
        return self.estimate_.conf_int()

    def summary(self) -> Summary:
        check_is_fitted(self)
        return self.estimate_.summary()

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [
            name
            for name, parameter in signature.parameters.items()
            if name != "self" and parameter.kind is not inspect.Parameter.VAR_KEYWORD
        ]

    def get_params(self) -> dict[str, Any]:
        """The options given to ``__init__``, by name."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Self:
        """Change options before the next ``fit``; unknown names raise ``ValueError``."""
        valid = set(self._param_names())
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"{type(self).__name__} has no option {name!r}; it has {sorted(valid)}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        changed = [
            f"{name}={value!r}"
            for name, value in self.get_params().items()
            if defaults[name].default is inspect.Parameter.empty or value != defaults[name].default
        ]
        return f"{type(self).__name__}({', '.join(changed)})"
