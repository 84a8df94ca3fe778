"""Lesson 00, reading the article: its actors, hedge words and quotes highlighted, how often it
hedges, and when it was written (the date exercise, from ``newscase.timeline``).

Modules: ``figures`` and ``widgets``; the spans they mark are in ``newscase.text``. The names
below are what the lesson calls; each loads its module on first use.
"""

from newscase.lazy import exports_from, lazy_exports

EXPORTS = {
    **exports_from("newscase.reading.figures", "hedge_chart"),
    **exports_from("newscase.reading.widgets", "article_highlighter highlight_spans"),
    **exports_from("newscase.timeline.widgets", "date_exercise"),
    **exports_from("newscase.timeline.checks", "check_article_date"),
    **exports_from("newscase.present.feedback", "Feedback check_number check_choice"),
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), EXPORTS)
