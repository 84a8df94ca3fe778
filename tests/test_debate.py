"""newscase.escalation and its shells (notebook 04): the argument graph and layout, the cue finder,
claim types, the ladder and each side's reading, forecasts and the Brier score."""

import json
import math

import pandas as pd
import pytest

from conftest import REPO
from newscase import escalation, text
from newscase.present.palette import HIGHLIGHT_STYLES, OKABE_ITO

NOTEBOOK = REPO / "notebooks" / "04-escalation.ipynb"


@pytest.fixture(scope="module")
def graph(art):
    return escalation.argument_graph(art.arguments, art.actors)


def toy_arguments(rows):
    return pd.DataFrame(rows, columns=["id", "speakers", "position", "target", "summary",
                                       "evidence"])


TOY_ACTORS = pd.DataFrame({"id": ["a", "b"], "name": ["Ann", "Bob"]})


# --- The argument map ------------------------------------------------------------------------


def test_graph_has_a_node_per_argument_and_an_edge_per_non_root(art, graph):
    nodes, edges = graph
    assert list(nodes["id"]) == list(art.arguments["id"])
    assert len(edges) == (art.arguments["position"] != "root").sum()
    merged = edges.merge(art.arguments, left_on="source", right_on="id")
    assert (merged["relation"] == merged["position"]).all()


def test_every_node_carries_its_verbatim_evidence(art, graph):
    nodes, _ = graph
    for evidence in nodes["evidence"]:
        assert art.text.count(evidence) == 1


def test_layout_puts_for_left_against_right_and_rebuttals_under_their_target(graph):
    nodes, _ = graph
    at = nodes.set_index("id")
    assert (at.loc["decision", "x"], at.loc["decision", "y"]) == (0.0, nodes["y"].max())
    assert at.loc["decision", "y"] == at.loc["a01", "y"] + 1  # above the taller side
    first = nodes[nodes["depth"] == 1]
    assert ((first["position"] == "supports") == (first["x"] < 0)).all()
    assert ((first["position"] == "attacks") == (first["x"] > 0)).all()
    for rebuttal, target in (("a09", "a08"), ("a12", "a11")):
        assert at.loc[rebuttal, "x"] == at.loc[target, "x"] - 1
        assert at.loc[rebuttal, "y"] == at.loc[target, "y"] - 1
    assert not nodes[["x", "y"]].duplicated().any()


def test_layout_is_deterministic(art, graph):
    again, _ = escalation.argument_graph(art.arguments, art.actors)
    pd.testing.assert_frame_equal(graph[0], again)


def test_net_stance_counts_an_attack_on_a_supporter_as_against(graph):
    stance = graph[0].set_index("id")["stance"]
    assert stance["decision"] == "root"
    assert (stance["a08"], stance["a09"], stance["a11"], stance["a12"]) == (
        "for", "against", "for", "against")


def test_speakers_on_both_sides(graph):
    assert escalation.speakers_on_both_sides(graph[0]) == ["Analysts (unnamed)", "the reporter"]


def test_filter_by_speaker_and_position(graph):
    nodes, _ = graph
    assert escalation.filter_nodes(nodes, "Analysts (unnamed)") == ["a08", "a09"]
    assert escalation.filter_nodes(nodes, escalation.REPORTER) == ["a11", "a12"]
    assert escalation.filter_nodes(nodes, "Analysts (unnamed)", "attacks") == ["a09"]
    assert escalation.filter_nodes(nodes, position="root") == ["decision"]
    assert escalation.filter_nodes(nodes, "Nobody") == []


def test_unknown_target_names_the_argument():
    rows = [("r", [], "root", None, "R", "x"), ("s", ["a"], "supports", "q", "S", "y")]
    with pytest.raises(ValueError, match="Argument 's' answers 'q', which is not an argument"):
        escalation.argument_graph(toy_arguments(rows), TOY_ACTORS)


def test_a_circle_of_targets_is_refused():
    rows = [("r", [], "root", None, "R", "x"), ("s", ["a"], "supports", "t", "S", "y"),
            ("t", ["b"], "attacks", "s", "T", "z")]
    with pytest.raises(ValueError, match="round in a circle"):
        escalation.argument_graph(toy_arguments(rows), TOY_ACTORS)


