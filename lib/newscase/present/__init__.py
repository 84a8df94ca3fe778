"""Presentation shared by every lesson: the palette, ``Chart``, escaped HTML, learner feedback
and "did you mean"."""
