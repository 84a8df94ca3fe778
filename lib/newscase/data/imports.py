"""Imports that would otherwise cost every lesson's kernel seconds."""

from __future__ import annotations

import sys


def import_jsonschema_without_iri_grammars() -> None:
    """Import jsonschema without ``rfc3987_syntax``.

    jsonschema imports rfc3987_syntax, if installed, for its "iri" format checker, and that
    compiles about 40 Lark grammars at import: 1.5-2 s per kernel here
    (python-jsonschema/jsonschema#1428). Two things import jsonschema in a lesson's kernel:
    Frictionless, and plotly's first ``fig.show()`` (through nbformat). Neither checks that
    format. A ``None`` entry in sys.modules makes that one import fail, which jsonschema handles;
    the entry is removed again at once, so later code can still import rfc3987_syntax.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]