def test_no_arguments_give_empty_frames_and_an_empty_map():
    nodes, edges = escalation.argument_graph(toy_arguments([]), TOY_ACTORS)
    assert nodes.empty and edges.empty and "x" in nodes
    chart = escalation.argument_map(nodes, edges)
    assert "nothing to map" in chart.summary


def test_toy_tree_layout_is_exact():
    layout = escalation.tree_layout({"r": None, "s": "r", "t": "s", "u": "r"},
                                {"r": "root", "s": "supports", "t": "attacks", "u": "attacks"})
    assert layout.to_dict("records") == [
        {"id": "r", "depth": 0, "side": "root", "x": 0.0, "y": 1.5},
        {"id": "s", "depth": 1, "side": "for", "x": -1.0, "y": 0.5},
        {"id": "t", "depth": 2, "side": "for", "x": -2.0, "y": -0.5},
        {"id": "u", "depth": 1, "side": "against", "x": 1.0, "y": 0.0},
    ]


def test_node_card_shows_the_sentence_with_the_evidence_marked(art, graph):
    card = escalation.node_card(graph[0], "a04", art.text)
    assert "Andrei Klishas" in card and "attacks" in card
    assert "complete ruins" in card and "&quot;complete ruins&quot;" in card
    assert '<mark class="nc-evidence"' in card


def test_evidence_sentence_escapes_and_refuses_text_not_in_the_article():
    body = 'Fine words. He said "<b>no</b>" loudly. End.'
    assert escalation.evidence_sentence(body, "<b>no</b>").count("&lt;b&gt;") == 1
    with pytest.raises(ValueError, match="copy the words exactly"):
        escalation.evidence_sentence(body, "nowhere")


def test_argument_map_chart(graph):
    nodes, edges = graph
    chart = escalation.argument_map(nodes, edges)
    layout = chart.figure.layout
    assert layout.title.text and layout.xaxis.title.text and layout.yaxis.title.text
    colours = {t.marker.color for t in chart.figure.data if t.mode == "markers+text"}
    assert colours <= set(OKABE_ITO.values())
    assert chart.summary.startswith("12 arguments: 6 for the decision and 6 against it")
    faded = escalation.argument_map(nodes, edges, highlight=["a01"])
    opacity = [o for t in faded.figure.data if t.mode == "markers+text"
               for o in t.marker.opacity]
    assert opacity.count(1) == 1 and len(opacity) == len(nodes)


# --- Hedge and attribution cues ---------------------------------------------------------------

# Every sentence of the article, and the cues it holds: (category initial, words).
EXPECTED_CUES = [
    [("a", "sources familiar with"), ("a", "confirmed")],
    [("a", "reports of")],
    [("h", "poised"), ("h", "in the coming days"), ("h", "likely")],
    [("h", "up to")],
    [("a", "said")],
    [],  # "Such things are not announced.": a reporting verb inside Zelenskiy's quotation
    [("a", "reports of"), ("h", "more than"), ("h", "primarily"), ("h", "reportedly")],
    [("a", "describing")],
    [("a", "warned")],
    [("a", "stating"), ("h", "could")],
    [("a", "praised")],
    [("h", "fears remain"), ("h", "could")],
    [],
    [("a", "pledged")],
    [("a", "criticized")],
    [("h", "some"), ("a", "welcomed"), ("a", "citing"), ("h", "potential")],
    [],
    [("h", "some"), ("a", "argue")],
    [("a", "said")],
    [("h", "may")],
    [("h", "uncertain")],
    [("h", "potential")],
]


def cue_list(frame):
    return [(c[0], word) for c, word in zip(frame["category"], frame["text"], strict=True)]


def test_the_article_has_as_many_sentences_as_expected(art):
    assert len(text.sentences(art.text)) == len(EXPECTED_CUES)


