"""Distance to a land border: exact for a few places, fast for a map grid.

``border`` names the land border two countries share, as two ISO alpha-3 codes ('UKR|RUS',
``geofiles.border_key``); the article's map_frame.csv says which one a lesson uses. A border may
be several lines (where lakes or a third country interrupt it): each edge belongs to one line.

- ``distance_to_border_km`` and ``nearest_border_point``: the geodesic minimum to the border
  line, each edge taken as a geodesic, found to better than 1 m. The line itself is Natural
  Earth 1:50m: a 10 m-resolution border lies a median 1.6 km from it, 95 % within 4.7 km,
  8.5 km at worst (see geodata/PROVENANCE.md), so read results as ±5 km.
- ``border_distance_km``: the same for whole arrays, within 50 m of the exact search (tested),
  for the map's grid.

Both first screen the edges on the mean sphere (``BorderLine.screen``): the sphere is within
0.6 % of the ellipsoid, so no edge more than 2 % (and 1 km) beyond the nearest can hold the
nearest point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from newscase import geodesy
from newscase.data import cache
from newscase.reach.geofiles import border_key, border_pieces


def _unit_vectors(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


@dataclass(frozen=True, eq=False)
class BorderLine:
    """Edges ready for nearest-point queries: their ends (degrees and unit vectors) and the
    normals of their great circles."""

    lat: np.ndarray  # (edges × 2): each edge's start and end
    lon: np.ndarray
    a: np.ndarray  # unit vectors of the starts and ends
    b: np.ndarray
    normals: np.ndarray

    @classmethod
    def from_frame(cls, line: pd.DataFrame) -> BorderLine:
        """From rows lat, lon: consecutive rows are an edge unless either is NaN (a gap
        between two lines of the border)."""
        lat, lon = line["lat"].to_numpy(float), line["lon"].to_numpy(float)
        edge = ~(np.isnan(lat[:-1]) | np.isnan(lat[1:]))
        lat = np.column_stack([lat[:-1][edge], lat[1:][edge]])
        lon = np.column_stack([lon[:-1][edge], lon[1:][edge]])
        a, b = _unit_vectors(lat[:, 0], lon[:, 0]), _unit_vectors(lat[:, 1], lon[:, 1])
        normals = np.cross(a, b)
        normals /= np.linalg.norm(normals, axis=1, keepdims=True)
        return cls(lat, lon, a, b, normals)

    @classmethod
    def from_pieces(cls, pieces) -> BorderLine:
        gap = np.full((1, 2), np.nan)
        points = np.concatenate([part for piece in pieces for part in (piece, gap)])
        return cls.from_frame(pd.DataFrame({"lat": points[:, 1], "lon": points[:, 0]}))

    def screen(self, lat, lon) -> tuple[np.ndarray, np.ndarray]:
        """For each point (rows) and edge (columns), on the unit sphere: the angle to the
        edge's nearest point, and that point as a unit vector (the foot of the point on the
        edge's great circle, or the nearer end when the foot falls outside the edge)."""
        points = _unit_vectors(np.atleast_1d(np.asarray(lat, float)),
                               np.atleast_1d(np.asarray(lon, float)))
        a, b, normals = self.a, self.b, self.normals
        foot = points[:, None, :] - (points @ normals.T)[..., None] * normals[None]
        foot /= np.linalg.norm(foot, axis=2, keepdims=True)
        inside = ((np.einsum("ijk,jk->ij", np.cross(a[None], foot), normals) >= 0)
                  & (np.einsum("ijk,jk->ij", np.cross(foot, b[None]), normals) >= 0))
        end = np.where((points @ a.T >= points @ b.T)[..., None], a[None], b[None])
        foot = np.where(inside[..., None], foot, end)
        angle = np.arccos(np.clip(np.einsum("ik,ijk->ij", points, foot), -1, 1))
        return angle, foot


def near_edges(angle: np.ndarray) -> np.ndarray:
    """Which edges may hold a point's nearest border point: within 2 % and 1 km of the
    nearest on the sphere."""
    km = angle * geodesy.MEAN_RADIUS_KM
    return km <= km.min(axis=-1, keepdims=True) * 1.02 + 1


