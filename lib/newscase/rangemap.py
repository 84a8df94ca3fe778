"""The range map's geometry, in km on a flat map: no tiles, no CDN, no plotly geo subplot.

A plotly geo subplot fetches its world map from a CDN when it draws, so offline it shows a blank
box. This module projects everything itself, onto an **azimuthal equidistant** map centred on
Kharkiv (``MAP_CENTRE``), and ``newscase.figures`` draws the result on plain x/y axes in km:
- distance and bearing from Kharkiv are true; other distances are stretched by at most about
  s²/6R² at s km from Kharkiv: 0.1 % at 500 km, 0.5 % in the corners of the view (1,130 km);
- countries, the border, cities, range rings and the border band are all projected the same way;
- range rings around a city are exact geodesic circles (Vincenty's direct formula);
- the band "within R km of the border" is the R-km contour of a 10-km grid of geodesic distances
  to the border (``border_grid``): within 1 km of the exact line here, well inside the border
  data's own ±5 km (see data/geo/PROVENANCE.md).

Vincenty's formulas here run on whole numpy arrays, so a slider move redraws in milliseconds;
``newscase.geo`` (geographiclib) stays the reference that places and summaries use, and the tests
hold these to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from newscase import cache, geo

A_M, F = 6378137.0, 1 / 298.257223563  # WGS84
B_M = A_M * (1 - F)
MAP_CENTRE = "Kharkiv"  # a Ukrainian city near the middle of the border, from cities.csv
VIEW_KM = (-700.0, 800.0, -700.0, 800.0)  # x min, x max, y min, y max, in km from the centre
GRID_KM = 10.0
RING_POINTS = 180
LABEL_POPULATION = 340_000  # Russian cities this big get a name on the map (Belgorod, 345,289)
UKRAINIAN_LANDMARKS = ("Kyiv", "Chernihiv", "Sumy", "Kharkiv")
BORDER_LABEL = "the whole border"
CITY_NOUN = "Russian cities of 50,000+ people"


# Vincenty's formulas on arrays --------------------------------------------------------------

def _reduced_latitude(lat_rad):
    return np.arctan((1 - F) * np.tan(lat_rad))


def _series_a_b(cos2_alpha):
    u2 = cos2_alpha * (A_M**2 - B_M**2) / B_M**2
    big_a = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
    big_b = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
    return big_a, big_b


def _delta_sigma(big_b, sin_s, cos_s, cos_2sm):
    return big_b * sin_s * (cos_2sm + big_b / 4 * (
        cos_s * (-1 + 2 * cos_2sm**2)
        - big_b / 6 * cos_2sm * (-3 + 4 * sin_s**2) * (-3 + 4 * cos_2sm**2)))


def vincenty_inverse(lat1, lon1, lat2, lon2) -> tuple[np.ndarray, np.ndarray]:
    """(km, azimuth at point 1 in degrees) on WGS84, elementwise over arrays: Vincenty (1975),
    within 1 mm of geographiclib here. Not for nearly antipodal points (it raises)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    big_l = np.radians((np.asarray(lon2, float) - lon1 + 180) % 360 - 180)
    u1, u2 = _reduced_latitude(phi1), _reduced_latitude(phi2)
    sin_u1, cos_u1, sin_u2, cos_u2 = np.sin(u1), np.cos(u1), np.sin(u2), np.cos(u2)
    lam = big_l
    for _ in range(100):
        sin_lam, cos_lam = np.sin(lam), np.cos(lam)
        sin_s = np.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        cos_s = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = np.arctan2(sin_s, cos_s)
        safe_sin_s = np.where(sin_s == 0, 1.0, sin_s)  # coincident points: distance 0
        sin_alpha = cos_u1 * cos_u2 * sin_lam / safe_sin_s
        cos2_alpha = 1 - sin_alpha**2
        safe_cos2 = np.where(cos2_alpha == 0, 1.0, cos2_alpha)  # along the equator
        cos_2sm = np.where(cos2_alpha == 0, 0.0, cos_s - 2 * sin_u1 * sin_u2 / safe_cos2)
        c = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * F * sin_alpha * (
            sigma + c * sin_s * (cos_2sm + c * cos_s * (-1 + 2 * cos_2sm**2)))
        if np.all(np.abs(lam - previous) < 1e-12):
            break
    else:
        raise ValueError("Vincenty's formula did not converge: nearly antipodal points? "
                         "Use newscase.geo.distance_km for those.")
    big_a, big_b = _series_a_b(cos2_alpha)
    km = B_M * big_a * (sigma - _delta_sigma(big_b, sin_s, cos_s, cos_2sm)) / 1000
    azimuth = np.degrees(np.arctan2(cos_u2 * np.sin(lam),
                                    cos_u1 * sin_u2 - sin_u1 * cos_u2 * np.cos(lam)))
    return km, azimuth