@pytest.mark.parametrize("index", range(len(EXPECTED_CUES)))
def test_cues_in_every_sentence_alone_and_in_the_whole_text(art, index):
    sentence = text.sentences(art.text).iloc[index]
    assert cue_list(escalation.find_cues(sentence["text"])) == EXPECTED_CUES[index]
    whole = escalation.find_cues(art.text)
    inside = whole[(whole["start"] >= sentence["start"]) & (whole["end"] <= sentence["end"])]
    assert cue_list(inside) == EXPECTED_CUES[index]


def test_every_coded_hedge_is_found_in_its_claim(art):
    for claim_id, hedges, evidence in art.claims[["id", "hedges", "evidence"]].itertuples(
            index=False):
        found = set(escalation.find_cues(evidence)["text"])
        assert set(hedges) <= found, claim_id


@pytest.mark.parametrize(("sample", "expected"), [
    ("", []),
    ("The mayor may resign in May 2025.", [("h", "may")]),
    ("Could it last? Someone thinks so; some do not.", [("h", "Could"), ("h", "some")]),
    ("It flew about 300 km, not a word about peace.", [("h", "about")]),
    ("Up to 12 missiles, up to them to decide.", [("h", "Up to")]),
    ("More than 10,000 troops, more than ever.", [("h", "More than")]),
    ("The United States states its case.", []),
    ("He said: “They said it could fail.”", [("a", "said"), ("h", "could")]),
    ('She told reporters: "We argue, we warned them."', [("a", "told")]),
    ("It appears to be likely, according to officials.",
     [("h", "appears to"), ("h", "likely"), ("a", "according to")]),
    ("People familiar with the talks say the deal is unclear.",
     [("a", "People familiar with"), ("h", "unclear")]),
])
def test_cue_finder_on_any_text(sample, expected):
    assert cue_list(escalation.find_cues(sample)) == expected


def test_cues_are_spans_of_the_text_with_a_kind(art):
    cues = escalation.find_cues(art.text)
    assert list(cues.columns) == escalation.CUE_COLUMNS
    for start, end, word in cues[["start", "end", "text"]].itertuples(index=False):
        assert art.text[start:end] == word
    assert set(cues["category"]) == {"hedge", "attribution"}
    assert cues["start"].is_monotonic_increasing


def test_sentence_cues_table(art):
    table = escalation.sentence_cues(art.text)
    assert len(table) == len(EXPECTED_CUES)
    assert table.loc[2, "hedges"] == "poised, in the coming days, likely"
    assert table.loc[0, "attribution"] == "sources familiar with, confirmed"


def test_quoted_ranges_handle_curly_straight_and_unopened_quotes():
    assert escalation.quoted_ranges("a “b” c") == [(2, 5)]
    assert escalation.quoted_ranges('a "b" c') == [(2, 5)]
    assert escalation.quoted_ranges("b” c") == [(0, 2)]
    assert escalation.quoted_ranges("a “b c") == [(2, 6)]


# --- Claim types -----------------------------------------------------------------------------


def test_claim_spans_cover_every_claim_with_a_styled_category(art):
    found = escalation.claim_spans(art.claims)
    assert len(found) == len(art.claims)
    assert all(category in HIGHLIGHT_STYLES for category in found["category"])
    for start, end, quoted in found[["start", "end", "text"]].itertuples(index=False):
        assert art.text[start:end] == quoted


def test_claim_spans_for_chosen_types(art):
    threats = escalation.claim_spans(art.claims, ["threat"])
    assert list(threats["label"]) == ["c17: threat (Named, on the record)"]
    assert escalation.claim_spans(art.claims, []).empty


def test_unknown_claim_type_in_the_data_is_named(art):
    claims = art.claims.copy()
    claims.loc[0, "claim_type"] = "rumour"
    with pytest.raises(ValueError, match=r"Unknown claim type 'rumour' \(claim c01\)"):
        escalation.claim_spans(claims)
    with pytest.raises(ValueError, match="Unknown claim type 'rumour'"):
        escalation.claim_type_counts(claims)


def test_unknown_claim_type_asked_for_gets_a_suggestion(art):
    with pytest.raises(ValueError, match="Did you mean 'threat'"):
        escalation.claim_spans(art.claims, ["threats"])


