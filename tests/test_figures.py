import re

import pandas as pd

from newscase import reading, text
from newscase.present.chart import summary_output
from newscase.present.html import plain_text
from newscase.present.palette import OKABE_ITO


def test_hedge_chart_has_title_axis_labels_palette_and_summary(art):
    counts = text.hedge_counts(art.text, text.hedge_words(art.claims))
    chart = reading.hedge_chart(counts)
    layout = chart.figure.layout
    assert layout.title.text and layout.xaxis.title.text and layout.yaxis.title.text
    assert chart.figure.data[0].marker.color in OKABE_ITO.values()
    total = int(counts["count"].sum())
    assert f"{len(counts)} different hedge words {total} times" in chart.summary


def test_hedge_chart_summary_names_every_tied_leader():
    counts = pd.DataFrame({"hedge": ["may", "could", "some"], "count": [2, 2, 1]})
    assert "could, may" in reading.hedge_chart(counts).summary
    single = pd.DataFrame({"hedge": ["may", "some"], "count": [3, 1]})
    assert "most frequent is 'may' (3 times)" in reading.hedge_chart(single).summary


def test_hedge_chart_survives_no_hedges():
    chart = reading.hedge_chart(pd.DataFrame({"hedge": [], "count": []}))
    assert "nothing to chart" in chart.summary
    assert len(chart.figure.data) == 0


def test_chart_show_puts_the_summary_under_a_trimmed_mode_bar(monkeypatch):
    import IPython.display

    chart = reading.hedge_chart(pd.DataFrame({"hedge": ["may"], "count": [1]}))
    shown, displayed = [], []
    monkeypatch.setattr(chart.figure, "show", lambda **kwargs: shown.append(kwargs))
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: displayed.append((a, k)))
    chart.show()
    # Under the figure: the summary as text, and as HTML that names and describes the figure
    # (the browser side is tested in tests/test_a11y.py: every figure tied).
    ((bundle,), options), = displayed
    assert options == {"raw": True} and bundle["text/plain"] == chart.summary
    assert ">The article uses 1 different hedge words 1 times; the most frequent is " \
        "&#x27;may&#x27;" in bundle["text/html"]
    assert '"Hedge words in the article' in bundle["text/html"]
    # no plotly logo link, and two mode bar buttons, not ten: fewer Tab stops per figure
    (config,) = [kwargs["config"] for kwargs in shown]
    assert config["displaylogo"] is False
    assert sum(map(len, config["modeBarButtons"])) == 2


def test_a_summary_is_escaped_and_names_its_figure_in_plain_text():
    first = summary_output("a <b> & 'c'", "Two <br><sup>lines</sup> &amp; more")["text/html"]
    second = summary_output("x", "")["text/html"]
    assert ">a &lt;b&gt; &amp; &#x27;c&#x27;</pre>" in first
    ids = [re.search(r'id="([^"]+)"', html)[1] for html in (first, second)]
    assert ids[0] != ids[1]
    # The name goes into the script as a JSON string that cannot close the script element.
    assert '"Two <br><sup>lines<\\/sup> &amp; more");</script>' in first
    assert plain_text("Two <br><sup>lines</sup> &amp; more") == "Two lines & more"

