"""Lesson 01, the actors: who is in the story, what they say and how they are sourced, where
they stand, and who reacts to whom.

Modules: ``logic`` (pure functions over the article's tables), ``cards`` (an actor's HTML
card), ``figures``, ``widgets`` and ``checks``. The names below are what a lesson calls; each
loads its module on first use.
"""

from newscase.lazy import exports_from, lazy_exports

EXPORTS = {
    **exports_from("newscase.actors.logic",
                   "NO_COUNTRY SOURCING DECISION search_actors actor_quotes "
                   "actor_claims country_names stance_table attribution_table reaction_edges "
                   "circle_layout reaction_nodes citation wire_table"),
    **exports_from("newscase.data.names", "ATTRIBUTION_LABELS find_actor"),
    **exports_from("newscase.actors.cards", "actor_card"),
    **exports_from("newscase.actors.figures", "stance_chart attribution_chart reaction_graph"),
    **exports_from("newscase.actors.widgets", "actor_explorer"),
    **exports_from("newscase.actors.checks",
                   "check_attributions silent_actors check_silent_actor "
                   "check_translated_quotes check_lost_sources"),
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), EXPORTS)