def test_claim_type_counts_list_every_type(art):
    counts = escalation.claim_type_counts(art.claims)
    assert list(counts["claim_type"]) == list(escalation.CLAIM_TYPES)
    assert counts["claims"].sum() == len(art.claims)
    assert counts.set_index("claim_type").loc["conditional", "claims"] == 0


def test_claim_card(art):
    card = escalation.claim_card(art, "c19")
    assert "prediction" in card and "NATO allies" in card
    assert "fears remain (uncertainty)" in card and "could (modal verb)" in card
    assert "Coding note" not in escalation.claim_card(art, "c04")  # c04 has no note
    with pytest.raises(LookupError, match="No claim 'c99'"):
        escalation.claim_card(art, "c99")


# --- The ladder and each side's reading -------------------------------------------------------


def test_ladder_places_only_article_events_as_an_interpretation(art):
    frame = escalation.ladder_frame(art)
    assert set(frame["basis"]) == {"course-interpretation"}
    bases = art.events.set_index("id").loc[frame["event"], "date_basis"]
    assert "outside-source" not in set(bases)
    assert dict(zip(frame["event"], frame["mover"], strict=True)) == {
        "e07": "russia", "e08": "russia", "e01": "west", "e04": "west", "e05": "russia",
        "e06": "russia"}
    assert list(frame["rung"]) == sorted(frame["rung"])


def test_every_rung_cites_kahn(art):
    refs = art.references.set_index("id")
    assert set(art.ladder["reference"]) == {"kahn-1965"}
    assert refs.loc["kahn-1965", "year"] == 1965
    assert list(art.ladder["rung"]) == list(range(1, len(art.ladder) + 1))


def test_mover_from_actor_countries(art):
    assert escalation.mover(["kremlin", "north-korean-troops"], art.actors, art.sides) == "russia"
    assert escalation.mover(["kremlin", "ukraine"], art.actors, art.sides) == "both"
    assert escalation.mover(["nato-allies"], art.actors, art.sides) == "unknown"


def test_move_event(art):
    frame = escalation.ladder_frame(art)
    moved = escalation.move_event(frame, art.ladder, "e01", "words", "Nothing has been struck yet.")
    row = moved.set_index("event").loc["e01"]
    assert (row["learner_rung"], row["learner_why"]) == (1, "Nothing has been struck yet.")
    assert moved["learner_rung"].notna().sum() == 1
    assert escalation.move_event(frame, art.ladder, "e01", 5, "Doctrine could come next, surely.")[
        "learner_rung"].max() == 5
    assert frame.equals(escalation.ladder_frame(art))  # the course's placement is untouched


@pytest.mark.parametrize(("event", "rung", "why", "message"), [
    ("e13", 1, "because it is so", "'e13' is not on the ladder"),
    ("e01", 9, "because it is so", "No rung '9'. Pick a number from 1 to 6"),
    ("e01", "ladder top", "because it is so", "No rung 'ladder top'"),
    ("e01", 1, "", "Say why in a sentence"),
    ("e01", 1, "words", "Say why in a sentence"),
])
def test_move_event_says_what_to_fix(art, event, rung, why, message):
    with pytest.raises(ValueError, match=message):
        escalation.move_event(escalation.ladder_frame(art), art.ladder, event, rung, why)


def test_ladder_chart(art):
    frame = escalation.ladder_frame(art)
    chart = escalation.ladder_chart(frame, art.ladder)
    layout = chart.figure.layout
    assert "interpretation" in layout.title.text and "Kahn (1965)" in layout.title.text
    assert layout.xaxis.title.text and layout.yaxis.title.text
    assert "rungs 2, 3, 5, 6 have none" in chart.summary
    (slot,) = [t for t in chart.figure.data if t.name == "your placement"]
    assert len(slot.x) == 0 and slot.showlegend is False  # no move yet: nothing drawn or listed
    moved = escalation.move_event(frame, art.ladder, "e01", 1, "Nothing has been struck yet.")
    chart = escalation.ladder_chart(moved, art.ladder)
    assert [t.name for t in chart.figure.data][-1] == "your placement"
    assert chart.summary.endswith("You moved e01 from rung 4 to 1.")


