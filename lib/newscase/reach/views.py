"""One view of the range map: a range, an origin and a weapon, what they reach, and the line
of text under the map. The article's ``MapFrame`` says which border, countries and cities."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from newscase.geodesy import km_to_miles
from newscase.reach import places as reach_places
from newscase.reach.mapframe import (
    MapFrame,
    Weapon,
    border_grid,
    contour_loops,
    join_loops,
    map_frame,
    ring_xy,
    shared_target_cities,
)
from newscase.reach.places import MAJOR_CITY_POPULATION, Origin, ReachSummary


def map_origin(origin, frame: MapFrame) -> Origin:
    """``places.resolve_origin``, measuring from the frame's border and calling it as the
    map does (e.g. "the whole border")."""
    resolved = reach_places.resolve_origin(origin, frame.border)
    return Origin(frame.border_label, border=frame.border) if resolved.is_border else resolved


def band_xy(origin: Origin, range_km: float, frame: MapFrame) -> tuple[np.ndarray, np.ndarray]:
    """The outline of everything within ``range_km`` of the origin, on the frame's map: the
    contour of the border grid, or one geodesic ring per launch point. Loops split by NaN."""
    return _band_xy(origin, float(range_km), frame)


@lru_cache(maxsize=2048)
def _band_xy(origin: Origin, range_km: float,
             frame: MapFrame) -> tuple[np.ndarray, np.ndarray]:
    if range_km <= 0:
        return join_loops([])
    if origin.is_border:
        return join_loops(contour_loops(border_grid(frame), range_km))
    return join_loops(ring_xy(lat, lon, range_km, frame.centre) for lat, lon in origin.points)


@dataclass(frozen=True, eq=False)
class RangeView:
    """Everything the map and its summary show for one range, origin and weapon."""

    range_km: float
    origin: Origin
    weapon: Weapon | None
    reach: pd.DataFrame  # the places, nearest first, with distance_km and in_reach
    summary: ReachSummary
    band: tuple[np.ndarray, np.ndarray]  # the band's outline on the map, loops split by NaN
    frame: MapFrame

    @property
    def text(self) -> str:
        return reach_text(self)


def range_view(article, range_km: float | None = None, origin="border",
               weapon: Weapon | None = None, places: pd.DataFrame | None = None) -> RangeView:
    """The map's content for ``range_km`` from ``origin`` ("border", a city name from
    cities.csv, a (lat, lon) pair or a list): which places are in reach, and the band's
    outline. ``article`` is the Article (or its ``MapFrame``); without ``range_km`` the view
    is at the range of the article's first weapon, and names that weapon. ``places``
    defaults to the target country's cities (``mapframe.target_cities``)."""
    if isinstance(article, int | float) and not isinstance(article, bool):
        raise TypeError("range_view takes the article first: range_view(art, range_km, "
                        "origin, weapon).")
    frame = map_frame(article)
    if range_km is None:
        weapon = weapon or frame.weapon
        range_km = weapon.range_km
    source = map_origin(origin, frame)
    if places is None:  # a slider move: the distances are cached, only in_reach changes
        reach_places.check_range_km(range_km)
        reach = _target_reach(frame, source).assign(
            in_reach=lambda r: r["distance_km"] <= range_km)
    else:
        reach = reach_places.places_in_reach(places, range_km, source)
    return RangeView(float(range_km), source, weapon, reach,
                     reach_places.reach_summary(reach, range_km),
                     band_xy(source, range_km, frame), frame)


@lru_cache(maxsize=16)
def _target_reach(frame: MapFrame, origin: Origin) -> pd.DataFrame:
    return reach_places.places_in_reach(shared_target_cities(frame), 0, origin)


def warm_up(article) -> None:
    """Compute what the article's first map from the border needs: the border grid and every
    city's distance to the border (about 2 s the first time on a machine, then read from
    newscase.data.cache). Every later view only filters. ``article``: an Article, its
    ``MapFrame``, or an article id or folder for ``load_article``."""
    if isinstance(article, str):
        from newscase.data import load_article

        article = load_article(article)
    frame = map_frame(article)
    range_view(frame, frame.weapon.range_km if frame.weapons else 0, "border")


def weapon_note(range_km: float, weapon: Weapon | None) -> str:
    if weapon is None:
        return ""
    gap = range_km - weapon.range_km
    if abs(gap) < 0.5:
        return f", the maximum {weapon.source} gives for {weapon.name},"
    side = "more" if gap > 0 else "less"
    return (f", {abs(gap):,.0f} km {side} than the {weapon.range_km:,.0f} km {weapon.source} "
            f"gives for {weapon.name},")


def reach_text(view: RangeView) -> str:
    """One line for under the map: how many places are in reach, the largest of them, and the
    nearest major city beyond. Plain text: escape it before putting it into HTML."""
    s, km, noun = view.summary, view.range_km, view.frame.city_noun
    if km == 0:
        return ("At 0 km nothing is in reach. Move the range slider to the right to give the "
                "weapon some range.")
    head = (f"From {view.origin.label}, {km:,.0f} km ({km_to_miles(km):,.0f} mi)"
            f"{weapon_note(km, view.weapon)} reaches")
    if s.in_reach == 0:
        nearest = view.reach.iloc[0] if len(view.reach) else None
        text = f"{head} none of the {s.total} {noun} in the data."
        if nearest is not None:
            text += (f" The nearest, {nearest['name']}, is {nearest['distance_km']:,.0f} km "
                     "away: move the slider further right.")
        return text
    text = (f"{head} {s.in_reach} of the {s.total} {noun} in the data. "
            f"Largest in reach: {', '.join(s.largest['name'])}.")
    beyond = s.nearest_out_of_reach
    if beyond is None:
        return text + (f" Every city of {MAJOR_CITY_POPULATION:,}+ people in the data is in "
                       "reach.")
    return text + (f" Nearest city of {MAJOR_CITY_POPULATION:,}+ out of reach: "
                   f"{beyond['name']}, {beyond['distance_km']:,.0f} km away, "
                   f"{beyond['distance_km'] - km:,.0f} km beyond the range.")


def origin_table(article, range_km: float | None = None, origins=None) -> pd.DataFrame:
    """One row per origin: how many places are in reach at ``range_km`` (default: the
    article's first weapon's range), and the largest. ``origins`` defaults to those the
    article's map_origins.csv offers."""
    frame = map_frame(article)
    range_km = frame.weapon.range_km if range_km is None else range_km
    rows = []
    for origin in (origins if origins is not None else [place for _, place in frame.origins]):
        view = range_view(frame, range_km, origin)
        rows.append({"measured from": view.origin.label, "cities in reach": view.summary.in_reach,
                     "largest in reach": ", ".join(view.summary.largest["name"][:3]) or "none"})
    return pd.DataFrame(rows)
