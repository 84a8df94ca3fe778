"""The range map's frame, in km on a flat map: no tiles, no CDN, no plotly geo subplot.

What the map shows is the article's: ``map_frame(article)`` reads its map_frame.csv (the launch
and target countries, the border to measure from, the map's centre and extent, which cities to
name), map_origins.csv (where the explorer measures from) and map_labels.csv (names written on
the map) into a ``MapFrame``, and its weapons table for the default range.

A plotly geo subplot fetches its world map from a CDN when it draws, so offline it shows a blank
box. This module projects everything itself, onto an **azimuthal equidistant** map centred on
the frame's centre city, and ``newscase.reach.figures`` draws the result on plain x/y axes in
km:
- distance and bearing from the centre are true; other distances are stretched by at most
  about s²/6R² at s km from it: 0.1 % at 500 km, 0.5 % at 1,130 km;
- countries, the border, cities, range rings and the border band are all projected the same way
  (``newscase.geodesy.azimuthal_equidistant``, on whole arrays);
- range rings around a city are exact geodesic circles (``newscase.geodesy.range_ring``);
- the band "within R km of the border" is the R-km contour of a 10-km grid of geodesic distances
  to the border (``border_grid``): within 1 km of the exact line, well inside the border
  data's own ±5 km (see geodata/PROVENANCE.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from newscase import geodesy
from newscase.data import cache
from newscase.reach.border import border_code_key, border_distance_km, border_distances_km
from newscase.reach.geofiles import (
    CITIES_MIN_POPULATION,
    border_key,
    border_label,
    border_pieces,
    country_names,
    country_rings,
    read_cities,
)
from newscase.reach.places import BORDER, resolve_origin

GRID_KM = 10.0
RING_POINTS = 180
BORDER_LABEL = "the whole border"  # the border as an origin, unless map_origins.csv names it
FRAME_TABLES = ("map_frame", "map_origins", "map_labels")
#: Without a weapon, a default map frame holds this much around its origins.
DEFAULT_RANGE_KM = 300.0
#: Without map_origins.csv or a border, the places within this many ranges of the first place.
ORIGIN_SPREAD = 4
#: Without mercator_start and _end, the two places farthest apart, if at least this far apart.
MERCATOR_MIN_KM = 2_000.0
#: Without a label_population, the map names about this many of the places it counts.
LABELS_WANTED = 22


class MapFrameError(LookupError):
    """The article lacks what the range map needs; the message says what to add."""


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


@dataclass(frozen=True)
class MapFrame:
    """What one article's range map shows, read from its data by ``map_frame``. Every setting
    of map_frame.csv is optional; ``map_frame`` fills in the defaults from the article's
    places and weapons."""

    launch_country: str | None  # ISO alpha-3, or None: no country is the launching side
    target_country: str | None  # None: the cities of every country count
    launch_name: str  # as the package's countries data names them ("" without a country)
    target_name: str
    launch_adjective: str  # as the article words them ("" when the data gives none)
    target_adjective: str
    border: str | None  # 'AAA|BBB', the land border two countries share, or None
    centre_name: str
    centre: tuple[float, float]
    view_km: tuple[float, float, float, float]  # x min, x max, y min, y max, km from the centre
    label_population: int  # places in reach this big get a name on the map
    city_population: int = CITIES_MIN_POPULATION  # the places counted are at least this big
    city_border_km: float | None = None  # ... and this near the border (None: in the view)
    landmarks: tuple[tuple[str, float, float], ...] = ()  # (name, lat, lon) for orientation
    origins: tuple[tuple[str, str], ...] = ()  # (label, "border" or a place), as offered
    labels: tuple[tuple[str, float, float], ...] = ()  # (text, lat, lon) written on the map
    border_caveat: str = ""
    projection_place: str | None = None
    mercator_start: str | None = None
    mercator_end: str | None = None
    weapons: tuple[Weapon, ...] = ()
    #: The places the frame's settings may name: (name, lat, lon), from places.csv (by id or
    #: name) and the cities data.
    points: tuple[tuple[str, str, float, float], ...] = ()  # (key, name, lat, lon)

    @property
    def border_label(self) -> str:
        """What the map calls the border as an origin."""
        return next((label for label, place in self.origins if place == BORDER), BORDER_LABEL)

    @property
    def border_name(self) -> str:
        return border_label(self.border) if self.border else ""

    @property
    def cities_word(self) -> str:
        """'Korean cities', 'cities in South Korea' or 'cities': the places counted, briefly."""
        if self.target_adjective:
            return f"{self.target_adjective} cities"
        return f"cities in {self.target_name}" if self.target_name else "cities"

    @property
    def city_noun(self) -> str:
        """The places in reach, in words: the target country's cities in the data."""
        if self.target_adjective or not self.target_name:
            return f"{self.cities_word} of {self.city_population:,}+ people"
        return f"cities of {self.city_population:,}+ people in {self.target_name}"

    @property
    def weapon(self) -> Weapon:
        """The article's first weapon: the range a lesson starts from."""
        if not self.weapons:
            raise MapFrameError("This article states no weapon range (its weapons table is "
                                "empty), so pass range_km yourself.")
        return self.weapons[0]

    def setting(self, name: str) -> str:
        """An optional place setting (projection_place, mercator_start, mercator_end)."""
        value = getattr(self, name)
        if not value:
            raise MapFrameError(f"This article's map_frame.csv has no {name!r} row: add one, "
                                "or pass the place yourself.")
        return value

    def place_point(self, name: str) -> tuple[str, tuple[float, float]] | None:
        """(name, (lat, lon)) of a place the frame knows (places.csv id or name, or a city
        the settings name), or None."""
        wanted = str(name).strip().lower()
        return next(((label, (lat, lon)) for key, label, lat, lon in self.points
                     if wanted in (key.lower(), label.lower())), None)

    def project(self, lat, lon):
        """Azimuthal equidistant (x km east, y km north) around the frame's centre."""
        return project(lat, lon, self.centre)

    def unproject(self, x, y):
        """(lat, lon) of map points: ``project``'s inverse."""
        return unproject(x, y, self.centre)