def test_side_views(art):
    views = escalation.side_views(art).set_index("event")
    west, moscow = art.sides["label"]
    assert views.loc["e05", moscow] == escalation.NOT_STATED
    assert views.loc["e05", west] == "an escalation (U.S. officials (unnamed), stated)"
    assert "a response (Radoslaw Sikorski, stated)" in views.loc["e01", west]
    assert "an escalation (Richard Grenell, stated)" in views.loc["e01", west]
    assert views.loc["e04", moscow] == "an escalation (Andrei Klishas, inferred)"


def test_views_carry_verbatim_evidence_and_only_article_events(art):
    views = art.escalation_views
    assert all(art.text.count(e) == 1 for e in views["evidence"])
    bases = art.events.set_index("id").loc[views["event"], "date_basis"]
    assert "outside-source" not in set(bases)


def test_escalation_claimants_count_only_stated_readings(art):
    assert escalation.escalation_claimants(art, "e01") == ["Richard Grenell", "The Kremlin"]
    assert escalation.escalation_claimants(art, "e04") == []  # Klishas's reading is inferred
    assert escalation.escalation_claimants(art, "e04", "risk") == ["NATO allies"]
    with pytest.raises(ValueError, match="Unknown reading 'threat'"):
        escalation.escalation_claimants(art, "e01", "threat")


# --- Forecasts and the Brier score ------------------------------------------------------------


@pytest.mark.parametrize(("p", "happened", "score"), [
    (1.0, True, 0.0), (0.0, True, 1.0), (0.0, False, 0.0), (1.0, False, 1.0),
    (0.7, True, 0.09), (0.7, False, 0.49), (0.5, True, 0.25), (1, True, 0.0), (0, False, 0.0),
])
def test_brier_score_of_one_forecast_including_0_and_1(p, happened, score):
    assert math.isclose(escalation.brier_score({"q": p}, {"q": happened}), score)


def test_brier_score_is_the_mean_over_forecast_questions_only():
    outcomes = {"a": True, "b": False, "c": True}
    assert math.isclose(escalation.brier_score({"a": 0.8, "b": 0.4}, outcomes), (0.04 + 0.16) / 2)


@pytest.mark.parametrize(("forecasts", "message"), [
    ({}, "No forecasts given"),
    ({"a": 70}, "outside 0..1. It looks like a percentage: divide it by 100"),
    ({"a": -0.1}, "outside 0..1"),
    ({"a": 1.0001}, "outside 0..1"),
    ({"a": float("nan")}, "outside 0..1"),
    ({"a": "0.7"}, "is '0.7', not a number"),
    ({"a": True}, "is True, not a number"),
    ({"z": 0.5}, "No outcome for z"),
])
def test_brier_score_refuses_bad_forecasts(forecasts, message):
    with pytest.raises(ValueError, match=message):
        escalation.brier_score(forecasts, {"a": True, "b": False})


def test_clean_forecasts(art):
    ids = ["q1", "q2"]
    assert escalation.clean_forecasts(None, ids) == {}
    assert escalation.clean_forecasts({"q1": None, "q2": 1}, ids) == {"q2": 1.0}
    with pytest.raises(ValueError, match="There is no question 'q7'"):
        escalation.clean_forecasts({"q7": 0.5}, ids)
    assert escalation.clean_forecasts({" Q1 ": 0.5}, ids) == {"q1": 0.5}
    with pytest.raises(ValueError, match="Did you mean 'q1'"):
        escalation.clean_forecasts({"q01": 0.5}, ids)
    with pytest.raises(ValueError, match="as a dictionary"):
        escalation.clean_forecasts([0.5, 0.5], ids)


def test_baselines(art):
    questions = art.forecast_questions
    assert set(escalation.baseline_forecasts(questions, "coin").values()) == {0.5}
    assert set(escalation.baseline_forecasts(questions, "nothing-changes").values()) == {0.0}
    with pytest.raises(ValueError, match="Unknown baseline 'climatology'"):
        escalation.baseline_forecasts(questions, "climatology")


