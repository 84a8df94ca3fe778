"""A package's lesson-facing names, imported on first use.

A topic package (``newscase.reach`` and the others) lists the functions a lesson calls, from its
logic, figures, widgets and checks. Importing the package imports none of them, so code that
needs only the logic (an otter assignment, a wheel on a bare server) never pays for plotly or
ipywidgets; the first use of a name imports the one module that defines it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from newscase.present.suggest import did_you_mean


def lazy_exports(namespace: dict, exports: dict[str, str]) -> tuple[Callable, Callable]:
    """``__getattr__`` and ``__dir__`` for a package whose ``exports`` map each public name
    to the module that defines it."""
    package = namespace["__name__"]

    def __getattr__(name: str):
        module = exports.get(name)
        if module is None:
            hint = did_you_mean(name, list(exports), show=lambda match: f"{package}.{match}")
            raise AttributeError(f"module '{package}' has no attribute '{name}'.{hint}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __getattr__, __dir__


def exports_from(module: str, names: str) -> dict[str, str]:
    """``{name: module}`` for the space-separated ``names``."""
    return dict.fromkeys(names.split(), module)
