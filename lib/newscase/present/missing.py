"""One sentence in place of a section whose data the article lacks: a lesson re-targeted at
another article runs on, and says what is missing instead of raising."""

from __future__ import annotations

from dataclasses import dataclass

from newscase.present.html import escape


@dataclass(frozen=True)
class Missing:
    """"This article has no <what>, so this section has nothing to show. <next step>"

    Shows as that sentence in Jupyter (HTML and plain text), and stands in for what the
    section would return: ``show()`` prints it (as ``Chart.show`` does), ``summary`` and
    ``text`` are the sentence, and it is falsy, so code can test ``if result:``."""

    what: str
    next_step: str = ""

    @property
    def sentence(self) -> str:
        step = f" {self.next_step.strip()}" if self.next_step.strip() else ""
        return f"This article has no {self.what}, so this section has nothing to show.{step}"

    summary = text = sentence

    def show(self) -> None:
        print(self.sentence)

    def __str__(self) -> str:
        return self.sentence

    def __repr__(self) -> str:
        return self.sentence

    def __bool__(self) -> bool:
        return False

    def _repr_html_(self) -> str:
        return f'<p class="newscase-missing"><i>{escape(self.sentence)}</i></p>'


def missing(what: str, next_step: str = "") -> Missing:
    """The one-sentence stand-in for a section with nothing to show: ``what`` the article
    lacks ("weapon with a stated range"), and ``next_step`` (a sentence: what to add, or that
    the lesson moves on)."""
    return Missing(what, next_step)