def test_score_forecasts_against_both_baselines(art):
    scores = escalation.score_forecasts({"q1": 1.0, "q2": 0.0, "q3": 0.9}, art)
    assert list(scores["id"]) == ["q1", "q2", "q3"]
    assert list(scores["brier_coin"]) == [0.25] * 3
    assert list(scores["brier_nothing_changes"]) == [1.0, 0.0, 1.0]
    summary = escalation.score_summary(scores)
    assert math.isclose(summary["you"], 0.01 / 3)
    assert math.isclose(summary["nothing changes"], 2 / 3)
    with pytest.raises(ValueError, match="No forecasts given"):
        escalation.score_forecasts({"q1": None}, art)


def test_the_questions_hide_their_outcomes(art):
    questions = escalation.forecast_questions(art)
    assert list(questions.columns) == ["id", "question", "asked_on", "deadline"]
    assert (questions["asked_on"] == art.date).all()
    assert dict(zip(questions["id"], questions["deadline"].astype(str), strict=True)) == {
        "q1": "2024-11-20", "q2": "2024-11-18", "q3": "2024-11-24", "q4": "2024-11-24",
        "q5": "2024-12-01"}


def test_there_are_four_to_six_questions_each_with_an_article_span(art):
    questions = art.forecast_questions
    assert 4 <= len(questions) <= 6
    assert all(art.text.count(e) == 1 for e in questions["evidence"])


def test_every_outcome_is_a_cited_outside_source_event_that_agrees_with_it(art):
    facts = escalation.outcomes(art)
    events = art.events.set_index("id")
    windows = art.forecast_questions.set_index("id")
    for fact in facts.to_dict("records"):
        event = events.loc[fact["event"]]
        assert event["date_basis"] == "outside-source" and not event["evidence"]
        assert all(fact[k] for k in ("publisher", "title", "source_date", "url"))
        assert fact["url"].startswith("https://")
        question = windows.loc[fact["id"]]
        days = (event["date"] - question["asked_on"]).days
        assert days > 0
        assert fact["happened"] == (days <= question["window_days"])


def test_coherence_warnings(art):
    assert escalation.coherence_warnings({"q2": 0.2, "q3": 0.9}, art) == []
    (warning,) = escalation.coherence_warnings({"q2": 0.9, "q3": 0.5, "q1": 0.1}, art)
    assert warning.startswith("You gave q2 (1 day) 90% but q3 (7 days) only 50%.")
    assert escalation.coherence_warnings({"q2": 0.9}, art) == []


def outcome_words(art):
    """Strings that would give an outcome away: events, sources and resolutions."""
    facts = escalation.outcomes(art)
    return [*facts["event_summary"], *facts["title"], *facts["url"], *facts["resolution"],
            *facts["publisher"]]


def test_reveal_without_forecasts_gives_nothing_away(art):
    for empty in (None, {}, {"q1": None}):
        page = escalation.reveal_html(empty, art)
        assert "Nothing is revealed" in page
        assert not any(word in page for word in outcome_words(art))


def test_reveal_cites_every_source_and_scores(art):
    page = escalation.reveal_html({"q1": 0.6, "q2": 0.5, "q3": 0.7, "q4": 0.2, "q5": 0.3}, art)
    for fact in escalation.outcomes(art).to_dict("records"):
        assert fact["url"] in page
    assert "Associated Press (Hanna Arhirova)" in page
    assert "Mean Brier score over the 5 questions" in page
    assert "nothing changes: <b>0.800</b>" in page
    assert "was dropped" in page


def test_reveal_reports_a_bad_forecast_instead_of_failing(art):
    assert "looks like a percentage" in escalation.reveal_html({"q1": 60}, art)


def test_the_notebook_never_saves_an_outcome(art):
    saved = NOTEBOOK.read_text(encoding="utf-8")
    leaks = [word for word in outcome_words(art) if word in saved]
    assert leaks == []
    outputs = [json.dumps(c.get("outputs", [])) for c in json.loads(saved)["cells"]]
    assert not any("Brier score over" in o for o in outputs)


