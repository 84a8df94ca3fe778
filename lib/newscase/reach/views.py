"""One view of the range map: a range, an origin and a weapon, what they reach, and the line
of text under the map. The article's ``MapFrame`` says which border, countries and cities."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from newscase.geodesy import km_to_miles
from newscase.present.missing import Missing, missing
from newscase.reach import places as reach_places
from newscase.reach.mapframe import (
    MapFrame,
    MapFrameError,
    Weapon,
    border_grid,
    contour_loops,
    join_loops,
    map_frame,
    ring_xy,
    shared_target_cities,
)
from newscase.reach.places import MAJOR_CITY_POPULATION, Origin, ReachSummary

NO_WEAPON = ("weapon with a stated range (weapons.csv range_km)",
             "Add one to weapons.csv with its evidence, or pass range_km yourself.")
NO_PLACES = ("place with coordinates (places.csv lat and lon) and no map_frame.csv border",
             "Give a place in places.csv its lat and lon, or add a map_frame.csv row "
             "'border' such as UKR|RUS, to draw the range map.")


def frame_or_missing(article, weapon: bool = False) -> MapFrame | Missing:
    """The article's ``MapFrame``, or the one-sentence ``Missing`` when it has nothing to
    map (no place with coordinates, no border), or, with ``weapon``, no weapon's range. Other
    problems with the frame (a misspelled place) still raise ``MapFrameError``."""
    if isinstance(article, Missing):
        return article
    if not isinstance(article, MapFrame) and not _has_points(article):
        return missing(*NO_PLACES)
    frame = map_frame(article)
    if weapon and not frame.weapons:
        return missing(*NO_WEAPON)
    return frame


def first_weapon(article) -> Weapon | Missing:
    """The article's first weapon with a stated range, or the one-sentence ``Missing``: what
    ``Weapon.from_row(art.weapons.iloc[0])`` gives, for any article."""
    weapons = getattr(article, "weapons", None)
    if isinstance(weapons, pd.DataFrame) and "range_km" in weapons:
        for _, row in weapons.iterrows():
            if not pd.isna(row["range_km"]):
                return Weapon.from_row(row)
    return missing(*NO_WEAPON)


def _has_points(article) -> bool:
    places = getattr(article, "places", None)
    if isinstance(places, pd.DataFrame) and {"lat", "lon"} <= set(places.columns) and (
            places["lat"].notna() & places["lon"].notna()).any():
        return True
    settings = getattr(article, "map_frame", None)
    if isinstance(settings, pd.DataFrame) and {"setting", "value"} <= set(settings.columns):
        given = settings[settings["value"].notna()]
        return bool(given["setting"].isin(["border", "centre"]).any())
    return False


def map_origin(origin, frame: MapFrame) -> Origin:
    """Where to measure from, on this frame: 'border' (the frame's border, called as the map
    calls it, e.g. "the whole border"), a place the article's data names (places.csv id or
    name), or anything ``places.resolve_origin`` takes."""
    if isinstance(origin, str) and origin.strip().lower() == reach_places.BORDER:
        if not frame.border:
            raise MapFrameError("This article's map has no border (map_frame.csv has no "
                                "'border' row): measure from a place instead.")
        return Origin(frame.border_label, border=frame.border)
    if isinstance(origin, str) and (known := frame.place_point(origin)):
        return Origin(known[0], (known[1],))
    return reach_places.resolve_origin(origin, frame.border)


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


def range_view(article, range_km: float | None = None, origin=None,
               weapon: Weapon | None = None,
               places: pd.DataFrame | None = None) -> RangeView | Missing:
    """The map's content for ``range_km`` from ``origin`` ("border", a place the article
    names, a city name from cities.csv, a (lat, lon) pair or a list; default: the first origin
    the article's map_origins.csv offers): which places are in reach, and the band's outline.
    ``article`` is the Article (or its ``MapFrame``); without ``range_km`` the view is at the
    range of the article's first weapon, and names that weapon. ``places`` defaults to the
    places the frame counts (``mapframe.target_cities``). An article with nothing to map, or
    no weapon when ``range_km`` is not given, gets a one-sentence ``Missing``."""
    if isinstance(article, int | float) and not isinstance(article, bool):
        raise TypeError("range_view takes the article first: range_view(art, range_km, "
                        "origin, weapon).")
    frame = frame_or_missing(article, weapon=range_km is None and weapon is None)
    if isinstance(frame, Missing):
        return frame
    if origin is None:
        origin = frame.origins[0][1] if frame.origins else frame.centre_name
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


def warm_up(article) -> Missing | None:
    """Compute what the article's first map from the border needs: the border grid and every
    city's distance to the border (about 2 s the first time on a machine, then read from
    newscase.data.cache). Every later view only filters. ``article``: an Article, its
    ``MapFrame``, or an article id or folder for ``load_article``."""
    if isinstance(article, str):
        from newscase.data import load_article

        article = load_article(article)
    frame = frame_or_missing(article)
    if isinstance(frame, Missing):
        return frame
    if frame.border:
        range_view(frame, frame.weapon.range_km if frame.weapons else 0, "border")
    else:
        range_view(frame, 0)
    return None


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


def origin_table(article, range_km: float | None = None,
                 origins=None) -> pd.DataFrame | Missing:
    """One row per origin: how many places are in reach at ``range_km`` (default: the
    article's first weapon's range), and the largest. ``origins`` defaults to those the
    article's map_origins.csv offers."""
    frame = frame_or_missing(article, weapon=range_km is None)
    if isinstance(frame, Missing):
        return frame
    range_km = frame.weapon.range_km if range_km is None else range_km
    rows = []
    for origin in (origins if origins is not None else [place for _, place in frame.origins]):
        view = range_view(frame, range_km, origin)
        rows.append({"measured from": view.origin.label, "cities in reach": view.summary.in_reach,
                     "largest in reach": ", ".join(view.summary.largest["name"][:3]) or "none"})
    return pd.DataFrame(rows)
