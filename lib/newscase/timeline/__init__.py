"""Lesson 02, the timeline: what calendar dates the article's time words mean, the events on a
date axis, and the difference between when something happened and when it was reported.

Modules: ``resolver`` (time phrases to dates), ``frames`` (the tidy timeline of events),
``figures``, ``widgets`` and ``checks``. The names below are what a lesson calls; each loads
its module on first use.
"""

from newscase.lazy import exports_from, lazy_exports

EXPORTS = {
    **exports_from("newscase.timeline.resolver",
                   "Resolution Phrase TimeResolver GENERAL_PHRASES resolver_for resolve "
                   "phrase_table known_phrases stated_date months_before as_date long_date "
                   "short_date describe_dates"),
    **exports_from("newscase.timeline.frames",
                   "TIMELINE_COLUMNS timeline_frame chronological days_around events_on "
                   "day_spans day_caption happened_and_reported"),
    **exports_from("newscase.timeline.figures", "TIMELINE_COLOURS timeline_chart"),
    **exports_from("newscase.timeline.widgets", "date_resolver timeline_slider date_exercise"),
    **exports_from("newscase.timeline.checks",
                   "check_event_order check_phrase_date check_date_basis check_article_date"),
    **exports_from("newscase.present.feedback", "check_number"),
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), EXPORTS)