def test_forecast_chart():
    chart = escalation.forecast_chart({"you": 0.2, "50 % on everything": 0.25,
                                    "nothing changes": 0.8})
    assert chart.figure.layout.title.text and chart.figure.layout.xaxis.title.text
    assert chart.summary.endswith("Best: you.")
    tied = escalation.forecast_chart({"you": 0.25, "50 % on everything": 0.25})
    assert tied.summary.endswith("Best: you and 50 % on everything (tied).")


# --- Answers that quote the article ----------------------------------------------------------


def test_quoted_spans_ignore_case_quote_marks_and_punctuation(art):
    answer = "Moscow said loosening restrictions on ukraine's use of u.s. weapons was bad"
    assert escalation.quoted_spans(answer, art.text) == [
        "loosening restrictions on Ukraine's use of U.S. weapons"]
    assert escalation.quoted_spans("the Biden administration has approved Ukraine's use", art.text
                               ) == ["the Biden administration has approved Ukraine’s use"]
    assert escalation.quoted_spans("a severe escalation", art.text) == []  # three words only
    assert escalation.quoted_spans("", art.text) == []


# --- Widgets ---------------------------------------------------------------------------------


def test_argument_explorer_filters_and_shows_evidence(art):
    panel = escalation.argument_explorer(art)
    (speaker, position), caption, figure, chosen, card = (panel.children[0].children,
                                                         *panel.children[1:])

    def opaque():
        return sorted(i for t in figure.data if t.meta in escalation.POSITION_STYLE
                      for i, o in zip(t.ids, t.marker.opacity, strict=True) if o == 1)

    assert chosen.value == "decision" and "13 of 13" in caption.value
    # The summary is the figure's own description (aria-describedby), shown under it.
    assert len(opaque()) == 13 and figure.summary.startswith("12 arguments:")
    speaker.value = "Analysts (unnamed)"
    assert [v for _, v in chosen.options] == ["a08", "a09"] and opaque() == ["a08", "a09"]
    assert "a necessary step to counter Russian advances" in card.value
    position.value = "root"
    assert chosen.value is None and "No argument matches" in caption.value and opaque() == []


def test_claim_explorer_marks_types_and_cues(art):
    panel = escalation.claim_explorer(art)
    type_boxes, layer_boxes = panel.children[0].children, panel.children[1].children
    body, card = panel.children[4], panel.children[6]
    assert 'class="nc-claim-threat"' in body.value and 'class="nc-attribution"' in body.value
    assert "c01: fact" in card.value
    for box in (*type_boxes, *layer_boxes):
        box.value = False
    assert "<mark" not in body.value and "no claim types" in panel.children[3].value


def test_ladder_mover_needs_a_reason(art):
    panel = escalation.ladder_mover(art)
    figure, choices, why, button, feedback = panel.children
    event, rung = choices.children
    assert why.description == "Why?"  # a name of its own, not only a placeholder
    event.value, rung.value = "e01", 1
    button.click()
    assert "Not yet" in feedback.value and "Say why" in feedback.value
    assert not figure.layout.annotations and "You moved" not in figure.summary
    why.value = "Nothing has been struck yet, only allowed."
    button.click()
    assert "Recorded: rung 1 (Words)" in feedback.value
    (arrow,) = figure.layout.annotations
    assert (arrow.ay, arrow.y) == (4, 1)
    assert figure.summary.endswith("You moved e01 from rung 4 to 1.")
    rung.value = 6
    button.click()  # a second move replaces the first: one arrow, one star
    (arrow,) = figure.layout.annotations
    (star,) = [t for t in figure.data if t.name == "your placement"]
    assert (arrow.ay, arrow.y) == (4, 6) and list(star.y) == [6]


