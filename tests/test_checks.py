import datetime as dt

import pytest

from newscase import reading


@pytest.mark.parametrize("answer", ["2024-11-17", dt.date(2024, 11, 17), " 2024-11-17 ",
                                    dt.datetime(2024, 11, 17, 9, 30)])
def test_the_inferred_date_is_accepted_in_any_form(answer, art):
    feedback = reading.check_article_date(answer, art)
    assert feedback.correct
    assert "Sunday" in feedback.message


@pytest.mark.parametrize("answer, hint", [
    ("2024-11-18", "is a Monday"),
    ("2024-11-24", "57 days"),
    ("2024-11-10", "71 days"),
    ("YYYY-MM-DD", "YYYY-MM-DD"),
    (None, "YYYY-MM-DD"),
    ("", "YYYY-MM-DD"),
    ("9999-99-99", "YYYY-MM-DD"),
])
def test_wrong_dates_get_a_hint_toward_the_answer(answer, hint, art):
    feedback = reading.check_article_date(answer, art)
    assert not feedback.correct
    assert hint in feedback.message


def test_the_other_sunday_is_told_the_text_fits_it_and_pointed_to_the_wire(art):
    """24 November fits 'just two months before' about as well as 17 November: the old hint
    called it too far. The text cannot choose; the outside wire report settles it."""
    other = reading.check_article_date("2024-11-24", art)
    assert not other.correct
    assert "fits the text" in other.message and "art.sources" in other.message
    assert "calendar months before it is" not in other.message  # not the 'too far' hint
    far = reading.check_article_date("2024-11-10", art)
    assert "2 calendar months before it is Wednesday 20 November 2024" in far.message
    assert "fits the text" not in far.message


@pytest.mark.parametrize("answer, correct, phrase", [
    (3, True, "why"), ("3", True, "why"), (2, False, "too low"), (7, False, "too high"),
    (None, False, "Replace None"), ("three", False, "not a whole number"),
    (True, False, "Replace None"),
])
def test_check_number(answer, correct, phrase):
    feedback = reading.check_number(answer, correct=3, why="why")
    assert feedback.correct is correct
    assert phrase in feedback.message


def test_check_choice_separates_a_wrong_option_from_a_typo():
    options = ["likely", "up to", "reportedly"]
    assert reading.check_choice(" Up To ", "up to", "ok", options).correct
    wrong = reading.check_choice("likely", "up to", "ok", options)
    typo = reading.check_choice("upto", "up to", "ok", options)
    assert not wrong.correct and "Look again" in wrong.message
    assert not typo.correct and "not one of the options" in typo.message


def test_feedback_html_escapes_its_message():
    html = reading.Feedback(False, "<b>bold</b> & co")._repr_html_()
    assert "<b>bold</b>" not in html and "&lt;b&gt;" in html
    assert str(reading.Feedback(True, "fine")) == "Correct: fine"
