import datetime as dt

from newscase import reading, timeline


def parts(panel):
    controls, legend, caption, body = panel.children
    return controls.children, caption, body


def test_highlighter_starts_with_actors_and_hedges(art):
    (actors, hedges, quotes, _menu), caption, body = parts(reading.article_highlighter(art))
    assert actors.value and hedges.value and not quotes.value
    assert 'class="nc-actor"' in body.value and 'class="nc-hedge"' in body.value
    assert "nc-quote" not in body.value
    assert "Highlighted:" in caption.value


def test_unticking_everything_shows_plain_text_and_says_what_to_do(art):
    (actors, hedges, quotes, _menu), caption, body = parts(reading.article_highlighter(art))
    actors.value = hedges.value = quotes.value = False
    assert "<mark" not in body.value
    assert "Tick a box" in caption.value
    assert "Kremlin" in body.value


def test_choosing_one_actor_marks_only_their_mentions(art):
    (_a, hedges, _q, menu), caption, body = parts(reading.article_highlighter(art))
    hedges.value = False
    menu.value = "Donald Trump"
    assert body.value.count('class="nc-actor"') == 3  # "Donald Trump", "Trump", "Trump’s"
    assert set(body.value.split('title="')[1:][i].split('"')[0]
               for i in range(3)) == {"Donald Trump"}


def test_every_actor_choice_renders(art):
    (_a, _h, _q, menu), caption, body = parts(reading.article_highlighter(art))
    for name in menu.options:
        menu.value = name
        assert "<mark" in body.value, name


def test_date_exercise_gives_feedback_on_check(art):
    picker_row, feedback = timeline.date_exercise(art).children
    picker, button = picker_row.children
    button.click()
    assert "Not yet" in feedback.value
    picker.value = dt.date(2024, 11, 17)
    button.click()
    assert "Correct" in feedback.value


def test_building_a_panel_freezes_the_survivors_for_short_gc_pauses(art):
    import gc

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    timeline.timeline_slider(art)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