def test_forecast_panel_reveals_only_after_submit(art):
    panel = escalation.forecast_panel(art)
    *rows, button, status, reveal, _out = panel.children
    questions, sliders = rows[::2], rows[1::2]  # a question's text, then its slider
    assert len(questions) == len(sliders) == len(art.forecast_questions)
    before = json.dumps([q.value for q in questions] + [s.get_state() for s in sliders],
                        default=str)
    assert reveal.value == "" and not any(w in before for w in outcome_words(art))
    assert [s.description for s in sliders] == [f"{q}:" for q in art.forecast_questions["id"]]
    # Screen readers hear the question with the slider's name, and the value with its unit.
    assert [s.spoken_label for s in sliders] == list(art.forecast_questions["question"])
    assert all(s.unit == "% chance of yes" and s.value == 50 for s in sliders)
    sliders[0].value = 80
    button.click()
    assert all(s.disabled for s in sliders) and button.disabled
    assert "Locked" in status.value and "80%" in reveal.value
    assert escalation.outcomes(art)["url"].iloc[0] in reveal.value


# --- Checks ----------------------------------------------------------------------------------


def test_check_both_sides(graph):
    nodes = graph[0]
    assert escalation.check_both_sides(["analysts", "reporter"], nodes).correct
    assert "more than one" in escalation.check_both_sides(["Analysts"], nodes).message
    assert "No speaker" in escalation.check_both_sides(["Putin"], nodes).message
    assert not escalation.check_both_sides(["analysts", "Grenell"], nodes).correct
    assert "Type one" in escalation.check_both_sides([""], nodes).message


def test_check_claim_types(art):
    assert escalation.check_claim_types({"c15": "warning", "c17": "Threat", "c19": "prediction"},
                                    art).correct
    wrong = escalation.check_claim_types({"c15": "threat", "c17": "threat"}, art)
    assert not wrong.correct and "c15" in wrong.message
    assert "Did you mean 'warning'" in escalation.check_claim_types({"c15": "warnin"}, art).message
    assert "no claim 'c77'" in escalation.check_claim_types({"c77": "fact"}, art).message


@pytest.mark.parametrize("c17, correct", [
    ("threat", True),
    ("warning", True),  # the article's own 'stark warnings': rejected before the review
    ("prediction", False),
    ("opinion", False),
])
def test_c17_accepts_threat_or_warning_and_says_why(art, c17, correct):
    answers = {"c15": "warning", "c17": c17, "c19": "prediction"}
    feedback = escalation.check_claim_types(answers, art)
    assert feedback.correct is correct
    if correct:
        assert "stark warnings" in feedback.message and "promises" in feedback.message


def test_check_escalation_claimants(art):
    good = escalation.check_escalation_claimants(["Kremlin", "Grenell"], art, "e01")
    assert good.correct and "A voice from Washington itself" in good.message
    assert "perhaps on the other side" in escalation.check_escalation_claimants(
        ["The Kremlin"], art, "e01").message
    assert not escalation.check_escalation_claimants(["Kremlin", "Grenell", "NATO allies"], art,
                                                 "e01").correct
    assert "No actor called 'Putin'" in escalation.check_escalation_claimants(
        ["Putin"], art, "e01").message


def test_check_ladder_move(art):
    same = escalation.check_ladder_move("e05", 4, "A new country's troops join the fight.", art)
    assert same.correct and same.message.startswith("You agree with the course.")
    other = escalation.check_ladder_move("e05", 2, "Troops moved, maybe not yet in battle.", art)
    assert other.correct and "The course put e05 on rung 4" in other.message
    assert not escalation.check_ladder_move("e05", 2, "", art).correct


@pytest.mark.parametrize(("answer", "correct", "hint"), [
    (0.49, True, "Squaring"), ("0.49", True, "Squaring"), (0.7, False, "Now square it"),
    (0.51, False, "not 1 minus it"), (None, False, "Replace None"), ("lots", False, "not a number"),
    (0.3, False, "subtract it"),
])
def test_check_brier(answer, correct, hint, art):
    result = art.check("escalation.brier", answer)  # 0.7 on something that did not happen
    assert result.correct is correct and hint in result.message


def test_check_discussion_answer(art):
    good = escalation.check_discussion_answer(
        "Both sides: Moscow says it 'would be seen as a severe escalation'.", art)
    assert good.correct and "would be seen as a severe escalation" in good.message
    assert not escalation.check_discussion_answer("Escalation is in the eye of the beholder.",
                                              art).correct
    assert "Write your answer" in escalation.check_discussion_answer("type your answer here",
                                                                 art).message
