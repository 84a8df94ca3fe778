"""Lesson 04, the escalation debate: the argument map, hedge and attribution cues, claim types,
the escalation ladder and each side's reading, and forecasts scored with the Brier score.

Modules: ``arguments``, ``cues``, ``claims``, ``ladder``, ``forecasts`` and ``answers`` (pure
functions over the article's tables), ``cards`` (HTML), ``figures``, ``widgets`` and ``checks``.
The names below are what a lesson calls; each loads its module on first use.
"""

from newscase.lazy import exports_from, lazy_exports

EXPORTS = {
    **exports_from("newscase.escalation.arguments",
                   "REPORTER argument_graph tree_layout net_stance speakers_on_both_sides "
                   "filter_nodes"),
    **exports_from("newscase.escalation.cues",
                   "CUE_COLUMNS HEDGE_CUES ATTRIBUTION_CUES find_cues quoted_ranges "
                   "sentence_cues"),
    **exports_from("newscase.escalation.claims",
                   "CLAIM_TYPES known_claim_type claim_spans claim_type_counts"),
    **exports_from("newscase.escalation.ladder",
                   "READINGS NOT_STATED article_sides mover ladder_frame find_rung move_event "
                   "side_views escalation_claimants"),
    **exports_from("newscase.escalation.forecasts",
                   "forecast_questions clean_forecasts brier_score baseline_forecasts outcomes "
                   "score_forecasts score_summary coherence_warnings"),
    **exports_from("newscase.escalation.answers", "quoted_spans"),
    **exports_from("newscase.escalation.cards",
                   "evidence_sentence node_card claim_card reveal_html"),
    **exports_from("newscase.escalation.figures",
                   "POSITION_STYLE argument_map fade_arguments ladder_chart forecast_chart"),
    **exports_from("newscase.escalation.widgets",
                   "argument_explorer claim_explorer ladder_mover forecast_panel"),
    **exports_from("newscase.escalation.checks",
                   "check_both_sides check_claim_types check_escalation_claimants "
                   "check_ladder_move check_brier check_discussion_answer"),
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), EXPORTS)
