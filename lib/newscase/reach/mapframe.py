"""The range map's frame, in km on a flat map: no tiles, no CDN, no plotly geo subplot.

A plotly geo subplot fetches its world map from a CDN when it draws, so offline it shows a blank
box. This module projects everything itself, onto an **azimuthal equidistant** map centred on
Kharkiv (``MAP_CENTRE``), and ``newscase.reach.figures`` draws the result on plain x/y axes in
km:
- distance and bearing from Kharkiv are true; other distances are stretched by at most about
  s²/6R² at s km from Kharkiv: 0.1 % at 500 km, 0.5 % in the corners of the view (1,130 km);
- countries, the border, cities, range rings and the border band are all projected the same way
  (``newscase.geodesy.azimuthal_equidistant``, on whole arrays);
- range rings around a city are exact geodesic circles (``newscase.geodesy.range_ring``);
- the band "within R km of the border" is the R-km contour of a 10-km grid of geodesic distances
  to the border (``border_grid``): within 1 km of the exact line here, well inside the border
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
from newscase.reach.border import border_code_key, border_distance_km
from newscase.reach.geofiles import load_cities, load_countries
from newscase.reach.places import city_point

MAP_CENTRE = "Kharkiv"  # a Ukrainian city near the middle of the border, from cities.csv
VIEW_KM = (-700.0, 800.0, -700.0, 800.0)  # x min, x max, y min, y max, in km from the centre
GRID_KM = 10.0
RING_POINTS = 180
LABEL_POPULATION = 340_000  # Russian cities this big get a name on the map (Belgorod, 345,289)
UKRAINIAN_LANDMARKS = ("Kyiv", "Chernihiv", "Sumy", "Kharkiv")


# The map projection ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def map_centre() -> tuple[float, float]:
    """(lat, lon) of the map's centre, ``MAP_CENTRE`` as cities.csv places it."""
    return city_point(MAP_CENTRE)


def project(lat, lon, centre: tuple[float, float] | None = None):
    """Azimuthal equidistant (x km east, y km north) around ``centre`` (default: Kharkiv)."""
    return geodesy.azimuthal_equidistant(lat, lon, *(centre or map_centre()))


def unproject(x, y, centre: tuple[float, float] | None = None):
    """(lat, lon) of map points (x km east, y km north of ``centre``): ``project``'s inverse."""
    return geodesy.from_azimuthal_equidistant(x, y, *(centre or map_centre()))


def ring_xy(lat: float, lon: float, km: float, n: int = RING_POINTS,
            centre: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The geodesic circle of radius ``km`` around (lat, lon), projected: ``n + 1`` points,
    closed. Empty for a radius of 0."""
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


def map_grid(step: float = GRID_KM) -> tuple[np.ndarray, np.ndarray]:
    """Node coordinates covering ``VIEW_KM`` and one step beyond it on every side."""
    x0, x1, y0, y1 = VIEW_KM
    return (np.arange(x0 - step, x1 + 1.5 * step, step),
            np.arange(y0 - step, y1 + 1.5 * step, step))


@lru_cache(maxsize=1)
def border_grid() -> Grid:
    """Distance to the border at every node of the map grid. It takes about 1 s, so it is
    kept between kernels too (newscase.data.cache), keyed by the grid, the border and the code."""
    xs, ys = map_grid()
    key = cache.content_key(xs.tobytes(), ys.tobytes(), border_code_key(),
                            Path(__file__).read_bytes())
    return Grid(xs, ys, cache.cached_array("border-grid", key, lambda: _grid_km(xs, ys)))


def _grid_km(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    grid_x, grid_y = np.meshgrid(xs, ys)
    lat, lon = unproject(grid_x.ravel(), grid_y.ravel())
    km = np.concatenate([border_distance_km(lat[i:i + 2048], lon[i:i + 2048])
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
    so every loop closes, at worst along the grid's edge, just beyond ``VIEW_KM``."""
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


@lru_cache(maxsize=1)
def country_shapes(tolerance_km: float = 1.0) -> dict[str, tuple[str, np.ndarray, np.ndarray]]:
    """Country outlines on the map: ``{a3: (name, x, y)}``, polygons split by NaN, clipped
    to a box 100 km beyond the view and simplified to ``tolerance_km``. Only the countries
    that reach into the view are kept."""
    x0, x1, y0, y1 = VIEW_KM
    box = (x0 - 100, x1 + 100, y0 - 100, y1 + 100)
    shapes = {}
    for feature in load_countries()["features"]:
        rings = []
        for polygon in feature["geometry"]["coordinates"]:
            lon, lat = np.array(polygon[0], float).T  # exterior ring; no holes in this region
            x, y = project(lat, lon)
            ring = _simplify(_clip(np.column_stack([x, y]), box), tolerance_km)
            if len(ring) >= 4:
                rings.append((ring[:, 0], ring[:, 1]))
        if rings:
            props = feature["properties"]
            shapes[props["a3"]] = (props["name"], *join_loops(rings))
    return shapes


def map_places(cities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cities with map coordinates x, y (km) and a ``label`` flag: the big ones get names."""
    cities = load_cities() if cities is None else cities.copy()
    x, y = project(cities["lat"].to_numpy(), cities["lon"].to_numpy())
    return cities.assign(x=np.round(x, 1), y=np.round(y, 1),
                         label=cities["population"] >= LABEL_POPULATION)


@lru_cache(maxsize=1)
def shared_russian_cities() -> pd.DataFrame:
    """``russian_cities()`` itself, shared: never change it."""
    cities = load_cities()
    return map_places(cities[cities["country"] == "RUS"].reset_index(drop=True))


def russian_cities() -> pd.DataFrame:
    """The Russian cities in cities.csv (50,000+ people, within 800 km of the
    border), with map coordinates: the places a strike from Ukraine could reach."""
    return shared_russian_cities().copy()


def landmarks() -> pd.DataFrame:
    """Ukrainian cities to show for orientation: Kyiv and the three origins on offer."""
    cities = load_cities()
    chosen = cities[cities["name"].isin(UKRAINIAN_LANDMARKS) & (cities["country"] == "UKR")]
    return map_places(chosen.reset_index(drop=True))