def vincenty_direct(lat, lon, azimuth, km) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) reached after ``km`` along the geodesic leaving (lat, lon) at ``azimuth``
    degrees, elementwise over arrays: Vincenty (1975), within 1 mm of geographiclib here."""
    alpha1 = np.radians(azimuth)
    sin_a1, cos_a1 = np.sin(alpha1), np.cos(alpha1)
    u1 = _reduced_latitude(np.radians(lat))
    sin_u1, cos_u1 = np.sin(u1), np.cos(u1)
    sigma1 = np.arctan2(np.tan(u1), cos_a1)
    sin_alpha = cos_u1 * sin_a1
    cos2_alpha = 1 - sin_alpha**2
    big_a, big_b = _series_a_b(cos2_alpha)
    first = np.asarray(km, float) * 1000 / (B_M * big_a)
    sigma = first
    for _ in range(100):
        cos_2sm = np.cos(2 * sigma1 + sigma)
        previous = sigma
        sigma = first + _delta_sigma(big_b, np.sin(sigma), np.cos(sigma), cos_2sm)
        if np.all(np.abs(sigma - previous) < 1e-12):
            break
    sin_s, cos_s = np.sin(sigma), np.cos(sigma)
    cos_2sm = np.cos(2 * sigma1 + sigma)
    lat2 = np.arctan2(sin_u1 * cos_s + cos_u1 * sin_s * cos_a1,
                      (1 - F) * np.hypot(sin_alpha, sin_u1 * sin_s - cos_u1 * cos_s * cos_a1))
    lam = np.arctan2(sin_s * sin_a1, cos_u1 * cos_s - sin_u1 * sin_s * cos_a1)
    c = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
    big_l = lam - (1 - c) * F * sin_alpha * (
        sigma + c * sin_s * (cos_2sm + c * cos_s * (-1 + 2 * cos_2sm**2)))
    lon2 = (np.asarray(lon, float) + np.degrees(big_l) + 180) % 360 - 180
    return np.degrees(lat2), lon2


# The map projection ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def map_centre() -> tuple[float, float]:
    """(lat, lon) of the map's centre, ``MAP_CENTRE`` as cities.csv places it."""
    return geo.resolve_origin(MAP_CENTRE).points[0]


def project(lat, lon, centre: tuple[float, float] | None = None):
    """Azimuthal equidistant (x km east, y km north) around ``centre`` (default: Kharkiv),
    elementwise: the same map as ``geo.azimuthal_equidistant``, for whole arrays at once."""
    c_lat, c_lon = centre or map_centre()
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    km, azimuth = vincenty_inverse(np.full(lat.shape, c_lat), np.full(lat.shape, c_lon), lat, lon)
    rad = np.radians(azimuth)
    return km * np.sin(rad), km * np.cos(rad)


def unproject(x, y, centre: tuple[float, float] | None = None):
    """(lat, lon) of map points (x km east, y km north of ``centre``): ``project``'s inverse."""
    c_lat, c_lon = centre or map_centre()
    x, y = np.asarray(x, float), np.asarray(y, float)
    return vincenty_direct(np.full(x.shape, c_lat), np.full(x.shape, c_lon),
                           np.degrees(np.arctan2(x, y)), np.hypot(x, y))


