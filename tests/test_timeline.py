"""Notebook 02's library: the date resolver, the timeline frame, its figure, widgets and checks."""

import dataclasses
import datetime as dt
import json
import re

import pandas as pd
import pytest

from newscase import text, timeline
from newscase.data import Article
from newscase.present.palette import OKABE_ITO

D = dt.date
ARTICLE_DAY = D(2024, 11, 17)  # a Sunday
WEDNESDAY = D(2024, 11, 20)
LATER_SUNDAY = D(2024, 11, 24)

# Every phrase of the article's time_phrases table, seen from the article's day and from another
# day, so the expectations are worked out here rather than copied from events.csv:
# (phrase, reference, start, end, precision).
EXPECTED = [
    ("has approved", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("has approved", WEDNESDAY, None, WEDNESDAY, "before"),
    ("on Sunday", ARTICLE_DAY, ARTICLE_DAY, ARTICLE_DAY, "day"),
    ("on Sunday", WEDNESDAY, ARTICLE_DAY, ARTICLE_DAY, "day"),
    ("on Sunday", LATER_SUNDAY, LATER_SUNDAY, LATER_SUNDAY, "day"),
    ("on Sunday", D(2024, 11, 23), ARTICLE_DAY, ARTICLE_DAY, "day"),  # Saturday: 6 days back
    ("in the coming days", ARTICLE_DAY, D(2024, 11, 18), None, "after"),
    ("in the coming days", D(2024, 12, 31), D(2025, 1, 1), None, "after"),
    ("in his nightly address", ARTICLE_DAY, ARTICLE_DAY, ARTICLE_DAY, "approximate"),
    ("in his nightly address", WEDNESDAY, WEDNESDAY, WEDNESDAY, "approximate"),
    ("follows reports", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("follows reports", WEDNESDAY, None, WEDNESDAY, "before"),
    ("have reportedly engaged", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("have reportedly engaged", WEDNESDAY, None, WEDNESDAY, "before"),
    ("has not issued an official response", ARTICLE_DAY, ARTICLE_DAY, None, "after"),
    ("has not issued an official response", WEDNESDAY, WEDNESDAY, None, "after"),
    ("has previously warned", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("has previously warned", WEDNESDAY, None, WEDNESDAY, "before"),
    ("Meanwhile", ARTICLE_DAY, ARTICLE_DAY, ARTICLE_DAY, "approximate"),
    ("Meanwhile", WEDNESDAY, WEDNESDAY, WEDNESDAY, "approximate"),
    # Anchored on the stated 20 January 2025, so the reference date does not matter.
    ("just two months before", ARTICLE_DAY, WEDNESDAY, WEDNESDAY, "approximate"),
    ("just two months before", D(2025, 6, 1), WEDNESDAY, WEDNESDAY, "approximate"),
    ("January 20, 2025", ARTICLE_DAY, D(2025, 1, 20), D(2025, 1, 20), "day"),
    ("January 20, 2025", D(2024, 1, 1), D(2025, 1, 20), D(2025, 1, 20), "day"),
    ("has pledged", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("has pledged", WEDNESDAY, None, WEDNESDAY, "before"),
    ("has yet to elaborate", ARTICLE_DAY, ARTICLE_DAY, None, "after"),
    ("has yet to elaborate", WEDNESDAY, WEDNESDAY, None, "after"),
    ("in its final weeks", ARTICLE_DAY, ARTICLE_DAY, D(2025, 1, 20), "range"),
    ("in its final weeks", D(2025, 1, 1), D(2025, 1, 1), D(2025, 1, 20), "range"),
    ("has alarmed", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("has alarmed", WEDNESDAY, None, WEDNESDAY, "before"),
    ("has been critical", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("has been critical", WEDNESDAY, None, WEDNESDAY, "before"),
    ("has come too late", ARTICLE_DAY, None, ARTICLE_DAY, "before"),
    ("has come too late", WEDNESDAY, None, WEDNESDAY, "before"),
]

# Which phrase dates which event: our own reading of the article, checked against events.csv.
EVENT_PHRASES = {
    "e01": "has approved",
    "e02": "on Sunday",
    "e03": "in his nightly address",
    "e04": "in the coming days",
    "e05": "follows reports",
    "e06": "have reportedly engaged",
    "e07": "has previously warned",
    "e09": "Meanwhile",
    "e12": "has pledged",
    "e13": "January 20, 2025",
}


@pytest.fixture(scope="module")
def tl(art):
    return timeline.timeline_frame(art.events)


# --- the phrase table -------------------------------------------------------------------------


def test_every_phrase_is_verbatim_in_the_article_once(art):
    for wording in timeline.known_phrases(art):
        assert art.text.count(wording) == 1, wording


# "has"/"have", an optional adverb, then a past participle: the present perfect, which places
# something before the article's day. ("have a range" is not one.)
PRESENT_PERFECT = re.compile(r"\b(?:has|have)(?: (?:not|yet|previously|reportedly))? "
                             r"(?:been|come|\w+ed)\b")


def test_every_present_perfect_in_the_article_is_a_known_phrase(art):
    found = [m.group(0) for m in PRESENT_PERFECT.finditer(art.text)]
    assert len(found) >= 8
    known = timeline.known_phrases(art)
    assert [f for f in found if not any(f in phrase for phrase in known)] == []


def test_the_issue_and_brief_phrases_are_all_known(art):
    for phrase in ["Sunday", "in the coming days", "two months before January 20, 2025",
                   "previously", "has previously warned", "in its final weeks",
                   "nightly address", "January 20, 2025", "has pledged",
                   "have reportedly engaged"]:
        found = timeline.resolve(phrase, ARTICLE_DAY, article=art)
        assert found.phrase in timeline.known_phrases(art)


def test_every_phrase_has_an_expectation_from_two_reference_dates(art):
    references = {}
    for phrase, ref, *_ in EXPECTED:
        references.setdefault(phrase, set()).add(ref)
    assert set(references) == set(timeline.known_phrases(art))
    assert all(ARTICLE_DAY in refs and len(refs) >= 2 for refs in references.values())


@pytest.mark.parametrize("phrase, ref, start, end, precision", EXPECTED)
def test_resolve(phrase, ref, start, end, precision, art):
    found = timeline.resolve(phrase, ref, article=art)
    assert (found.start, found.end, found.precision) == (start, end, precision)
    assert found.phrase == phrase and found.reference == ref
    assert found.reasoning and "\n" not in found.reasoning
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.start = None


@pytest.mark.parametrize("event_id, phrase", EVENT_PHRASES.items())
def test_resolver_agrees_with_events_csv(event_id, phrase, art):
    event = art.events.set_index("id").loc[event_id]
    found = timeline.resolve(phrase, art.date, article=art)
    assert found.precision == event["date_precision"]
    assert found.date == event["date"].date()
    sentence = text.sentence_spans(art.text, [(event["evidence_start"], event["evidence_end"])],
                                   "when", "")
    assert phrase in " ".join(sentence["text"])


def test_inauguration_date_is_read_from_the_article_wording(art):
    stated = art.time_phrases.set_index("id").loc["take-office", "evidence"]
    assert art.text.count(stated) == 1
    assert timeline.stated_date(art, "take-office") == dt.date(2025, 1, 20)


@pytest.mark.parametrize("typed", ["Sunday", "  ON   sunday. ", "“on Sunday”", "'Sunday'",
                                   "confirmed on Sunday"])
def test_case_quotes_and_spacing_do_not_matter(typed, art):
    assert timeline.resolve(typed, ARTICLE_DAY, article=art).phrase == "on Sunday"


@pytest.mark.parametrize("reference", [ARTICLE_DAY, dt.datetime(2024, 11, 17, 22, 5),
                                       pd.Timestamp("2024-11-17"), "2024-11-17", " 2024-11-17 "])
def test_reference_date_in_any_form(reference):
    assert timeline.resolve("in the coming days", reference).start == D(2024, 11, 18)


def test_unknown_phrase_lists_what_the_resolver_knows(art):
    with pytest.raises(ValueError) as error:
        timeline.resolve("next Tuesday", ARTICLE_DAY, article=art)
    message = str(error.value)
    assert "does not know 'next Tuesday'" in message
    assert all(f"'{p}'" in message for p in timeline.known_phrases(art))


def test_a_typo_gets_a_suggestion(art):
    with pytest.raises(ValueError, match="Did you mean 'has previously warned'"):
        timeline.resolve("previosly", ARTICLE_DAY, article=art)


@pytest.mark.parametrize("phrase", ["", "   ", None])
def test_no_phrase_says_what_to_do(phrase):
    with pytest.raises(ValueError, match="Type or pick a time phrase"):
        timeline.resolve(phrase, ARTICLE_DAY)


@pytest.mark.parametrize("reference", [None, "", "next week", "2024-13-01"])
def test_no_reference_date_says_what_to_do(reference):
    with pytest.raises(ValueError, match="Pick a reference date"):
        timeline.resolve("on Sunday", reference)


def test_final_weeks_after_the_handover_explains_itself(art):
    with pytest.raises(ValueError, match="runs up to Monday 20 January 2025, so seen from Monday "
                       "20 January 2025 it is over. Pick a reference date before then"):
        timeline.resolve("in its final weeks", D(2025, 1, 20), article=art)


def test_resolution_date_is_what_events_csv_records_and_describe_reads_well(art):
    before = timeline.resolve("has pledged", ARTICLE_DAY, article=art)
    assert before.date == ARTICLE_DAY
    assert before.describe() == "on or before Sunday 17 November 2024, with no earliest date"
    weeks = timeline.resolve("in its final weeks", ARTICLE_DAY, article=art)
    assert weeks.date == ARTICLE_DAY
    assert weeks.describe() == "from Sunday 17 November 2024 to Monday 20 January 2025"
    assert str(weeks).startswith("'in its final weeks': from Sunday 17 November 2024")


def test_reasoning_names_the_reference_date_when_it_depends_on_it(art):
    pledged = timeline.resolve("has pledged", WEDNESDAY, article=art)
    assert "Wednesday 20 November 2024" in pledged.reasoning
    assert "3 days before" in timeline.resolve("on Sunday", WEDNESDAY).reasoning
    assert "itself a Sunday" in timeline.resolve("on Sunday", ARTICLE_DAY).reasoning


@pytest.mark.parametrize("day, months, expected", [
    (D(2025, 1, 20), 2, D(2024, 11, 20)), (D(2025, 3, 5), 2, D(2025, 1, 5)),
    (D(2024, 12, 1), 12, D(2023, 12, 1)), (D(2025, 3, 31), 1, D(2025, 2, 28)),
])
def test_months_before(day, months, expected):
    assert timeline.months_before(day, months) == expected


def test_phrase_table_has_every_phrase_and_survives_a_late_reference(art):
    table = timeline.phrase_table(ARTICLE_DAY, article=art)
    assert list(table["phrase"]) == timeline.known_phrases(art)
    late = timeline.phrase_table(D(2025, 3, 1), article=art).set_index("phrase")
    assert late.loc["in its final weeks", "dates"] == "—"
    assert "Pick a reference date before then" in late.loc["in its final weeks", "reasoning"]


# --- the timeline frame -----------------------------------------------------------------------


def test_timeline_is_in_time_order_with_before_first(tl):
    assert list(tl["id"][:5]) == ["e01", "e05", "e06", "e07", "e12"]
    assert list(tl["id"][-2:]) == ["e04", "e13"]
    assert tl["axis_label"].is_unique


def test_windows_follow_the_precision(tl):
    rows = tl.set_index("id")
    assert pd.isna(rows.loc["e07", "earliest"])
    assert rows.loc["e07", "latest"] == pd.Timestamp(ARTICLE_DAY)
    assert pd.isna(rows.loc["e04", "latest"])
    assert rows.loc["e03", "earliest"] == pd.Timestamp("2024-11-16")
    assert rows.loc["e03", "latest"] == pd.Timestamp("2024-11-18")
    assert rows.loc["e13", "earliest"] == rows.loc["e13", "latest"] == pd.Timestamp("2025-01-20")
    assert rows.loc["e13", "basis"] == "stated"
    assert rows.loc["e02", "basis"] == "inferred from the text"


def test_hover_holds_evidence_and_reasoning(tl):
    hover = tl.set_index("id").loc["e07", "hover"].replace("<br>", " ")
    assert "“has previously warned that loosening" in hover
    assert "why: 'Has previously warned': some time before the article" in hover


def test_summaries_that_shorten_alike_keep_their_own_rows(art):
    twins = art.events.head(2).assign(summary="A very long summary " * 6)
    frame = timeline.timeline_frame(twins)
    assert frame["axis_label"].is_unique
    assert frame["axis_label"].str.endswith(("(e01)", "(e02)")).all()


def test_an_event_from_an_outside_source_shows_its_source(art):
    sourced = art.events.head(1).assign(evidence=pd.NA, evidence_start=pd.NA, evidence_end=pd.NA,
                                        source="reuters-2024-11-17")
    frame = timeline.timeline_frame(sourced)
    assert "source: reuters-2024-11-17" in frame.loc[0, "hover"]
    assert timeline.day_spans(art.text, timeline.events_on(frame, ARTICLE_DAY)).empty


def test_no_events_make_an_empty_timeline(art):
    frame = timeline.timeline_frame(art.events.iloc[:0])
    assert frame.empty and list(frame.columns) == timeline.TIMELINE_COLUMNS


def test_chronological_order(tl):
    assert timeline.chronological(tl, ["e13", "e02", "e12"]) == ["e12", "e02", "e13"]


def test_slider_days_run_a_few_days_past_the_first_and_last_dates(tl):
    days = timeline.days_around(tl)
    assert days[0] == D(2024, 11, 14) and days[-1] == D(2025, 1, 23)
    assert ARTICLE_DAY in days and len(days) == len(set(days))


@pytest.mark.parametrize("day, ids, open_count", [
    (D(2024, 11, 14), {"e01", "e05", "e06", "e07", "e12"}, 5),
    (ARTICLE_DAY, {"e01", "e02", "e03", "e05", "e06", "e07", "e08", "e09", "e10", "e11", "e12"},
     5),
    (D(2024, 12, 25), {"e04"}, 1),
    (D(2025, 1, 20), {"e04", "e13"}, 1),
])
def test_events_on_a_day(tl, day, ids, open_count):
    found = timeline.events_on(tl, day)
    assert set(found["id"]) == ids
    assert int(found["open"].sum()) == open_count


def test_day_caption_counts_and_explains(tl):
    caption = timeline.day_caption(timeline.events_on(tl, ARTICLE_DAY), ARTICLE_DAY)
    assert caption.startswith("11 events speak of 17 Nov 2024: 6 dated on or close")
    one = timeline.day_caption(timeline.events_on(tl, D(2024, 12, 25)), D(2024, 12, 25))
    assert one == ("1 event speaks of 25 Dec 2024: 1 with an open-ended date that may include "
                   "it (dashed underline).")


def test_a_day_with_no_events_gets_a_friendly_caption(tl):
    empty = timeline.events_on(tl.iloc[:0], D(2030, 1, 1))
    caption = timeline.day_caption(empty, D(2030, 1, 1))
    assert "No event in the article is dated to 1 Jan 2030" in caption
    assert "Move the slider" in caption
    assert timeline.day_spans("Some text.", empty).empty


def test_day_spans_light_whole_sentences(tl, art):
    spans = timeline.day_spans(art.text, timeline.events_on(tl, D(2025, 1, 20)))
    assert set(spans["category"]) == {"when", "when-open"}
    sentence = spans[spans["category"] == "when"].iloc[0]
    assert sentence["text"].startswith("This policy shift comes just two months before")
    assert 'class="nc-when"' in text.highlight(art.text, spans)


def test_happened_and_reported_table(tl):
    table = timeline.happened_and_reported(tl, ARTICLE_DAY)
    assert list(table.columns) == ["event", "happened", "reported"]
    assert set(table["reported"]) == {"17 Nov 2024"}


# --- a made-up article with a range and HTML-like text ----------------------------------------


def toy_article() -> Article:
    body = "On <Monday> the <b>council</b> met. From May to June, A & B talked."
    first, second = "the <b>council</b> met", "A & B talked"
    rows = [
        ("t1", "2024-05-06", None, "day", "stated", "Said so.", "occurred",
         "The <b>council</b> meets", first),
        ("t2", "2024-05-01", "2024-06-30", "range", "inferred-from-text", "May to June.",
         "reported", "A & B talk <script>", second),
    ]
    events = pd.DataFrame(rows, columns=["id", "date", "date_end", "date_precision",
                                         "date_basis", "date_reasoning", "status", "summary",
                                         "evidence"])
    events["date"] = pd.to_datetime(events["date"])
    events["date_end"] = pd.to_datetime(events["date_end"])
    events["evidence_start"] = pd.array([body.find(first), body.find(second)], dtype="Int64")
    events["evidence_end"] = events["evidence_start"] + events["evidence"].str.len()
    return Article("toy", None, body, "Toy", D(2024, 5, 6), {}, {"events": events})


def test_range_events_get_a_window_and_a_bar():
    toy = toy_article()
    frame = timeline.timeline_frame(toy.events)
    row = frame.set_index("id").loc["t2"]
    assert (row["earliest"], row["latest"]) == (pd.Timestamp("2024-05-01"),
                                                pd.Timestamp("2024-06-30"))
    assert row["when"] == "from Wednesday 1 May 2024 to Sunday 30 June 2024"
    assert set(timeline.events_on(frame, "2024-06-15")["id"]) == {"t2"}
    chart = timeline.timeline_chart(frame, toy.date)
    bar = next(t for t in chart.figure.data if t.name == "reported, from … to")
    assert bar.mode == "lines+markers" and len(bar.x) == 3


def test_data_text_is_escaped_in_the_figure_and_the_slider():
    toy = toy_article()
    frame = timeline.timeline_frame(toy.events)
    assert "&lt;script&gt;" in frame.set_index("id").loc["t2", "axis_label"]
    chart_json = timeline.timeline_chart(frame, toy.date).figure.to_json()
    assert "<script>" not in chart_json and "<b>council" not in chart_json
    panel = timeline.timeline_slider(toy)
    slider, _key, caption, body = panel.children
    slider.value = D(2024, 5, 6)
    assert "&lt;b&gt;council&lt;/b&gt;" in body.value and "<b>council" not in body.value
    assert "&lt;Monday&gt;" in body.value
    assert "2 events speak of 6 May 2024" in caption.value


# --- the figure -------------------------------------------------------------------------------


def test_timeline_chart_has_title_axes_palette_symbols_and_summary(tl, art):
    chart = timeline.timeline_chart(tl, art.date)
    layout = chart.figure.layout
    assert layout.title.text and layout.xaxis.title.text and layout.yaxis.title.text
    markers = [t for t in chart.figure.data if t.mode == "markers"]
    assert {t.marker.color for t in markers} <= set(OKABE_ITO.values())
    symbols = {t.name.split(", ")[1]: t.marker.symbol for t in markers}
    assert symbols == {"on the day": "circle", "on or about": "circle-open",
                       "on or before": "triangle-left", "on or after": "triangle-right"}
    assert sum(len(t.x) for t in markers) == len(tl)
    assert chart.summary.startswith("13 events (8 occurred, 3 reported, 1 expected, 1 scheduled)")
    assert "\n" not in chart.summary


def test_status_colours_are_distinct_okabe_ito():
    colours = list(timeline.TIMELINE_COLOURS.values())
    assert len(set(colours)) == 4 and set(colours) <= set(OKABE_ITO.values())


def test_reference_line_and_x_range(tl, art):
    figure = timeline.timeline_chart(tl, art.date).figure
    (line,) = figure.layout.shapes
    assert pd.Timestamp(line.x0) == pd.Timestamp(art.date) == pd.Timestamp(line.x1)
    assert figure.layout.annotations[0].text == "article published (inferred)"
    low, high = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    assert low < pd.Timestamp(art.date) and high > pd.Timestamp("2025-01-20")


def test_open_ended_dates_get_dotted_lines_to_the_edge(tl, art):
    figure = timeline.timeline_chart(tl, art.date).figure
    dotted = next(t for t in figure.data if t.mode == "lines")
    assert dotted.line.dash == "dot"
    assert sum(x is None for x in dotted.x) == 6  # five 'before' events and one 'after'


def test_timeline_chart_is_deterministic(tl, art):
    first = timeline.timeline_chart(tl, art.date).figure.to_json()
    second = timeline.timeline_chart(timeline.timeline_frame(art.events), art.date).figure.to_json()
    assert first == second
    assert '"uid"' not in first
    json.loads(first)


def test_timeline_chart_survives_no_events(tl, art):
    chart = timeline.timeline_chart(tl.iloc[:0], art.date)
    assert "nothing to put on a timeline" in chart.summary and len(chart.figure.data) == 0


# --- widgets ----------------------------------------------------------------------------------


def resolver_parts(art):
    controls, result = timeline.date_resolver(art).children
    phrase, reference = controls.children
    return phrase, reference, result


def test_resolver_widget_starts_on_the_article_date(art):
    phrase, reference, result = resolver_parts(art)
    assert reference.value == art.date and phrase.value == "on Sunday"
    assert "Sunday 17 November 2024" in result.value
    phrase.value = "in the coming days"
    assert "on or after Monday 18 November 2024" in result.value
    reference.value = D(2024, 12, 1)
    assert "Monday 2 December 2024" in result.value


@pytest.mark.parametrize("typed, expected", [
    ("next Tuesday", "does not know"), ("", "Type or pick"), ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
])
def test_resolver_widget_explains_odd_phrases(art, typed, expected):
    phrase, _reference, result = resolver_parts(art)
    phrase.value = typed
    assert expected in result.value
    assert "Traceback" not in result.value


def test_resolver_widget_explains_a_missing_or_late_date(art):
    phrase, reference, result = resolver_parts(art)
    reference.value = None
    assert "Pick a reference date" in result.value
    phrase.value, reference.value = "in its final weeks", D(2025, 6, 1)
    assert "it is over. Pick a reference date before then" in result.value


def test_timeline_slider_lights_sentences_and_survives_its_ends(art):
    slider, key, caption, body = timeline.timeline_slider(art).children
    assert slider.value == art.date
    assert "11 events speak of 17 Nov 2024" in caption.value
    assert "nc-when" in key.value or "dated on or close" in key.value
    slider.value = slider.options[0][1]
    assert "5 events speak of 14 Nov 2024" in caption.value
    assert 'class="nc-when"' not in body.value and 'class="nc-when-open"' in body.value
    slider.value = slider.options[-1][1]
    assert "1 event speaks of 23 Jan 2025" in caption.value


def test_timeline_slider_for_an_article_without_events(art):
    empty = Article("empty", None, "Nothing.", "Empty", ARTICLE_DAY, {},
                    {"events": art.events.iloc[:0]})
    (message,) = timeline.timeline_slider(empty).children
    assert "no dated events" in message.value


# --- checks -----------------------------------------------------------------------------------

ORDER = ["e12", "e02", "e13"]


@pytest.mark.parametrize("answer, correct, phrase", [
    (["e12", "e02", "e13"], True, "why"),
    ([" E12", "e02 ", "E13"], True, "why"),
    (("e12", "e02", "e13"), True, "why"),
    (["e13", "e02", "e12"], False, "The first is not the earliest"),
    (["e12", "e13", "e02"], False, "The first is in place"),
    (["e12", "e12", "e13"], False, "exactly once"),
    (["e12", "e02"], False, "exactly once"),
    (["e12", "e02", "e99"], False, "'e99' is not one of the events"),
    ("e12, e02, e13", False, "square brackets"),
    (None, False, "square brackets"),
])
def test_check_event_order(answer, correct, phrase):
    feedback = timeline.check_event_order(answer, ORDER, why="why")
    assert feedback.correct is correct
    assert phrase in feedback.message


def test_check_event_order_never_lists_the_answer():
    for answer in (None, ["e12", "e12"], ["x"]):
        assert "e12, e02, e13" not in timeline.check_event_order(answer, ORDER, "why").message


@pytest.mark.parametrize("answer, correct, phrase", [
    ("2024-11-18", True, "on or after Monday 18 November 2024"),
    (D(2024, 11, 18), True, "no end"),
    ("2024-11-25", False, "asks for the earliest day"),
    ("2024-11-17", False, "the same day as the reference date"),
    ("2024-11-10", False, "7 days before the reference date"),
    ("YYYY-MM-DD", False, "YYYY-MM-DD"),
    (None, False, "YYYY-MM-DD"),
])
def test_check_phrase_date_coming_days(answer, correct, phrase):
    coming_days = timeline.resolve("in the coming days", ARTICLE_DAY)
    feedback = timeline.check_phrase_date(answer, coming_days)
    assert feedback.correct is correct
    assert phrase in feedback.message


def test_check_phrase_date_other_precisions(art):
    before = timeline.resolve("has previously warned", ARTICLE_DAY, article=art)
    assert timeline.check_phrase_date("2024-11-17", before).correct
    assert "the latest day" in timeline.check_phrase_date("2024-11-01", before).message
    weeks = timeline.resolve("in its final weeks", ARTICLE_DAY, article=art)
    assert "its first day" in timeline.check_phrase_date("2024-12-25", weeks).message
    sunday = timeline.resolve("on Sunday", WEDNESDAY)
    assert timeline.check_phrase_date("2024-11-17", sunday).correct
    assert "3 days after" in timeline.check_phrase_date("2024-11-23", sunday).message


@pytest.mark.parametrize("answer, event_id, correct, phrase", [
    ("inferred", "e02", True, "two Sundays"),
    (" Inferred ", "e02", True, "two Sundays"),
    ("inferred-from-text", "e02", True, "two Sundays"),
    ("stated", "e02", False, "only a clue"),
    ("stated", "e13", True, "given in the article"),
    ("inferred", "e13", False, "in so many words"),
    ("dunno", "e13", False, "not one of the options: stated, inferred, outside source"),
    (None, "e13", False, "not one of the options"),
])
def test_check_date_basis(answer, event_id, correct, phrase, art):
    feedback = timeline.check_date_basis(answer, art.events, event_id)
    assert feedback.correct is correct
    assert phrase in feedback.message


def test_check_date_basis_names_a_bad_event_id(art):
    with pytest.raises(ValueError, match="No event 'e99'"):
        timeline.check_date_basis("stated", art.events, "e99")
