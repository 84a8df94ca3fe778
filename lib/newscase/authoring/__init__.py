"""Bring your own article: draft its annotation from raw text, review it, and write its lessons.

``python -m newscase new PATH --text FILE`` makes an article folder with a machine-drafted
annotation, ``draft PATH`` refreshes the drafted rows, and ``lessons PATH --out DIR`` writes the
lesson notebooks for it. Every drafted row is marked until a person confirms it (``review``).
"""
