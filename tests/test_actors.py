import json

import pytest

from conftest import ARTICLE_DIR
from newscase import actors


@pytest.mark.parametrize("query, actor_id", [
    ("zelenskiy", "zelenskiy"), ("Volodymyr Zelenskiy", "zelenskiy"), ("KYIV", "ukraine"),
    (" Washington ", "united-states"), ("Moscow", "russia"),
])
def test_find_actor_accepts_ids_names_and_aliases(art, query, actor_id):
    assert actors.find_actor(art, query)["id"] == actor_id


def test_find_actor_suggests_a_name_for_a_typo(art):
    with pytest.raises(LookupError, match="Did you mean 'Volodymyr Zelenskiy'"):
        actors.find_actor(art, "Zelensky")


def test_search_matches_names_aliases_and_roles(art):
    assert actors.search_actors(art, "council") == [
        "Alex Plitsas", "Andrei Klishas", "Atlantic Council", "Federation Council"]
    assert actors.search_actors(art, "kyiv") == ["Ukraine"]
    assert actors.search_actors(art, "no such actor") == []


def test_quotes_and_claims_are_those_of_the_actor(art):
    assert list(actors.actor_quotes(art, "klishas")["evidence"]) == ["complete ruins"]
    assert set(actors.actor_claims(art, "analysts")["id"]) == {"c27", "c28"}
    assert actors.actor_quotes(art, "trump").empty


def test_stance_table_holds_only_coded_actors_ordered_against_to_for(art):
    table = actors.stance_table(art)
    assert table["stance"].notna().all()
    assert list(table["stance"]) == sorted(table["stance"])
    assert table.loc[table["id"] == "kremlin", "country_name"].item() == "Russia"
    assert table.loc[table["id"] == "plitsas", "country_name"].item() == actors.NO_COUNTRY


def test_attribution_labels_cover_the_schema_enum():
    descriptor = json.loads((ARTICLE_DIR / "datapackage.json").read_text(encoding="utf-8"))
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    field = next(f for f in claims["schema"]["fields"] if f["name"] == "attribution")
    assert list(actors.ATTRIBUTION_LABELS) == field["constraints"]["enum"]
    assert set(actors.SOURCING) == set(actors.ATTRIBUTION_LABELS)


def test_attribution_table_adds_up_to_every_claim(art):
    table = actors.attribution_table(art)
    assert table["claims"].sum() == len(art.claims)
    assert abs(table["share"].sum() - 1) < 0.01
    assert list(table["claims"]) == sorted(table["claims"], reverse=True)


def test_reaction_edges_follow_the_argument_map(art):
    edges = actors.reaction_edges(art)
    assert len(edges) == (art.arguments["position"] != "root").sum() - 2  # two by the reporter
    sikorski = edges[edges["source"] == "sikorski"].iloc[0]
    assert (sikorski["target"], sikorski["relation"]) == ("decision", "supports")
    reply = edges[edges["argument"] == "a09"].iloc[0]  # analysts attack other analysts' point
    assert (reply["source"], reply["target"]) == ("analysts", "analysts")


def test_circle_layout_is_deterministic_and_on_the_unit_circle():
    layout = actors.circle_layout(["decision", "a", "b", "c", "d"])
    assert layout.iloc[0].tolist() == ["decision", 0.0, 0.0]
    assert layout.iloc[1][["x", "y"]].tolist() == [0.0, 1.0]  # first ring node at the top
    assert ((layout["x"] ** 2 + layout["y"] ** 2).round(6).iloc[1:] == 1).all()
    assert layout.equals(actors.circle_layout(["decision", "a", "b", "c", "d"]))


def test_reaction_nodes_put_the_decision_at_the_centre(art):
    nodes = actors.reaction_nodes(art, actors.reaction_edges(art))
    assert nodes.iloc[0][["node", "x", "y"]].tolist() == ["decision", 0.0, 0.0]
    assert set(nodes["node"]) >= {"kremlin", "sikorski", "plitsas"}