def ring_xy(lat: float, lon: float, km: float, n: int = RING_POINTS,
            centre: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The geodesic circle of radius ``km`` around (lat, lon), projected: ``n + 1`` points,
    closed. Empty for a radius of 0."""
    if km <= 0:
        return np.empty(0), np.empty(0)
    bearings = np.append(np.linspace(0, 360, n, endpoint=False), 0.0)
    ring_lat, ring_lon = vincenty_direct(np.full(n + 1, lat), np.full(n + 1, lon), bearings,
                                         np.full(n + 1, float(km)))
    return project(ring_lat, ring_lon, centre)


# Distance to the border, for a whole grid at once ---------------------------------------------

def _unit(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], -1)


def border_distance_km(lat, lon) -> np.ndarray:
    """Geodesic km from each point to the Ukraine–Russia land border, for arrays.

    On the sphere, every border edge within 2 % of the nearest is a candidate (as in
    ``geo.nearest_border_point``); Vincenty then measures the ellipsoidal distance to each
    candidate's nearest point. The sphere's nearest point is a few hundred metres off the
    ellipsoid's, and distance barely changes near its minimum: within 50 m of
    ``geo.distance_to_border_km`` (tested).
    """
    border = geo.load_border()
    ends = _unit(border["lat"].to_numpy(), border["lon"].to_numpy())
    a, b = ends[:-1], ends[1:]
    normals = np.cross(a, b)
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    lat, lon = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
    points = _unit(lat, lon)
    # Foot of each point on each edge's great circle, or the nearer end when it falls outside.
    foot = points[:, None, :] - (points @ normals.T)[..., None] * normals[None]
    foot /= np.linalg.norm(foot, axis=2, keepdims=True)
    inside = ((np.einsum("ijk,jk->ij", np.cross(a[None], foot), normals) >= 0)
              & (np.einsum("ijk,jk->ij", np.cross(foot, b[None]), normals) >= 0))
    to_a, to_b = points @ a.T, points @ b.T
    end = np.where((to_a >= to_b)[..., None], a[None], b[None])
    foot = np.where(inside[..., None], foot, end)
    screen = np.arccos(np.clip(np.einsum("ik,ijk->ij", points, foot), -1, 1))
    rows, cols = np.nonzero(screen <= screen.min(axis=1, keepdims=True) * 1.02 + 1e-4)
    candidate = foot[rows, cols]
    foot_lat = np.degrees(np.arcsin(np.clip(candidate[:, 2], -1, 1)))
    foot_lon = np.degrees(np.arctan2(candidate[:, 1], candidate[:, 0]))
    km, _ = vincenty_inverse(lat[rows], lon[rows], foot_lat, foot_lon)
    nearest = np.full(len(lat), np.inf)
    np.minimum.at(nearest, rows, km)
    return nearest


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
    kept between kernels too (newscase.cache), keyed by the grid, the border and the code."""
    xs, ys = map_grid()
    key = cache.content_key(xs.tobytes(), ys.tobytes(), geo.border_code_key(),
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
    for feature in geo.load_countries()["features"]:
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
    cities = geo.load_cities() if cities is None else cities.copy()
    x, y = project(cities["lat"].to_numpy(), cities["lon"].to_numpy())
    return cities.assign(x=np.round(x, 1), y=np.round(y, 1),
                         label=cities["population"] >= LABEL_POPULATION)


@lru_cache(maxsize=1)
def _russian_cities() -> pd.DataFrame:
    cities = geo.load_cities()
    return map_places(cities[cities["country"] == "RUS"].reset_index(drop=True))


def russian_cities() -> pd.DataFrame:
    """The Russian cities in data/geo/cities.csv (50,000+ people, within 800 km of the
    border), with map coordinates: the places a strike from Ukraine could reach."""
    return _russian_cities().copy()


def landmarks() -> pd.DataFrame:
    """Ukrainian cities to show for orientation: Kyiv and the three origins on offer."""
    cities = geo.load_cities()
    chosen = cities[cities["name"].isin(UKRAINIAN_LANDMARKS) & (cities["country"] == "UKR")]
    return map_places(chosen.reset_index(drop=True))


# One view of the map: a range, an origin, a weapon ---------------------------------------------

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


def resolve_origin(origin) -> geo.Origin:
    """``geo.resolve_origin``, with the border called "the whole border"."""
    resolved = geo.resolve_origin(origin)
    return geo.Origin(BORDER_LABEL) if resolved.is_border else resolved


def band_xy(origin: geo.Origin, range_km: float) -> tuple[np.ndarray, np.ndarray]:
    """The outline of everything within ``range_km`` of the origin, on the map: the contour
    of the border grid, or one geodesic ring per launch point. Loops split by NaN."""
    return _band_xy(origin, float(range_km))


@lru_cache(maxsize=2048)
def _band_xy(origin: geo.Origin, range_km: float) -> tuple[np.ndarray, np.ndarray]:
    if range_km <= 0:
        return join_loops([])
    if origin.is_border:
        return join_loops(contour_loops(border_grid(), range_km))
    return join_loops(ring_xy(lat, lon, range_km) for lat, lon in origin.points)


@dataclass(frozen=True, eq=False)
class RangeView:
    """Everything the map and its summary show for one range, origin and weapon."""

    range_km: float
    origin: geo.Origin
    weapon: Weapon | None
    reach: pd.DataFrame  # the places, nearest first, with distance_km and in_reach
    summary: geo.ReachSummary
    band: tuple[np.ndarray, np.ndarray]  # the band's outline on the map, loops split by NaN

    @property
    def text(self) -> str:
        return reach_text(self)


def range_view(range_km: float = 306, origin="border", weapon: Weapon | None = None,
               places: pd.DataFrame | None = None) -> RangeView:
    """The map's content for ``range_km`` from ``origin`` ("border", a city name such as
    "Sumy", a (lat, lon) pair or a list): which places are in reach, and the band's outline.
    ``places`` defaults to ``russian_cities()``."""
    source = resolve_origin(origin)
    if places is None:  # a slider move: the distances are cached, only in_reach changes
        geo.check_range_km(range_km)
        reach = _russian_reach(source).assign(in_reach=lambda r: r["distance_km"] <= range_km)
    else:
        reach = geo.places_in_reach(places, range_km, source)
    return RangeView(float(range_km), source, weapon, reach,
                     geo.reach_summary(reach, range_km), band_xy(source, range_km))


@lru_cache(maxsize=16)
def _russian_reach(origin: geo.Origin) -> pd.DataFrame:
    return geo.places_in_reach(_russian_cities(), 0, origin)


def warm_up() -> None:
    """Compute what the first map from the border needs: the border grid and every city's
    distance to the border (about 2 s the first time on a machine, then read from
    newscase.cache). Every later view only filters."""
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
    head = (f"From {view.origin.label}, {km:,.0f} km ({geo.km_to_miles(km):,.0f} mi)"
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
        return text + (f" Every city of {geo.MAJOR_CITY_POPULATION:,}+ people in the data is in "
                       "reach.")
    return text + (f" Nearest city of {geo.MAJOR_CITY_POPULATION:,}+ out of reach: "
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


# The projection lesson --------------------------------------------------------------------------

def mercator_xy(lat, lon, centre: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Web-Mercator map coordinates, in km at the equator's scale, relative to ``centre``."""
    x, y = geo.web_mercator_km(np.asarray(lat, float), np.asarray(lon, float))
    x0, y0 = geo.web_mercator_km(*centre)
    return x - x0, y - y0


@dataclass(frozen=True)
class MercatorCircle:
    """How a true geodesic circle looks on Web Mercator, and what naive circles reach."""

    true_x: np.ndarray  # the geodesic circle on the Mercator map (km at the equator's scale)
    true_y: np.ndarray
    local_radius: float  # a circle drawn with the scale at the centre: map radius
    local_north_km: float  # ... which reaches this far north on the ground
    local_south_km: float  # ... and this far south
    equator_ground_km: float  # a circle drawn with the equator's scale bar reaches this far


def mercator_circle(lat: float, lon: float, km: float, n: int = RING_POINTS) -> MercatorCircle:
    """The geodesic circle of ``km`` around (lat, lon) on a Web-Mercator map, and how far on
    the ground two circles a ruler would draw there really reach."""
    bearings = np.append(np.linspace(0, 360, n, endpoint=False), 0.0)
    ring_lat, ring_lon = vincenty_direct(np.full(n + 1, lat), np.full(n + 1, lon), bearings,
                                         np.full(n + 1, float(km)))
    true_x, true_y = mercator_xy(ring_lat, ring_lon, (lat, lon))
    scale = 1 / math.cos(math.radians(lat))  # Mercator's stretch at the centre's latitude
    local = km * scale
    _, y0 = geo.web_mercator_km(lat, lon)

    def ground_km(map_dy: float) -> float:
        target = np.degrees(2 * np.arctan(np.exp((y0 + map_dy) / geo.WEB_MERCATOR_RADIUS_KM))
                            - np.pi / 2)
        return geo.distance_km(lat, lon, float(target), lon)

    return MercatorCircle(true_x, true_y, local, ground_km(local), ground_km(-local),
                          geo.distance_km(lat, lon, *_mercator_east(lat, lon, km)))


def _mercator_east(lat: float, lon: float, map_km: float) -> tuple[float, float]:
    """The point ``map_km`` east on a Web-Mercator map, along the same parallel."""
    return lat, lon + math.degrees(map_km / geo.WEB_MERCATOR_RADIUS_KM)
