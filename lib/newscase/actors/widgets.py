"""The actors lesson's panel: search or pick an actor, read their card."""

from __future__ import annotations

import html

import ipywidgets as w

from newscase.actors.cards import actor_card
from newscase.actors.logic import search_actors
from newscase.data import Article, find_actor
from newscase.present.a11y import LiveText, course_panel
from newscase.present.missing import needs
from newscase.present.widgets import make, settled


@needs("actors", what="actors", so="there is no one to explore")
@settled
def actor_explorer(article: Article, start: str | None = None) -> w.VBox:
    """Search or pick an actor (``start`` is shown first); see their card. An empty search
    lists everyone."""
    everyone = sorted(article.actors["name"])

    def status_html(hits: list[str]) -> str:
        example = html.escape(everyone[0].split()[-1]) if everyone else "a name"
        return (f"<i>No actor matches that search: try part of a name, like '{example}', or "
                "clear the box to see everyone.</i>" if not hits else
                f"<i>{len(hits)} of {len(everyone)} actors listed. Pick one.</i>")

    search = make(w.Text, placeholder="search names, aliases, roles", description="Search:")
    menu = make(w.Dropdown, options=everyone, value=None, description="Actor:")
    status = LiveText(status_html(everyone))
    card = make(w.HTML, layout={"max_width": "60em"})

    def on_search(_change=None):
        hits = search_actors(article, search.value) if search.value.strip() else everyone
        menu.options = hits
        menu.value = None
        status.value = status_html(hits)
        show_card()

    def show_card(_change=None):
        card.value = (actor_card(article, find_actor(article, menu.value)["id"])
                      if menu.value else "")

    search.observe(on_search, names="value")
    menu.observe(show_card, names="value")
    if start:
        menu.value = find_actor(article, start)["name"]
    return course_panel([make(w.HBox, [search, menu]), status, card])
