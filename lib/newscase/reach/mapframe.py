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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from newscase import geodesy
from newscase.data import cache
from newscase.data.rules import REQUIRED_SETTINGS
from newscase.reach.border import border_code_key, border_distance_km
from newscase.reach.geofiles import (
    CITIES_MIN_POPULATION,
    country_names,
    load_cities,
    load_countries,
)
from newscase.reach.places import BORDER, city_point

GRID_KM = 10.0
RING_POINTS = 180
BORDER_LABEL = "the whole border"  # the border as an origin, unless map_origins.csv names it
FRAME_TABLES = ("map_frame", "map_origins", "map_labels")


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
    """What one article's range map shows, read from its data by ``map_frame``."""

    launch_country: str  # ISO alpha-3
    target_country: str
    launch_name: str  # as the package's countries data names them
    target_name: str
    launch_adjective: str  # as the article words them
    target_adjective: str
    border: str  # a packaged border's name (geofiles.border_names())
    centre_name: str  # a city in the package's cities data
    centre: tuple[float, float]
    view_km: tuple[float, float, float, float]  # x min, x max, y min, y max, km from the centre
    label_population: int  # target-country cities this big get a name on the map
    landmarks: tuple[str, ...] = ()  # launch-country cities drawn for orientation
    origins: tuple[tuple[str, str], ...] = ()  # (label, "border" or a city name), as offered
    labels: tuple[tuple[str, float, float], ...] = ()  # (text, lat, lon) written on the map
    border_caveat: str = ""
    projection_place: str | None = None
    mercator_start: str | None = None
    mercator_end: str | None = None
    weapons: tuple[Weapon, ...] = ()

    @property
    def border_label(self) -> str:
        """What the map calls the border as an origin."""
        return next((label for label, place in self.origins if place == BORDER), BORDER_LABEL)

    @property
    def border_name(self) -> str:
        return f"{self.launch_name}–{self.target_name} border"

    @property
    def city_noun(self) -> str:
        """The places in reach, in words: the target country's cities in the data."""
        return f"{self.target_adjective} cities of {CITIES_MIN_POPULATION:,}+ people"

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

    def project(self, lat, lon):
        """Azimuthal equidistant (x km east, y km north) around the frame's centre."""
        return project(lat, lon, self.centre)

    def unproject(self, x, y):
        """(lat, lon) of map points: ``project``'s inverse."""
        return unproject(x, y, self.centre)


def map_frame(article) -> MapFrame:
    """The ``MapFrame`` of an article (or anything with its map_frame, map_origins, map_labels
    and weapons tables); a ``MapFrame`` is returned as it is. Raises ``MapFrameError``, saying
    what to add, when the article has no map frame."""
    if isinstance(article, MapFrame):
        return article
    tables = []
    for name in FRAME_TABLES:
        table = getattr(article, name, None)
        if not isinstance(table, pd.DataFrame):
            raise MapFrameError(
                f"This article has no {name} table ({name}.csv), so lesson 03's map has no "
                f"frame. Add {', '.join(t + '.csv' for t in FRAME_TABLES)} to its folder and "
                "datapackage.json, as the course's example article does.")
        tables.append(tuple(map(tuple, table.astype(object).where(table.notna(), None)
                                .itertuples(index=False))) + (tuple(table.columns),))
    weapons = getattr(article, "weapons", None)
    chosen = () if weapons is None else tuple(Weapon.from_row(row) for _, row in
                                              weapons.iterrows())
    return _frame(*tables, chosen)


def _records(rows: tuple) -> list[dict]:
    *body, columns = rows
    return [dict(zip(columns, row, strict=True)) for row in body]


