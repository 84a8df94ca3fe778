"""One view of the range map: a range, an origin and a weapon, what they reach, and the line
of text under the map."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from newscase.geodesy import km_to_miles
from newscase.reach import places as reach_places
from newscase.reach.mapframe import (
    border_grid,
    contour_loops,
    join_loops,
    ring_xy,
    shared_russian_cities,
)
from newscase.reach.places import MAJOR_CITY_POPULATION, Origin, ReachSummary

BORDER_LABEL = "the whole border"
CITY_NOUN = "Russian cities of 50,000+ people"


@dataclass(frozen=True)
class Weapon:
    """A weapon's stated maximum range, and where the figure comes from."""

    name: str
    range_km: float
    source: str  # "the article" or an outside citation

    @classmethod
    def from_row(cls, row) -> Weapon:
        """A row of an article's weapons table: its own figure unless it cites a source."""
        source = row.get("source")
        source = "the article" if source is None or pd.isna(source) or not str(source).strip() \
            else str(source)
        return cls(str(row["name"]), float(row["range_km"]), source)

    @property
    def label(self) -> str:
        return f"{self.name}: up to {self.range_km:,.0f} km ({self.source})"


def map_origin(origin) -> Origin:
    """``places.resolve_origin``, with the border called "the whole border", as the map says."""
    resolved = reach_places.resolve_origin(origin)
    return Origin(BORDER_LABEL) if resolved.is_border else resolved


def band_xy(origin: Origin, range_km: float) -> tuple[np.ndarray, np.ndarray]:
    """The outline of everything within ``range_km`` of the origin, on the map: the contour
    of the border grid, or one geodesic ring per launch point. Loops split by NaN."""
    return _band_xy(origin, float(range_km))


@lru_cache(maxsize=2048)
def _band_xy(origin: Origin, range_km: float) -> tuple[np.ndarray, np.ndarray]:
    if range_km <= 0:
        return join_loops([])
    if origin.is_border:
        return join_loops(contour_loops(border_grid(), range_km))
    return join_loops(ring_xy(lat, lon, range_km) for lat, lon in origin.points)


@dataclass(frozen=True, eq=False)
class RangeView:
    """Everything the map and its summary show for one range, origin and weapon."""

    range_km: float
    origin: Origin
    weapon: Weapon | None
    reach: pd.DataFrame  # the places, nearest first, with distance_km and in_reach
    summary: ReachSummary
    band: tuple[np.ndarray, np.ndarray]  # the band's outline on the map, loops split by NaN

    @property
    def text(self) -> str:
        return reach_text(self)


def range_view(range_km: float = 306, origin="border", weapon: Weapon | None = None,
               places: pd.DataFrame | None = None) -> RangeView:
    """The map's content for ``range_km`` from ``origin`` ("border", a city name such as
    "Sumy", a (lat, lon) pair or a list): which places are in reach, and the band's outline.
    ``places`` defaults to ``russian_cities()``."""
    source = map_origin(origin)
    if places is None:  # a slider move: the distances are cached, only in_reach changes
        reach_places.check_range_km(range_km)
        reach = _russian_reach(source).assign(in_reach=lambda r: r["distance_km"] <= range_km)
    else:
        reach = reach_places.places_in_reach(places, range_km, source)
    return RangeView(float(range_km), source, weapon, reach,
                     reach_places.reach_summary(reach, range_km), band_xy(source, range_km))


@lru_cache(maxsize=16)
def _russian_reach(origin: Origin) -> pd.DataFrame:
    return reach_places.places_in_reach(shared_russian_cities(), 0, origin)


def warm_up() -> None:
    """Compute what the first map from the border needs: the border grid and every city's
    distance to the border (about 2 s the first time on a machine, then read from
    newscase.data.cache). Every later view only filters."""
    range_view(306, "border")


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
    s, km = view.summary, view.range_km
    if km == 0:
        return ("At 0 km nothing is in reach. Move the range slider to the right to give the "
                "weapon some range.")
    head = (f"From {view.origin.label}, {km:,.0f} km ({km_to_miles(km):,.0f} mi)"
            f"{weapon_note(km, view.weapon)} reaches")
    if s.in_reach == 0:
        nearest = view.reach.iloc[0] if len(view.reach) else None
        text = f"{head} none of the {s.total} {CITY_NOUN} in the data."
        if nearest is not None:
            text += (f" The nearest, {nearest['name']}, is {nearest['distance_km']:,.0f} km "
                     "away: move the slider further right.")
        return text
    text = (f"{head} {s.in_reach} of the {s.total} {CITY_NOUN} in the data. "
            f"Largest in reach: {', '.join(s.largest['name'])}.")
    beyond = s.nearest_out_of_reach
    if beyond is None:
        return text + (f" Every city of {MAJOR_CITY_POPULATION:,}+ people in the data is in "
                       "reach.")
    return text + (f" Nearest city of {MAJOR_CITY_POPULATION:,}+ out of reach: "
                   f"{beyond['name']}, {beyond['distance_km']:,.0f} km away, "
                   f"{beyond['distance_km'] - km:,.0f} km beyond the range.")


def origin_table(range_km: float, origins) -> pd.DataFrame:
    """One row per origin: how many places are in reach at ``range_km``, and the largest."""
    rows = []
    for origin in origins:
        view = range_view(range_km, origin)
        rows.append({"measured from": view.origin.label, "cities in reach": view.summary.in_reach,
                     "largest in reach": ", ".join(view.summary.largest["name"][:3]) or "none"})
    return pd.DataFrame(rows)