def border_line(border: str) -> BorderLine:
    return _border_line(border_key(border))


@lru_cache(maxsize=8)
def _border_line(border: str) -> BorderLine:
    return BorderLine.from_pieces(border_pieces(border))


def nearest_border_point(lat: float, lon: float,
                         border: str | None = None) -> tuple[float, float, float]:
    """(km, lat, lon): the geodesic distance from (lat, lon) to the land border ``border``
    ('UKR|RUS'), and the border point where it is reached."""
    return _nearest_border_point(lat, lon, border_key(border))


@lru_cache(maxsize=2**14)
def _nearest_border_point(lat: float, lon: float, border: str) -> tuple[float, float, float]:
    geodesy.check_point(lat, lon)
    line = _border_line(border)
    angle, _ = line.screen(lat, lon)
    best = (math.inf, math.nan, math.nan)
    for i in np.flatnonzero(near_edges(angle[0])):
        edge = geodesy.WGS84.InverseLine(line.lat[i, 0], line.lon[i, 0], line.lat[i, 1],
                                         line.lon[i, 1])
        best = min(best, geodesy.nearest_on_geodesic(lat, lon, edge))
    return best[0] / 1000, best[1], best[2]


def distance_to_border_km(lat: float, lon: float, border: str | None = None) -> float:
    """Geodesic distance in km from (lat, lon) to the land border ``border`` ('UKR|RUS': two
    ISO alpha-3 codes), the 1:50m line: read it as ±5 km."""
    return nearest_border_point(lat, lon, border)[0]


def border_distances_km(lat: Sequence[float], lon: Sequence[float],
                        border: str | None = None) -> np.ndarray:
    """``distance_to_border_km`` for many points at once. The exact search costs about 6 ms a
    point, so the result is kept between kernels too (newscase.data.cache), keyed by the
    points, the border file and the code."""
    return _border_distances_km(tuple(map(float, lat)), tuple(map(float, lon)),
                                border_key(border))


@lru_cache(maxsize=64)
def _border_distances_km(lat: tuple[float, ...], lon: tuple[float, ...],
                         border: str) -> np.ndarray:
    key = cache.content_key(np.asarray([lat, lon]).tobytes(), border_code_key(border))
    km = cache.cached_array(
        "border-distances", key,
        lambda: np.fromiter((_nearest_border_point(a, b, border)[0] for a, b in zip(
            lat, lon, strict=True)), float, len(lat)))
    km.setflags(write=False)  # shared by every caller with the same points
    return km


def border_code_key(border: str | None = None) -> str:
    """What every distance to the border depends on: the border's points, this module and the
    geodesy it calls."""
    return _border_code_key(border_key(border))


@lru_cache(maxsize=8)
def _border_code_key(border: str) -> str:
    points = np.concatenate([np.append(piece, [[np.nan, np.nan]], axis=0)
                             for piece in border_pieces(border)])
    return cache.content_key(points.tobytes(), Path(__file__).read_bytes(),
                             Path(geodesy.__file__).read_bytes())


def border_distance_km(lat, lon, border: str | None = None) -> np.ndarray:
    """Geodesic km from each point to the land border, for arrays (the map's grid): Vincenty
    measures the ellipsoidal distance to each candidate edge's nearest point on the sphere.
    That point is a few hundred metres off the ellipsoid's, and distance barely changes near
    its minimum: within 50 m of ``distance_to_border_km``."""
    lat, lon = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
    angle, foot = border_line(border).screen(lat, lon)
    rows, cols = np.nonzero(near_edges(angle))
    candidate = foot[rows, cols]
    foot_lat = np.degrees(np.arcsin(np.clip(candidate[:, 2], -1, 1)))
    foot_lon = np.degrees(np.arctan2(candidate[:, 1], candidate[:, 0]))
    km, _ = geodesy.vincenty_inverse(lat[rows], lon[rows], foot_lat, foot_lon)
    nearest = np.full(len(lat), np.inf)
    np.minimum.at(nearest, rows, km)
    return nearest
