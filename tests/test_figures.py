import pandas as pd

from newscase import reading, text
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


def test_chart_show_prints_the_summary_under_a_trimmed_mode_bar(capsys, monkeypatch):
    chart = reading.hedge_chart(pd.DataFrame({"hedge": ["may"], "count": [1]}))
    shown = []
    monkeypatch.setattr(chart.figure, "show", lambda **kwargs: shown.append(kwargs))
    chart.show()
    assert capsys.readouterr().out.strip() == chart.summary
    # no plotly logo link, and two mode bar buttons, not ten: fewer Tab stops per figure
    (config,) = [kwargs["config"] for kwargs in shown]
    assert config["displaylogo"] is False
    assert sum(map(len, config["modeBarButtons"])) == 2
