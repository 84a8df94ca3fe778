"""Presentation shared by every lesson: the palette, ``Chart``, escaped HTML, learner feedback
and "did you mean"; and the accessible building blocks: ``labelled_slider`` (named sliders that
read their value with its unit), ``a11y`` (live regions, the focus indicator, contrast) and
``plotly_view`` (live figures named by their title and described by their summary)."""
