import html
import re
from html.parser import HTMLParser

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from newscase import text
from newscase.present.palette import HIGHLIGHT_STYLES


def test_word_pattern_does_not_match_inside_a_longer_word():
    assert not text.word_pattern("Russia").search("Russian forces")
    assert text.word_pattern("U.S.").search("the U.S.-made weapons")


def test_longest_alias_wins_where_aliases_overlap(art):
    mentions = text.actor_mentions(art.text, art.actors)
    at = art.text.index("Russian forces")
    hit = mentions[mentions["start"] == at]
    assert list(hit["actor"]) == ["russian-forces"]
    assert not (mentions["actor"] == "russia").any() or "Russian forces" not in set(
        mentions.loc[mentions["actor"] == "russia", "text"])


def test_mentions_never_overlap_and_quote_the_text_exactly(art):
    mentions = text.actor_mentions(art.text, art.actors)
    assert (mentions["start"].iloc[1:].values >= mentions["end"].iloc[:-1].values).all()
    for start, end, found in mentions[["start", "end", "text"]].itertuples(index=False):
        assert art.text[start:end] == found


def test_every_actor_is_mentioned_at_least_once(art):
    mentions = text.actor_mentions(art.text, art.actors)
    assert set(art.actors["id"]) == set(mentions["actor"])


def test_hedge_counts_on_a_small_text():
    sample = "It could rain; it could not. Maybe up to 3."
    counts = text.hedge_counts(sample, ["could", "up to", "may"])
    assert dict(zip(counts["hedge"], counts["count"], strict=True)) == {
        "could": 2, "up to": 1, "may": 0}
    assert list(counts["hedge"]) == ["could", "up to", "may"]


def test_hedge_words_come_from_the_claims_table(art):
    words = text.hedge_words(art.claims)
    assert "up to" in words and "reportedly" in words
    assert len(words) == len(set(words))


class TagChecker(HTMLParser):
    """Collects the text shown on the page (``data``) and the text only screen readers read
    (``spoken``), and fails on crossed or unclosed tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.data, self.spoken = [], [], []
        self.hidden = 0  # depth inside a visually hidden span

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if self.hidden or dict(attrs).get("style") == text.HIDDEN_STYLE:
            self.hidden += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"crossed </{tag}>"
        self.hidden = max(self.hidden - 1, 0)

    def handle_data(self, data):
        (self.spoken if self.hidden else self.data).append(data)


def render(source, spans):
    out = text.highlight(source, spans)
    checker = TagChecker()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    return out, "".join(checker.data)


def test_highlight_escapes_text_and_labels():
    source = 'Say <script>alert("x")</script> & go'
    spans = text.spans_frame([{"start": 4, "end": 12, "category": "actor",
                               "label": '"><img src=x onerror=alert(1)>', "text": "<script>"}])
    out, visible = render(source, spans)
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and html.escape('"><img', quote=True) in out
    assert visible == source


@given(
    source=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80),
    cuts=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80),
                            st.sampled_from(["actor", "hedge", "quote"])), max_size=6),
)
def test_highlight_keeps_the_text_and_nests_marks_for_any_spans(source, cuts):
    rows = [{"start": min(a, b, len(source)), "end": min(max(a, b), len(source)),
             "category": c, "label": c, "text": ""} for a, b, c in cuts]
    out, visible = render(source, text.spans_frame(rows))
    assert visible == source.replace("\n", "")
    assert out.count("<p>") == source.count("\n") + 1


def test_highlight_marks_each_category_with_a_distinct_style(art):
    spans = pd.concat([text.hedge_spans(art.text, ["up to"]),
                       text.quote_spans(art.text, art.quotes, art.actors)])
    out = text.highlight(art.text, spans)
    assert len(re.findall(r'class="nc-hedge"', out)) == 1
    assert len(re.findall(r'class="nc-quote"', out)) == 3
    assert 'title="quote: Volodymyr Zelenskiy"' in out


def test_highlight_names_each_mark_in_text_for_screen_readers_once(art):
    """A mark's kind reaches assistive tech as text, not only as a hover title: once per span,
    even where overlapping spans cut it into pieces."""
    source = "Biden may approve it."
    spans = text.spans_frame([
        {"start": 0, "end": 5, "category": "actor", "label": "Joe Biden", "text": "Biden"},
        {"start": 6, "end": 9, "category": "hedge", "label": "hedge: may", "text": "may"},
        {"start": 0, "end": 21, "category": "evidence", "label": "", "text": source}])
    checker = TagChecker()
    checker.feed(text.highlight(source, spans))
    assert "".join(checker.data) == source
    assert checker.spoken == ["[evidence] ", "[actor: Joe Biden] ", "[hedge: may] "]


def test_a_sheet_highlight_marks_the_same_with_one_style_per_category(art):
    """For widgets: each category's style once, in a <style> element, and the marks by class."""
    spans = text.spans_frame([
        {"start": 0, "end": 2, "category": "hedge", "label": "one", "text": art.text[0:2]},
        {"start": 4, "end": 8, "category": "hedge", "label": "two", "text": art.text[4:8]},
        {"start": 6, "end": 9, "category": "actor", "label": "three", "text": art.text[6:9]},
    ])
    inline, sheet = text.highlight(art.text, spans), text.highlight(art.text, spans, sheet=True)
    inline = inline.replace(f'<span style="{text.HIDDEN_STYLE}">', '<span class="nc-said">')
    assert re.sub(r' style="[^"]*"', "", inline) == sheet.split("</style>", 1)[1]
    assert sheet.startswith("<style>") and sheet.count("mark.nc-hedge{") == 1
    assert f"mark.nc-actor{{{HIGHLIGHT_STYLES['actor']}}}" in sheet and "style=" not in sheet
    assert f"span.nc-said{{{text.HIDDEN_STYLE}}}" in sheet
    assert text.highlight("plain", text.spans_frame([]), sheet=True) == "<p>plain</p>"