@lru_cache(maxsize=16)
def _frame(frame_rows: tuple, origin_rows: tuple, label_rows: tuple,
           weapons: tuple[Weapon, ...]) -> MapFrame:
    settings = {row["setting"]: row["value"] for row in _records(frame_rows)}
    missing = [name for name in REQUIRED_SETTINGS if not settings.get(name)]
    if missing:
        raise MapFrameError(f"map_frame.csv: setting {missing[0]!r} is missing; add a row "
                            f"for each of {', '.join(REQUIRED_SETTINGS)}.")
    names = country_names()
    for key in ("launch_country", "target_country"):
        if settings[key] not in names:
            raise MapFrameError(f"map_frame.csv: {key} {settings[key]!r} is not a country in "
                                "the package's countries data.")
    west, east, south, north = (float(settings[f"view_{side}_km"])
                                for side in ("west", "east", "south", "north"))
    return MapFrame(
        launch_country=settings["launch_country"], target_country=settings["target_country"],
        launch_name=names[settings["launch_country"]],
        target_name=names[settings["target_country"]],
        launch_adjective=settings["launch_adjective"],
        target_adjective=settings["target_adjective"], border=settings["border"],
        centre_name=settings["centre"], centre=city_point(settings["centre"]),
        view_km=(-west, east, -south, north),
        label_population=int(float(settings["label_population"])),
        landmarks=tuple(filter(None, (settings.get("landmarks") or "").split("|"))),
        origins=tuple((str(row["label"]), str(row["place"])) for row in _records(origin_rows)),
        labels=tuple((str(row["text"]), float(row["lat"]), float(row["lon"]))
                     for row in _records(label_rows)),
        border_caveat=settings.get("border_caveat") or "",
        projection_place=settings.get("projection_place"),
        mercator_start=settings.get("mercator_start"), mercator_end=settings.get("mercator_end"),
        weapons=weapons)


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
    countries that reach into the view are kept."""
    return _country_shapes(frame.centre, frame.view_km, tolerance_km)


@lru_cache(maxsize=4)
def _country_shapes(centre: tuple[float, float], view_km: tuple[float, float, float, float],
                    tolerance_km: float) -> dict[str, tuple[str, np.ndarray, np.ndarray]]:
    x0, x1, y0, y1 = view_km
    box = (x0 - 100, x1 + 100, y0 - 100, y1 + 100)
    shapes = {}
    for feature in load_countries()["features"]:
        rings = []
        for polygon in feature["geometry"]["coordinates"]:
            lon, lat = np.array(polygon[0], float).T  # exterior ring; no holes in this region
            x, y = project(lat, lon, centre)
            ring = _simplify(_clip(np.column_stack([x, y]), box), tolerance_km)
            if len(ring) >= 4:
                rings.append((ring[:, 0], ring[:, 1]))
        if rings:
            props = feature["properties"]
            shapes[props["a3"]] = (props["name"], *join_loops(rings))
    return shapes


def map_places(cities: pd.DataFrame, frame: MapFrame) -> pd.DataFrame:
    """Cities with map coordinates x, y (km) and a ``label`` flag: the big ones get names."""
    cities = cities.copy()
    x, y = frame.project(cities["lat"].to_numpy(), cities["lon"].to_numpy())
    return cities.assign(x=np.round(x, 1), y=np.round(y, 1),
                         label=cities["population"] >= frame.label_population)


def shared_target_cities(frame: MapFrame) -> pd.DataFrame:
    """``target_cities(frame)`` itself, shared: never change it."""
    return _target_cities(frame.target_country, frame.centre, frame.label_population)


@lru_cache(maxsize=4)
def _target_cities(country: str, centre: tuple[float, float],
                   label_population: int) -> pd.DataFrame:
    cities = load_cities()
    chosen = cities[cities["country"] == country].reset_index(drop=True)
    x, y = project(chosen["lat"].to_numpy(), chosen["lon"].to_numpy(), centre)
    return chosen.assign(x=np.round(x, 1), y=np.round(y, 1),
                         label=chosen["population"] >= label_population)


def target_cities(frame: MapFrame) -> pd.DataFrame:
    """The target country's cities in cities.csv (50,000+ people, within 800 km of the
    border), with map coordinates: the places a strike from the launch country could reach."""
    return shared_target_cities(frame).copy()


def landmarks(frame: MapFrame) -> pd.DataFrame:
    """The launch country's cities the frame names for orientation."""
    cities = load_cities()
    chosen = cities[cities["name"].isin(frame.landmarks)
                    & (cities["country"] == frame.launch_country)]
    return map_places(chosen.reset_index(drop=True), frame)
