"""Distance to a packaged land border: exact for a few places, fast for a map grid.

``border`` is the name of a packaged border (``geofiles.border_names()``); the article's
map_frame.csv says which one a lesson uses. Left out, it is the package's only border.

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
from newscase.reach.geofiles import border_file, load_border


def _unit_vectors(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


@dataclass(frozen=True, eq=False)
class BorderLine:
    """A polyline ready for nearest-point queries: vertices, unit vectors, edge normals."""

    lat: np.ndarray
    lon: np.ndarray
    xyz: np.ndarray
    normals: np.ndarray

    @classmethod
    def from_frame(cls, line: pd.DataFrame) -> BorderLine:
        xyz = _unit_vectors(line["lat"].to_numpy(), line["lon"].to_numpy())
        normals = np.cross(xyz[:-1], xyz[1:])
        normals /= np.linalg.norm(normals, axis=1, keepdims=True)
        return cls(line["lat"].to_numpy(), line["lon"].to_numpy(), xyz, normals)

    def screen(self, lat, lon) -> tuple[np.ndarray, np.ndarray]:
        """For each point (rows) and edge (columns), on the unit sphere: the angle to the
        edge's nearest point, and that point as a unit vector (the foot of the point on the
        edge's great circle, or the nearer end when the foot falls outside the edge)."""
        points = _unit_vectors(np.atleast_1d(np.asarray(lat, float)),
                               np.atleast_1d(np.asarray(lon, float)))
        a, b, normals = self.xyz[:-1], self.xyz[1:], self.normals
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


def border_line(border: str | None = None) -> BorderLine:
    return _border_line(border_file(border))


@lru_cache(maxsize=4)
def _border_line(path: Path) -> BorderLine:
    return BorderLine.from_frame(load_border(path))


def nearest_border_point(lat: float, lon: float,
                         border: str | None = None) -> tuple[float, float, float]:
    """(km, lat, lon): the geodesic distance from (lat, lon) to the land border, and the
    border point where it is reached."""
    return _nearest_border_point(lat, lon, border_file(border))


@lru_cache(maxsize=2**14)
def _nearest_border_point(lat: float, lon: float, path: Path) -> tuple[float, float, float]:
    geodesy.check_point(lat, lon)
    line = _border_line(path)
    angle, _ = line.screen(lat, lon)
    best = (math.inf, math.nan, math.nan)
    for i in np.flatnonzero(near_edges(angle[0])):
        edge = geodesy.WGS84.InverseLine(line.lat[i], line.lon[i], line.lat[i + 1],
                                         line.lon[i + 1])
        best = min(best, geodesy.nearest_on_geodesic(lat, lon, edge))
    return best[0] / 1000, best[1], best[2]


def distance_to_border_km(lat: float, lon: float, border: str | None = None) -> float:
    """Geodesic distance in km from (lat, lon) to the international land border (the 1:50m
    line: read it as ±5 km)."""
    return nearest_border_point(lat, lon, border)[0]


def border_distances_km(lat: Sequence[float], lon: Sequence[float],
                        border: str | None = None) -> np.ndarray:
    """``distance_to_border_km`` for many points at once. The exact search costs about 6 ms a
    point, so the result is kept between kernels too (newscase.data.cache), keyed by the
    points, the border file and the code."""
    return _border_distances_km(tuple(map(float, lat)), tuple(map(float, lon)),
                                border_file(border))


@lru_cache(maxsize=64)
def _border_distances_km(lat: tuple[float, ...], lon: tuple[float, ...],
                         path: Path) -> np.ndarray:
    key = cache.content_key(np.asarray([lat, lon]).tobytes(), border_code_key(path))
    km = cache.cached_array(
        "border-distances", key,
        lambda: np.fromiter((_nearest_border_point(a, b, path)[0] for a, b in zip(
            lat, lon, strict=True)), float, len(lat)))
    km.setflags(write=False)  # shared by every caller with the same points
    return km


def border_code_key(border: str | Path | None = None) -> str:
    """What every distance to the border depends on: the border file, this module and the
    geodesy it calls."""
    return _border_code_key(border_file(border))


@lru_cache(maxsize=4)
def _border_code_key(path: Path) -> str:
    return cache.content_key(path.read_bytes(), Path(__file__).read_bytes(),
                             Path(geodesy.__file__).read_bytes())


def border_distance_km(lat, lon, border: str | Path | None = None) -> np.ndarray:
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
