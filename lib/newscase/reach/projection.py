"""The projection lesson: what flat maps do to distances. The ``naive_*`` functions are wrong on
purpose, to show by how much; never use them to measure anything."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from newscase.geodesy import (
    MEAN_RADIUS_KM,
    WEB_MERCATOR_RADIUS_KM,
    WGS84,
    Geodesic,
    check_point,
    distance_km,
    from_web_mercator_km,
    nearest_on_geodesic,
    range_ring,
    web_mercator_km,
)
from newscase.reach.mapframe import RING_POINTS


def naive_mercator_path(lat1: float, lon1: float, lat2: float, lon2: float,
                        n: int = 100) -> pd.DataFrame:
    """WRONG ON PURPOSE: the straight line a ruler draws on a Web-Mercator map, as lat/lon
    points. On the ground it is a rhumb line (constant compass bearing), not the shortest path."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    x1, y1 = web_mercator_km(lat1, lon1)
    x2, y2 = web_mercator_km(lat2, lon2)
    t = np.linspace(0, 1, n + 1)
    lat, lon = from_web_mercator_km(x1 + t * (x2 - x1), y1 + t * (y2 - y1))
    return pd.DataFrame({"lat": lat, "lon": lon})


def naive_mercator_path_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WRONG ON PURPOSE: how far you travel on the ground along the Mercator straight line
    (summed in 256 geodesic steps): never shorter than the geodesic."""
    path = naive_mercator_path(lat1, lon1, lat2, lon2, n=256)
    lat, lon = path["lat"].tolist(), path["lon"].tolist()
    return sum(WGS84.Inverse(a, b, c, d, Geodesic.DISTANCE)["s12"] for a, b, c, d in zip(
        lat, lon, lat[1:], lon[1:], strict=False)) / 1000


def naive_mercator_ruler_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WRONG ON PURPOSE: the straight-line length on a Web-Mercator map read with the equator's
    scale bar. Mercator stretches by 1/cos(latitude): about 1.6× at 51°N."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    x1, y1 = web_mercator_km(lat1, lon1)
    x2, y2 = web_mercator_km(lat2, lon2)
    return float(math.hypot(x2 - x1, y2 - y1))


def naive_flat_map_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WRONG ON PURPOSE: Pythagoras on a lat/lon grid, every degree taken as 111.2 km. It ignores
    that degrees of longitude shrink towards the poles (to 70 km at 51°N)."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    km_per_degree = math.pi * MEAN_RADIUS_KM / 180
    return math.hypot(lat2 - lat1, lon2 - lon1) * km_per_degree


def compare_distance_methods(lat1: float, lon1: float, lat2: float, lon2: float) -> pd.DataFrame:
    """One row per way of measuring from point 1 to point 2, with its error against the
    geodesic in km and %. Only the first row is right."""
    true_km = distance_km(lat1, lon1, lat2, lon2)
    methods = {
        "geodesic on the WGS84 ellipsoid (correct)": true_km,
        "straight line on a Web-Mercator map, travelled on the ground":
            naive_mercator_path_km(lat1, lon1, lat2, lon2),
        "straight line on a Web-Mercator map, read with the equator's scale":
            naive_mercator_ruler_km(lat1, lon1, lat2, lon2),
        "flat map: Pythagoras on degrees": naive_flat_map_km(lat1, lon1, lat2, lon2),
    }
    table = pd.DataFrame({"method": list(methods), "km": list(methods.values())})
    table["error_km"] = table["km"] - true_km
    table["error_pct"] = 100 * table["error_km"] / true_km
    return table


def path_gap_km(lat1: float, lon1: float, lat2: float, lon2: float, n: int = 100) -> float:
    """How far the Mercator straight line strays from the geodesic, in km: the largest distance
    from any of its ``n + 1`` points to the geodesic."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    geodesic = WGS84.InverseLine(lat1, lon1, lat2, lon2)
    wrong = naive_mercator_path(lat1, lon1, lat2, lon2, n)
    return max(nearest_on_geodesic(lat, lon, geodesic)[0] for lat, lon in zip(
        wrong["lat"], wrong["lon"], strict=True)) / 1000


def mercator_xy(lat, lon, centre: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Web-Mercator map coordinates, in km at the equator's scale, relative to ``centre``."""
    x, y = web_mercator_km(np.asarray(lat, float), np.asarray(lon, float))
    x0, y0 = web_mercator_km(*centre)
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
    ring = range_ring(lat, lon, km, n)
    true_x, true_y = mercator_xy(ring["lat"].to_numpy(), ring["lon"].to_numpy(), (lat, lon))
    scale = 1 / math.cos(math.radians(lat))  # Mercator's stretch at the centre's latitude
    local = km * scale
    _, y0 = web_mercator_km(lat, lon)

    def ground_km(map_dy: float) -> float:
        target, _ = from_web_mercator_km(0, y0 + map_dy)
        return distance_km(lat, lon, float(target), lon)

    return MercatorCircle(true_x, true_y, local, ground_km(local), ground_km(-local),
                          distance_km(lat, lon, *_mercator_east(lat, lon, km)))


def _mercator_east(lat: float, lon: float, map_km: float) -> tuple[float, float]:
    """The point ``map_km`` east on a Web-Mercator map, along the same parallel."""
    return lat, lon + math.degrees(map_km / WEB_MERCATOR_RADIUS_KM)