def test_actor_card_escapes_and_reports_empty_sections(art):
    card = actors.actor_card(art, "trump")
    assert "No quotes" in card and "Stance: <i>not coded</i>" in card
    klishas = actors.actor_card(art, "klishas")
    assert "&quot;complete ruins&quot;" in klishas and '"complete ruins"' not in klishas
    assert "How we know: their own words, quoted" in klishas
    assert klishas.count('class="nc-evidence"') >= 1


def test_stance_chart_summary_and_style(art):
    chart = actors.stance_chart(actors.stance_table(art))
    assert "11 actors have a coded stance: 5 for the decision, 5 against it" in chart.summary
    assert chart.figure.layout.title.text and chart.figure.layout.xaxis.title.text
    assert chart.figure.layout.xaxis.range == (-2.5, 2.5)


def test_attribution_chart_summary_counts_every_claim(art):
    chart = actors.attribution_chart(actors.attribution_table(art))
    assert chart.summary.startswith(f"Of {len(art.claims)} claims")


def test_reaction_graph_styles_relations_apart_not_only_by_colour(art):
    edges = actors.reaction_edges(art)
    chart = actors.reaction_graph(actors.reaction_nodes(art, edges), edges)
    dashes = {t.name: t.line.dash for t in chart.figure.data if t.mode == "lines"}
    assert dashes == {"supports the target": "solid", "attacks the target": "dash"}
    assert "also argue among themselves" in chart.summary


def test_actor_explorer_search_pick_and_empty_result(art):
    panel = actors.actor_explorer(art, start="Kremlin")
    (search, menu), status, card = panel.children[0].children, *panel.children[1:]
    assert "The Kremlin" in card.value
    search.value = "xyz"
    assert menu.options == () and "No actor matches" in status.value and card.value == ""
    search.value = "grenell"
    menu.value = "Richard Grenell"
    assert "Trump&#x27;s key foreign policy advisers" in card.value


def test_check_attributions(art):
    right = {"c01": "anonymous-official", "c10": "unattributed-reports",
             "c17": "named-on-record"}
    assert actors.check_attributions(right, art).correct
    partly = actors.check_attributions({**right, "c10": "reporter"}, art)
    assert not partly.correct and "2 of 3 right" in partly.message and "c10" in partly.message
    assert "not an attribution type" in actors.check_attributions({"c01": "x"}, art).message
    assert "no claim c99" in actors.check_attributions({"c99": "group"}, art).message


@pytest.mark.parametrize("c01, correct", [
    ("anonymous-official", True),
    ("sources-familiar", True),  # the layered sourcing's second layer: rejected before the review
    ("named-on-record", False),
    ("reporter", False),
])
def test_c01_accepts_either_layer_of_its_anonymous_sourcing(art, c01, correct):
    answers = {"c01": c01, "c10": "unattributed-reports", "c17": "named-on-record"}
    feedback = actors.check_attributions(answers, art)
    assert feedback.correct is correct
    if correct:  # the explanation says why both codes fit
        assert "Both codes fit" in feedback.message and "sources-familiar" in feedback.message


def test_only_the_biden_administration_has_a_stance_without_a_word_of_its_own(art):
    assert list(actors.silent_actors(art)["id"]) == ["biden-administration"]


@pytest.mark.parametrize("answer, correct", [
    ("Biden administration", True), ("biden-administration", True), ("Trump", False), ("", False),
    ("Kremlin", False),  # warns in reported speech (c15)
    ("Ukraine", False),  # its stance is the course's inference
])
def test_check_silent_actor(art, answer, correct):
    assert actors.check_silent_actor(answer, art).correct is correct


@pytest.mark.parametrize("answer, correct, phrase", [
    (["Zelenskiy", "klishas"], True, "inference"),
    (["Zelenskiy"], False, "Not quite"),
    (["Zelenskiy", "Andrei Klishas", "Alex Plitsas"], False, "Not quite"),
    (["Donald Trump"], False, "not quoted"),
    (["Zelensky"], False, "Did you mean"),
])
def test_check_translated_quotes(art, answer, correct, phrase):
    feedback = art.check("actors.translated-quotes", answer)
    assert feedback.correct is correct and phrase in feedback.message
