"""newscase: one news story as validated, source-linked data for close reading.

``import newscase`` is cheap: ``load_article``, ``Article`` and ``DataValidationError`` load
their modules on first use. Each lesson imports its topic: ``newscase.actors``,
``newscase.timeline``, ``newscase.reach`` or ``newscase.escalation`` (lesson 00:
``newscase.reading``).
"""

from newscase.lazy import exports_from, lazy_exports

EXPORTS = {**exports_from("newscase.data.article", "Article load_article"),
           **exports_from("newscase.data.errors", "DataValidationError")}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), EXPORTS)