def map_frame(article) -> MapFrame:
    """The ``MapFrame`` of an article (or anything with its places, weapons and, optionally,
    map_frame, map_origins and map_labels tables); a ``MapFrame`` is returned as it is. Raises
    ``MapFrameError``, saying what to add, when the article has nothing to centre a map on."""
    if isinstance(article, MapFrame):
        return article
    tables = []
    for name in (*FRAME_TABLES, "places"):
        table = getattr(article, name, None)
        if not isinstance(table, pd.DataFrame):
            tables.append(((),))
            continue
        tables.append(tuple(map(tuple, table.astype(object).where(table.notna(), None)
                                .itertuples(index=False))) + (tuple(table.columns),))
    weapons = getattr(article, "weapons", None)
    chosen = () if not isinstance(weapons, pd.DataFrame) else tuple(
        Weapon.from_row(row) for _, row in weapons.iterrows()
        if row.get("range_km") is not None and not pd.isna(row.get("range_km")))
    return _frame(*tables, chosen)


def _records(rows: tuple) -> list[dict]:
    *body, columns = rows
    return [dict(zip(columns, row, strict=True)) for row in body]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


@lru_cache(maxsize=16)
def _frame(frame_rows: tuple, origin_rows: tuple, label_rows: tuple, place_rows: tuple,
           weapons: tuple[Weapon, ...]) -> MapFrame:
    settings = {row["setting"]: _text(row["value"]) for row in _records(frame_rows)}
    settings = {key: value for key, value in settings.items() if value}
    names = country_names()
    for key in ("launch_country", "target_country"):
        if key in settings and settings[key] not in names:
            raise MapFrameError(f"map_frame.csv: {key} {settings[key]!r} is not a country in "
                                "the package's countries data.")
    border = settings.get("border")
    if border:
        try:
            border = border_key(border)
        except ValueError as error:
            raise MapFrameError(f"map_frame.csv: {error}") from None
    points = _place_points(place_rows)
    lookup = _PlaceLookup(points)
    origins = tuple((_text(row["label"]), _text(row["place"])) for row in _records(origin_rows)
                    if _text(row["place"]) and (border or _text(row["place"]) != BORDER))
    if not origins:  # the border, else the article's places near its first one
        origins = ((BORDER_LABEL, BORDER),) if border else _nearby(points, weapons)
    centre_name = settings.get("centre") or _default_centre(origins, points, border)
    if centre_name == BORDER:  # the middle point of the border's longest line
        line = max(border_pieces(border), key=len)
        centre, centre_label = (float(line[len(line) // 2][1]),
                                float(line[len(line) // 2][0])), border_label(border)
    else:
        centre, centre_label = lookup.point(centre_name), lookup.name(centre_name)
    launch, target = settings.get("launch_country"), settings.get("target_country")
    far_pair = (None, None) if "mercator_start" in settings or "mercator_end" in settings \
        else _farthest_pair(points)
    frame = MapFrame(
        launch_country=launch, target_country=target,
        launch_name=names.get(launch or "", ""), target_name=names.get(target or "", ""),
        launch_adjective=settings.get("launch_adjective", ""),
        target_adjective=settings.get("target_adjective", ""), border=border,
        centre_name=centre_label, centre=centre, view_km=(0, 0, 0, 0),
        label_population=0,
        city_population=int(float(settings.get("city_population", CITIES_MIN_POPULATION))),
        city_border_km=float(settings["city_border_km"]) if "city_border_km" in settings
        and border else None,
        origins=origins,
        labels=tuple((_text(row["text"]), float(row["lat"]), float(row["lon"]))
                     for row in _records(label_rows)),
        border_caveat=settings.get("border_caveat", ""),
        projection_place=settings.get("projection_place") or next(
            (p for _, p in origins if p != BORDER), None) or (
            centre_name if centre_name != BORDER else None),
        mercator_start=settings.get("mercator_start") or far_pair[0],
        mercator_end=settings.get("mercator_end") or far_pair[1], weapons=weapons)
    marks = (settings["landmarks"].split("|") if "landmarks" in settings
             else [name for key, name, _, _ in points if key])
    named = [*marks, *(p for _, p in origins if p != BORDER), frame.projection_place,
             frame.mercator_start, frame.mercator_end]
    known = tuple(dict.fromkeys((n, lookup.name(n), *lookup.point(n)) for n in named
                                if n and n != BORDER))
    frame = replace(frame, points=points + known)
    frame = replace(frame, view_km=_view_km(frame, settings),
                    landmarks=tuple((lookup.name(n), *lookup.point(n)) for n in marks if n))
    if "landmarks" not in settings:  # the article's places: only those on the map
        frame = replace(frame, landmarks=tuple(m for m in frame.landmarks
                                               if _in_view(frame, m[1], m[2])))
    population = settings.get("label_population")
    return replace(frame, label_population=int(float(population)) if population
                   else _default_label_population(frame))


def _place_points(place_rows: tuple) -> tuple[tuple[str, str, float, float], ...]:
    """(id, name, lat, lon) of the article's places that have coordinates."""
    if len(place_rows) < 2:
        return ()
    found = []
    for row in _records(place_rows):
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None or pd.isna(lat) or pd.isna(lon):
            continue
        found.append((_text(row.get("id")), _text(row.get("name")), float(lat), float(lon)))
    return tuple(found)


@dataclass(frozen=True)
class _PlaceLookup:
    """A setting's place: an id or name from places.csv (with coordinates), else a city name
    from the package's cities data."""

    points: tuple[tuple[str, str, float, float], ...]

    def _find(self, name: str) -> tuple[str, tuple[float, float]]:
        wanted = name.strip().lower()
        for key, label, lat, lon in self.points:
            if wanted in (key.lower(), label.lower()):
                return label, (lat, lon)
        try:
            return resolve_named_point(name)
        except ValueError as error:
            raise MapFrameError(f"map_frame: {error}") from None

    def point(self, name: str) -> tuple[float, float]:
        return self._find(name)[1]

    def name(self, name: str) -> str:
        return self._find(name)[0]


def resolve_named_point(name: str) -> tuple[str, tuple[float, float]]:
    """(name, (lat, lon)) of a city in the package's cities data."""
    origin = resolve_origin(name)
    return origin.label, origin.points[0]


def _nearby(points, weapons: tuple[Weapon, ...]) -> tuple[tuple[str, str], ...]:
    """(label, place) of the article's places with coordinates within ``ORIGIN_SPREAD`` ranges
    of its first one: places to compare as launch points, not a faraway capital the article
    also names."""
    if not points:
        return ()
    reach_km = ORIGIN_SPREAD * (weapons[0].range_km if weapons else DEFAULT_RANGE_KM)
    _, _, lat0, lon0 = points[0]
    return tuple((name, key or name) for key, name, lat, lon in points
                 if geodesy.distance_km(lat0, lon0, lat, lon) <= reach_km)


def _farthest_pair(points) -> tuple[str | None, str | None]:
    """The two places of the article farthest apart, when at least ``MERCATOR_MIN_KM`` apart:
    far enough for a straight line on a Mercator map to stray from the shortest path."""
    best, pair = MERCATOR_MIN_KM, (None, None)
    for i, (key1, _, lat1, lon1) in enumerate(points):
        for key2, _, lat2, lon2 in points[i + 1:]:
            km = geodesy.distance_km(lat1, lon1, lat2, lon2)
            if km >= best:
                best, pair = km, (key1, key2)
    return pair


def _default_centre(origins, points, border: str | None) -> str:
    """The first origin that is a place, else the article's first place with coordinates,
    else the middle of the border."""
    for _, place in origins:
        if place != BORDER:
            return place
    if points:
        return points[0][0] or points[0][1]
    if border:
        return BORDER
    raise MapFrameError("This article has no place with coordinates (places.csv lat and lon) "
                        "and no map_frame.csv border, so there is nothing to centre a map on.")


def _view_km(frame: MapFrame, settings: dict) -> tuple[float, float, float, float]:
    """The map's extent, km from the centre: the settings' view_*_km where given, else what
    holds every origin (and the border) with the first weapon's range around it, plus 10 %,
    rounded out to 50 km."""
    given = [settings.get(f"view_{side}_km") for side in ("west", "east", "south", "north")]
    reach_km = (frame.weapon.range_km if frame.weapons else DEFAULT_RANGE_KM) * 1.1
    lats, lons = [frame.centre[0]], [frame.centre[1]]
    for _, place in frame.origins:
        if place == BORDER:
            line = np.concatenate(border_pieces(frame.border))
            lats += line[:, 1].tolist()
            lons += line[:, 0].tolist()
        else:
            lat, lon = (frame.place_point(place) or resolve_named_point(place))[1]
            lats.append(lat)
            lons.append(lon)
    x, y = frame.project(np.array(lats), np.array(lons))
    computed = (min(x.min(), 0) - reach_km, max(x.max(), 0) + reach_km,
                min(y.min(), 0) - reach_km, max(y.max(), 0) + reach_km)
    view = []
    for value, default, sign in zip(given, computed, (-1, 1, -1, 1), strict=True):
        km = float(value) if value else math.ceil(abs(default) / 50) * 50
        view.append(sign * km)
    return tuple(view)


def _in_view(frame: MapFrame, lat: float, lon: float) -> bool:
    x, y = frame.project(lat, lon)
    x0, x1, y0, y1 = frame.view_km
    return bool(x0 <= x <= x1 and y0 <= y <= y1)


def _default_label_population(frame: MapFrame) -> int:
    """A population that names about ``LABELS_WANTED`` of the places the map counts."""
    sizes = np.sort(shared_target_cities(frame)["population"].to_numpy())[::-1]
    if len(sizes) == 0:
        return frame.city_population
    return int(sizes[min(LABELS_WANTED, len(sizes)) - 1])


# The map projection ---------------------------------------------------------------------------

def project(lat, lon, centre: tuple[float, float]):
    """Azimuthal equidistant (x km east, y km north) around ``centre`` (lat, lon)."""
    return geodesy.azimuthal_equidistant(lat, lon, *centre)


def unproject(x, y, centre: tuple[float, float]):
    """(lat, lon) of map points (x km east, y km north of ``centre``): ``project``'s inverse."""
    return geodesy.from_azimuthal_equidistant(x, y, *centre)


def ring_xy(lat: float, lon: float, km: float, centre: tuple[float, float],
            n: int = RING_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """The geodesic circle of radius ``km`` around (lat, lon), projected around ``centre``:
    ``n + 1`` points, closed. Empty for a radius of 0."""
    if km <= 0:
        return np.empty(0), np.empty(0)
    ring = geodesy.range_ring(lat, lon, km, n)
    return project(ring["lat"].to_numpy(), ring["lon"].to_numpy(), centre)


# Distance to the border, for a whole grid at once ---------------------------------------------

@dataclass(frozen=True, eq=False)
class Grid:
    """Values (``km``, shape ``len(ys) × len(xs)``) at the nodes of a regular map grid."""

    xs: np.ndarray
    ys: np.ndarray
    km: np.ndarray


def map_grid(view_km: tuple[float, float, float, float],
             step: float = GRID_KM) -> tuple[np.ndarray, np.ndarray]:
    """Node coordinates covering ``view_km`` and one step beyond it on every side."""
    x0, x1, y0, y1 = view_km
    return (np.arange(x0 - step, x1 + 1.5 * step, step),
            np.arange(y0 - step, y1 + 1.5 * step, step))


def border_grid(frame: MapFrame) -> Grid:
    """Distance to the frame's border at every node of its map grid. It takes about 1 s, so
    it is kept between kernels too (newscase.data.cache), keyed by the grid, the centre, the
    border and the code; in memory, by the border, the centre and the view."""
    return _border_grid(frame.border, frame.centre, frame.view_km)


@lru_cache(maxsize=4)
def _border_grid(border: str, centre: tuple[float, float],
                 view_km: tuple[float, float, float, float]) -> Grid:
    xs, ys = map_grid(view_km)
    key = cache.content_key(xs.tobytes(), ys.tobytes(), np.asarray(centre, float).tobytes(),
                            border_code_key(border), Path(__file__).read_bytes())
    return Grid(xs, ys, cache.cached_array("border-grid", key,
                                           lambda: _grid_km(xs, ys, centre, border)))


def _grid_km(xs: np.ndarray, ys: np.ndarray, centre: tuple[float, float],
             border: str) -> np.ndarray:
    grid_x, grid_y = np.meshgrid(xs, ys)
    lat, lon = unproject(grid_x.ravel(), grid_y.ravel(), centre)
    km = np.concatenate([border_distance_km(lat[i:i + 2048], lon[i:i + 2048], border)
                         for i in range(0, len(lat), 2048)])
    return km.reshape(grid_x.shape)


# Contours (marching squares) ------------------------------------------------------------------

# For each cell case (bits: 1 bottom-left, 2 bottom-right, 4 top-right, 8 top-left inside),
# the pairs of cell edges (0 bottom, 1 right, 2 top, 3 left) that the contour joins. The two
# saddles are split by the cell's mean in ``contour_loops``.
_CASE_EDGES = {1: [(3, 0)], 2: [(0, 1)], 3: [(3, 1)], 4: [(1, 2)], 6: [(0, 2)], 7: [(3, 2)],
               8: [(2, 3)], 9: [(2, 0)], 11: [(2, 1)], 12: [(1, 3)], 13: [(1, 0)],
               14: [(0, 3)]}
_SADDLES = {5: ([(3, 2), (1, 0)], [(3, 0), (1, 2)]), 10: ([(0, 1), (2, 3)], [(0, 3), (2, 1)])}


def contour_loops(grid: Grid, level: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Closed loops (x, y) around the region where ``grid.km <= level``, by marching squares
    with linear interpolation along cell edges. The grid's outermost nodes count as outside,
    so every loop closes, at worst along the grid's edge, just beyond the view."""
    z = grid.km.copy()
    z[[0, -1], :] = np.inf
    z[:, [0, -1]] = np.inf
    inside = z <= level
    ny, nx = z.shape
    if not inside.any():
        return []
    xs, ys = grid.xs, grid.ys
    # Every crossing point, keyed by its edge: horizontal edges first, then vertical ones.
    with np.errstate(invalid="ignore", divide="ignore"):
        t_h = np.clip((level - z[:, :-1]) / (z[:, 1:] - z[:, :-1]), 0, 1)
        t_v = np.clip((level - z[:-1, :]) / (z[1:, :] - z[:-1, :]), 0, 1)
    t_h, t_v = np.nan_to_num(t_h), np.nan_to_num(t_v)
    point_x = np.concatenate([(xs[:-1] + t_h * np.diff(xs)).ravel(),
                              np.broadcast_to(xs, (ny - 1, nx)).ravel()])
    point_y = np.concatenate([np.broadcast_to(ys[:, None], (ny, nx - 1)).ravel(),
                              (ys[:-1, None] + t_v * np.diff(ys)[:, None]).ravel()])
    rows, cols = np.meshgrid(np.arange(ny - 1), np.arange(nx - 1), indexing="ij")
    n_h = ny * (nx - 1)
    edge_ids = np.stack([rows * (nx - 1) + cols, n_h + rows * nx + cols + 1,
                         (rows + 1) * (nx - 1) + cols, n_h + rows * nx + cols])
    case = (inside[:-1, :-1] * 1 + inside[:-1, 1:] * 2 + inside[1:, 1:] * 4
            + inside[1:, :-1] * 8)
    pairs = []
    for value, joins in _CASE_EDGES.items():
        cells = case == value
        pairs += [np.stack([edge_ids[e1][cells], edge_ids[e2][cells]], 1) for e1, e2 in joins]
    centre_inside = (z[:-1, :-1] + z[:-1, 1:] + z[1:, 1:] + z[1:, :-1]) / 4 <= level
    for value, (joined, apart) in _SADDLES.items():
        for choice, joins in ((True, joined), (False, apart)):
            cells = (case == value) & (centre_inside == choice)
            pairs += [np.stack([edge_ids[e1][cells], edge_ids[e2][cells]], 1)
                      for e1, e2 in joins]
    segments = np.concatenate(pairs)
    return [(point_x[loop], point_y[loop]) for loop in _stitch(segments)]


def _stitch(segments: np.ndarray) -> list[list[int]]:
    """Join segments (pairs of point ids, each id in exactly two) into closed loops."""
    neighbours: dict[int, list[int]] = {}
    for a, b in segments.tolist():
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    loops, seen = [], set()
    for start in neighbours:
        if start in seen:
            continue
        loop, previous, here = [start], None, start
        seen.add(start)
        while True:
            first, second = neighbours[here]
            following = second if first == previous else first
            if following == start:
                break
            loop.append(following)
            seen.add(following)
            previous, here = here, following
        loops.append(loop + [start])
    return loops


def join_loops(loops) -> tuple[np.ndarray, np.ndarray]:
    """Loops as one x and one y array, split by NaN and rounded to 0.1 km: one plotly trace.
    float32 keeps a saved figure small (plotly stores numpy arrays as base64)."""
    parts = [(np.append(np.round(x, 1), np.nan), np.append(np.round(y, 1), np.nan))
             for x, y in loops]
    if not parts:
        return np.empty(0, np.float32), np.empty(0, np.float32)
    xs, ys = zip(*parts, strict=True)
    return (np.concatenate(xs)[:-1].astype(np.float32),
            np.concatenate(ys)[:-1].astype(np.float32))


# Countries and places ---------------------------------------------------------------------------

def _clip(ring: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Sutherland–Hodgman: the part of a polygon ring (n × 2) inside an axis-aligned box."""
    x0, x1, y0, y1 = box
    for axis, limit, keep_below in ((0, x0, False), (0, x1, True), (1, y0, False),
                                    (1, y1, True)):
        if len(ring) == 0:
            break
        inside = ring[:, axis] <= limit if keep_below else ring[:, axis] >= limit
        out = []
        for i in range(len(ring)):
            here, before = ring[i], ring[i - 1]
            if inside[i] != inside[i - 1]:
                t = (limit - before[axis]) / (here[axis] - before[axis])
                out.append(before + t * (here - before))
            if inside[i]:
                out.append(here)
        ring = np.array(out).reshape(-1, 2)
    return ring


def _simplify(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas–Peucker: drop points that lie within ``tolerance`` km of the simplified line."""
    if len(ring) < 3:
        return ring
    keep = np.zeros(len(ring), bool)
    keep[[0, -1]] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = ring[first], ring[last]
        span = end - start
        middle = ring[first + 1:last] - start
        length = math.hypot(*span)
        if length == 0:
            off = np.hypot(middle[:, 0], middle[:, 1])
        else:
            off = np.abs(span[0] * middle[:, 1] - span[1] * middle[:, 0]) / length
        worst = int(np.argmax(off))
        if off[worst] > tolerance:
            keep[first + 1 + worst] = True
            stack += [(first, first + 1 + worst), (first + 1 + worst, last)]
    return ring[keep]


def country_shapes(frame: MapFrame,
                   tolerance_km: float = 1.0) -> dict[str, tuple[str, np.ndarray, np.ndarray]]:
    """Country outlines on the frame's map: ``{a3: (name, x, y)}``, polygons split by NaN,
    clipped to a box 100 km beyond the view and simplified to ``tolerance_km``. Only the
    countries that reach into that box are kept, so a figure carries no more of the world
    than it shows."""
    return _country_shapes(frame.centre, frame.view_km, tolerance_km)


def lonlat_box(centre: tuple[float, float], box: tuple[float, float, float, float],
               margin: float = 1.0) -> tuple[float, float, float, float]:
    """(lon min, lat min, lon max, lat max) around a map box (km from ``centre``): its edges
    unprojected, ``margin`` degrees wider. Longitudes are unwrapped around the centre's, so
    they may pass ±180; the whole globe when the box holds a pole."""
    x0, x1, y0, y1 = box
    t = np.linspace(0, 1, 41)
    xs = np.concatenate([x0 + (x1 - x0) * t, np.full_like(t, x1), x1 - (x1 - x0) * t,
                         np.full_like(t, x0)])
    ys = np.concatenate([np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1),
                         y1 - (y1 - y0) * t])
    lat, lon = unproject(xs, ys, centre)
    for pole in (90.0, -90.0):
        px, py = project(pole, centre[1], centre)
        if x0 <= float(px) <= x1 and y0 <= float(py) <= y1:
            break
    else:
        pole = None
    if pole is not None:
        return (-540.0, max(-90.0, lat.min() - margin), 540.0, min(90.0, lat.max() + margin))
    lon = _unwrap(lon, centre[1])
    return (lon.min() - margin, max(-90.0, lat.min() - margin), lon.max() + margin,
            min(90.0, lat.max() + margin))


def _unwrap(lon, around: float):
    """Longitudes shifted by whole turns to lie within 180° of ``around``."""
    return (np.asarray(lon, float) - around + 180) % 360 - 180 + around


@lru_cache(maxsize=4)
def _country_shapes(centre: tuple[float, float], view_km: tuple[float, float, float, float],
                    tolerance_km: float) -> dict[str, tuple[str, np.ndarray, np.ndarray]]:
    x0, x1, y0, y1 = view_km
    box = (x0 - 100, x1 + 100, y0 - 100, y1 + 100)
    lon_min, lat_min, lon_max, lat_max = lonlat_box(centre, box)
    degrees = (lon_min, lat_min, lon_max, lat_max)
    shapes = {}
    for a3, (name, polygons) in country_rings().items():
        rings = []
        for polygon in polygons:
            outline = polygon[0]  # exterior ring: lakes inside a country are not drawn
            lon = _unwrap(outline[:, 0], centre[1])
            steps = np.diff(lon)
            if len(steps) and np.abs(steps).max() > 180:
                # The ring crosses the meridian opposite the centre: keep it in one piece
                # there, on the far side of the globe, rather than across the map.
                lon = lon[0] + np.concatenate([[0], np.cumsum((steps + 180) % 360 - 180)])
            if (lon.max() < lon_min or lon.min() > lon_max or outline[:, 1].max() < lat_min
                    or outline[:, 1].min() > lat_max):
                continue
            # Clip in degrees first: the projection folds the far side of the globe.
            part = _clip(np.column_stack([lon, outline[:, 1]]), (degrees[0], degrees[2],
                                                                  degrees[1], degrees[3]))
            if len(part) < 4:
                continue
            x, y = project(part[:, 1], part[:, 0], centre)
            ring = _simplify(_clip(np.column_stack([x, y]), box), tolerance_km)
            if len(ring) >= 4:
                rings.append((ring[:, 0], ring[:, 1]))
        if rings:
            shapes[a3] = (name, *join_loops(rings))
    return shapes


def map_places(cities: pd.DataFrame, frame: MapFrame) -> pd.DataFrame:
    """Cities with map coordinates x, y (km) and a ``label`` flag: the big ones get names."""
    cities = cities.copy()
    x, y = frame.project(cities["lat"].to_numpy(), cities["lon"].to_numpy())
    return cities.assign(x=np.round(x, 1), y=np.round(y, 1),
                         label=cities["population"] >= frame.label_population)


def shared_target_cities(frame: MapFrame) -> pd.DataFrame:
    """``target_cities(frame)`` itself, shared: never change it."""
    return _target_cities(frame.target_country, frame.centre, frame.view_km,
                          frame.city_population, frame.border, frame.city_border_km,
                          frame.label_population)


@lru_cache(maxsize=8)
def _target_cities(country: str | None, centre: tuple[float, float],
                   view_km: tuple[float, float, float, float], population: int,
                   border: str | None, border_km: float | None,
                   label_population: int) -> pd.DataFrame:
    cities = read_cities()
    chosen = cities[cities["population"] >= population]
    if country:
        chosen = chosen[chosen["country"] == country]
    x, y = project(chosen["lat"].to_numpy(), chosen["lon"].to_numpy(), centre)
    if border_km is not None:
        # A quick screen (within 50 m of the exact distance), then the exact test near the cut.
        rough = border_distance_km(chosen["lat"].to_numpy(), chosen["lon"].to_numpy(), border)
        near = np.flatnonzero(rough <= border_km + 1)
        exact = border_distances_km(chosen["lat"].to_numpy()[near],
                                    chosen["lon"].to_numpy()[near], border)
        keep = np.zeros(len(chosen), bool)
        keep[near[exact <= border_km]] = True
    else:
        x0, x1, y0, y1 = view_km
        keep = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
    chosen = chosen[keep].reset_index(drop=True)
    return chosen.assign(x=np.round(x[keep], 1), y=np.round(y[keep], 1),
                         label=chosen["population"] >= label_population)


def target_cities(frame: MapFrame) -> pd.DataFrame:
    """The places the map counts, with map coordinates: the cities of the target country (of
    every country, without one) of ``frame.city_population`` people or more, within
    ``frame.city_border_km`` of the border when the frame says so, else on the map."""
    return shared_target_cities(frame).copy()


def landmarks(frame: MapFrame) -> pd.DataFrame:
    """The places the frame names for orientation (its landmarks setting, else the article's
    places on the map), with map coordinates."""
    names, lat, lon = (list(v) for v in zip(*frame.landmarks, strict=True)) if frame.landmarks \
        else ([], [], [])
    places = pd.DataFrame({"name": names, "lat": lat, "lon": lon, "population": 0})
    return map_places(places, frame)
