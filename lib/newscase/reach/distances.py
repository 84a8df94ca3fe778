"""The range maps' facts as tables and text: each city's distance from where a range is
measured, and whether it is in reach.

The maps give a city's distance only in its hover label, which a keyboard or a screen reader
cannot reach (WCAG 2.2, issue 15). These tables hold the same numbers: ``city_distances`` for
one view of the range map, ``origin_distances`` for the map that compares origins, and
``edge_text`` names the cities either side of the range's edge, for the explorer's live summary.
"""

from __future__ import annotations

import pandas as pd

from newscase.present.missing import Missing
from newscase.present.suggest import did_you_mean
from newscase.reach.mapframe import MapFrame, target_cities
from newscase.reach.places import BORDER
from newscase.reach.views import RangeView, frame_or_missing, map_origin, range_view

#: ``which`` for the cities the map writes a name beside, and for every dot it draws.
NAMED, ALL = "named", "all"
COLUMNS = ["city", "distance_km", "in_reach"]


def _view(view) -> RangeView | Missing:
    """A ``RangeView`` as it is; an Article (or its ``MapFrame``) as its first map."""
    if isinstance(view, RangeView | Missing):
        return view
    return range_view(view)


def _chosen(reach: pd.DataFrame, which) -> pd.DataFrame:
    """The rows of a view's ``reach`` that ``which`` picks: "named", "all", or a list of city
    names (any case)."""
    if isinstance(which, str):
        if which == NAMED:
            return reach[reach["label"]]
        if which == ALL:
            return reach
        raise ValueError(f"which must be {NAMED!r}, {ALL!r} or a list of city names, not "
                         f"{which!r}.")
    names = {name.lower(): name for name in reach["name"]}
    wanted = []
    for name in which:
        key = str(name).strip().lower()
        if key not in names:
            raise ValueError(f"{name!r} is not among the cities on this map."
                             + did_you_mean(key, list(names), show=lambda k: repr(names[k])))
        wanted.append(names[key])
    return reach[reach["name"].isin(wanted)]


def city_distances(view, which=NAMED, near_edge: int | None = None) -> pd.DataFrame | Missing:
    """The cities of one range map, nearest first: ``city``, ``distance_km`` (from where the
    view measures, to 0.1 km) and ``in_reach`` (within the view's range).

    ``view`` is a ``range_view`` (or the Article, for its first map). ``which`` picks the
    cities: "named" (those the map writes a name beside), "all" (every dot), or a list of city
    names. ``near_edge=n`` keeps only the n in reach and the n beyond that lie nearest the
    range's edge. A ``Missing`` (an article with nothing to map) is returned as it is."""
    view = _view(view)
    if isinstance(view, Missing):
        return view
    table = _table(view, which, near_edge)
    return table.assign(distance_km=table["distance_km"].round(1))


def _table(view: RangeView, which, near_edge: int | None) -> pd.DataFrame:
    """``city_distances`` with the distances unrounded."""
    rows = _chosen(view.reach, which).sort_values("distance_km", kind="stable")
    table = pd.DataFrame({"city": rows["name"].to_numpy(),
                          "distance_km": rows["distance_km"].to_numpy(float),
                          "in_reach": rows["in_reach"].astype(bool).to_numpy()},
                         columns=COLUMNS)
    if near_edge is not None:
        if near_edge < 0:
            raise ValueError("near_edge is a number of cities on each side: 0 or more.")
        inside, beyond = table[table["in_reach"]], table[~table["in_reach"]]
        table = pd.concat([inside.tail(near_edge), beyond.head(near_edge)])
    return table.reset_index(drop=True)


def _names(rows: pd.DataFrame) -> str:
    parts = [f"{row.city} ({row.distance_km:,.0f} km)" for row in rows.itertuples()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def edge_text(view: RangeView, count: int = 2) -> str:
    """One sentence on the cities either side of the range's edge, as text: the ``count`` in
    reach furthest out and the ``count`` nearest beyond, with their distances. Empty when the
    map has no cities. Plain text: escape it before putting it into HTML."""
    table = _table(view, ALL, near_edge=count)
    inside, beyond = table[table["in_reach"]], table[~table["in_reach"]]
    parts = []
    if len(inside):
        parts.append(f"in reach, {_names(inside.iloc[::-1])}")
    if len(beyond):
        parts.append(f"just beyond, {_names(beyond)}")
    if not parts:
        return ""
    return f"Nearest the edge of the range: {'; '.join(parts)}."


def compared_views(article, range_km: float | None = None,
                   cities: list[str] | None = None) -> tuple[MapFrame, list[RangeView]] | Missing:
    """The article's map frame and one view per origin that ``origins_map`` compares: the
    whole border (when the map has one), then ``cities`` (default: the places its
    map_origins.csv offers), at ``range_km`` (default: its first weapon's range)."""
    from newscase.present.missing import missing

    frame = frame_or_missing(article, weapon=range_km is None)
    if isinstance(frame, Missing):
        return frame
    range_km = frame.weapon.range_km if range_km is None else range_km
    if cities is None:
        cities = [place for _, place in frame.origins if place != BORDER]
    if not cities and not frame.border:
        return missing("second place to measure from (map_origins.csv)",
                       "Add places to map_origins.csv to compare where a range is measured "
                       "from.")
    origins = [map_origin(c, frame) for c in [*([BORDER] if frame.border else []), *cities]]
    return frame, [range_view(frame, range_km, origin) for origin in origins]


def origin_distances(article, range_km: float | None = None, which=NAMED,
                     cities: list[str] | None = None) -> pd.DataFrame | Missing:
    """What ``origins_map`` gives on hover, as a table: one row per city, nearest the first
    origin first, with its distance in km from each origin (a column "km from" and the
    origin's label), and ``in reach from``, the origins whose range covers it ("none" if no
    origin's does).

    ``which`` picks the cities, as in ``city_distances``: "named", "all" or a list of names.
    ``range_km`` and ``cities`` (the origins besides the border) are as in ``origins_map``."""
    compared = compared_views(article, range_km, cities)
    if isinstance(compared, Missing):
        return compared
    frame, views = compared
    places = _chosen(target_cities(frame).assign(in_reach=False), which)
    table = pd.DataFrame({"city": places["name"].to_numpy()})
    reached = [[] for _ in range(len(table))]
    for view in views:
        distance = view.reach.drop_duplicates("geonames_id").set_index("geonames_id")
        km = distance.loc[places["geonames_id"], "distance_km"].to_numpy()
        table[f"km from {view.origin.label}"] = km.round(1)
        for i, inside in enumerate(km <= view.range_km):
            if inside:
                reached[i].append(view.origin.label)
    table["in reach from"] = [", ".join(labels) or "none" for labels in reached]
    first = table.columns[1]
    return table.sort_values(first, kind="stable").reset_index(drop=True)
