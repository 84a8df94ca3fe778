"""Geodesics on the WGS84 ellipsoid: distances, destinations, paths, range rings and the
azimuthal equidistant and Web-Mercator maps.

Latitude comes first, in degrees; distances are in km. One set of constants: WGS84's ``a`` and
``f`` as geographiclib defines them.

Accuracy:
- ``distance_km``, ``destination``, ``geodesic_path`` and ``nearest_on_geodesic``: Karney's
  algorithms (geographiclib), exact to round-off (about 15 nanometres); the nearest point is
  found to better than 1 cm.
- ``vincenty_inverse`` and ``vincenty_direct``: Vincenty's (1975) formulas on whole numpy
  arrays, within 1 mm of geographiclib, for the maps that need thousands of points at once.
  The inverse does not converge for nearly antipodal points: it raises.
- ``range_ring``: vertices within 1 mm (Vincenty); the straight edges a map draws between them
  cut inside the true circle, by ``km * (1 - cos(180° / n))`` on a map centred on the ring:
  11 m for 300 km at ``n=360``.
- ``azimuthal_equidistant``: distance and bearing from the centre are true (Vincenty, and
  geographiclib where Vincenty does not converge); sideways distances are stretched by about
  s²/6R²: 0.1 % at 500 km from the centre, 1 % at 1,500 km.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from geographiclib.geodesic import Geodesic

WGS84 = Geodesic.WGS84
A_M, F = WGS84.a, WGS84.f  # metres; flattening
B_M = A_M * (1 - F)
KM_PER_MILE = 1.609344  # the international mile, exact by definition since 1959
MEAN_RADIUS_KM = (2 * A_M + B_M) / 3 / 1000  # IUGG mean Earth radius, 6371.0088 km
WEB_MERCATOR_RADIUS_KM = A_M / 1000  # EPSG:3857 treats the Earth as a sphere of WGS84's a
NEAREST_TOLERANCE_M = 0.01


# Units -----------------------------------------------------------------------------------------

def miles_to_km(miles):
    """Statute (international) miles to km: 100 mi is 160.9344 km."""
    return miles * KM_PER_MILE


def km_to_miles(km):
    """km to statute (international) miles."""
    return km / KM_PER_MILE


# Geodesics (geographiclib) ----------------------------------------------------------------------

def check_point(lat: float, lon: float) -> None:
    """Raise a ValueError that says what to fix if (lat, lon) is not a point on Earth."""
    for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if not isinstance(value, int | float | np.number) or isinstance(value, bool):
            raise TypeError(f"{name} must be a number of degrees, got {value!r}.")
        if math.isnan(value):
            raise ValueError(f"{name} is missing (NaN): every point needs a lat and a lon.")
        if not math.isfinite(value) or abs(value) > limit:
            hint = " Did you give (lon, lat)? Latitude comes first." if name == "lat" else ""
            raise ValueError(f"{name} must be between -{limit} and {limit}, got {value}.{hint}")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid, in km."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    return WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] / 1000


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` along the geodesic that leaves (lat, lon) at ``bearing`` degrees
    (clockwise from north)."""
    check_point(lat, lon)
    end = WGS84.Direct(lat, lon, bearing, km * 1000, Geodesic.LATITUDE | Geodesic.LONGITUDE)
    return end["lat2"], end["lon2"]


def geodesic_path(lat1: float, lon1: float, lat2: float, lon2: float,
                  n: int = 100) -> pd.DataFrame:
    """``n + 1`` points along the shortest path, with ``km`` travelled: the line to draw."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    line = WGS84.InverseLine(lat1, lon1, lat2, lon2)
    points = [line.Position(line.s13 * i / n) for i in range(n + 1)]
    return pd.DataFrame({"lat": [p["lat2"] for p in points], "lon": [p["lon2"] for p in points],
                         "km": [p["s12"] / 1000 for p in points]})


def nearest_on_geodesic(lat: float, lon: float, line) -> tuple[float, float, float]:
    """(metres, lat, lon) of the point of a geodesic segment (a geographiclib ``GeodesicLine``
    from ``WGS84.InverseLine``) nearest to (lat, lon).

    Along a geodesic, d(distance)/ds = cos(segment azimuth - azimuth of arrival from the point)
    (the first variation of arc length), which rises through zero at the nearest point; an
    Illinois false-position search finds that zero.
    """
    def at(s: float) -> tuple[float, float, float, float]:
        point = line.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH)
        back = WGS84.Inverse(lat, lon, point["lat2"], point["lon2"],
                             Geodesic.DISTANCE | Geodesic.AZIMUTH)
        slope = math.cos(math.radians(point["azi2"] - back["azi2"]))
        return back["s12"], slope, point["lat2"], point["lon2"]

    lo, hi = 0.0, line.s13
    start, end = at(lo), at(hi)
    if start[1] >= 0 or start[0] < NEAREST_TOLERANCE_M:
        return start[0], start[2], start[3]
    if end[1] <= 0:
        return end[0], end[2], end[3]
    best = min(start, end)
    slope_lo, slope_hi, side, previous = start[1], end[1], 0, math.inf
    for _ in range(100):
        s = lo - slope_lo * (hi - lo) / (slope_hi - slope_lo)
        here = at(s)
        best = min(best, here)
        if abs(s - previous) < NEAREST_TOLERANCE_M or hi - lo < NEAREST_TOLERANCE_M:
            break
        previous = s
        if here[1] < 0:
            lo, slope_lo = s, here[1]
            slope_hi = slope_hi / 2 if side == -1 else slope_hi
            side = -1
        else:
            hi, slope_hi = s, here[1]
            slope_lo = slope_lo / 2 if side == 1 else slope_lo
            side = 1
    return best[0], best[2], best[3]


# Vincenty's formulas on arrays -------------------------------------------------------------------

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


def _vincenty_inverse(lat1, lon1, lat2, lon2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(km, azimuth at point 1, converged): where ``converged`` is False the other two are
    meaningless."""
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
        converged = np.abs(lam - previous) < 1e-12
        if np.all(converged):
            break
    big_a, big_b = _series_a_b(cos2_alpha)
    km = B_M * big_a * (sigma - _delta_sigma(big_b, sin_s, cos_s, cos_2sm)) / 1000
    azimuth = np.degrees(np.arctan2(cos_u2 * np.sin(lam),
                                    cos_u1 * sin_u2 - sin_u1 * cos_u2 * np.cos(lam)))
    return km, azimuth, converged


def vincenty_inverse(lat1, lon1, lat2, lon2) -> tuple[np.ndarray, np.ndarray]:
    """(km, azimuth at point 1 in degrees) on WGS84, elementwise over arrays: Vincenty (1975),
    within 1 mm of geographiclib. Not for nearly antipodal points (it raises)."""
    km, azimuth, converged = _vincenty_inverse(lat1, lon1, lat2, lon2)
    if not np.all(converged):
        raise ValueError("Vincenty's formula did not converge: nearly antipodal points? "
                         "Use newscase.geodesy.distance_km for those.")
    return km, azimuth


def vincenty_direct(lat, lon, azimuth, km) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) reached after ``km`` along the geodesic leaving (lat, lon) at ``azimuth``
    degrees, elementwise over arrays: Vincenty (1975), within 1 mm of geographiclib."""
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


def range_ring(lat: float, lon: float, km: float, n: int = 360) -> pd.DataFrame:
    """The geodesic circle of radius ``km`` around (lat, lon) as a closed polygon of ``n``
    vertices (the first is repeated at the end), one per bearing, clockwise from north."""
    check_point(lat, lon)
    if not 0 < km < 20_000:
        raise ValueError(f"km must be between 0 and 20,000 (half way round the Earth), got {km}.")
    bearings = np.append(np.linspace(0, 360, n, endpoint=False), 0.0)
    ring_lat, ring_lon = vincenty_direct(np.full(n + 1, float(lat)), np.full(n + 1, float(lon)),
                                         bearings, np.full(n + 1, float(km)))
    return pd.DataFrame({"bearing": bearings, "lat": ring_lat, "lon": ring_lon})


# Flat maps --------------------------------------------------------------------------------------

def azimuthal_equidistant(lat, lon, center_lat: float, center_lon: float):
    """Project onto a flat map centred on (center_lat, center_lon) where distance and bearing
    from the centre are true: returns (x_km east, y_km north). Takes numbers or arrays."""
    check_point(center_lat, center_lon)
    lats, lons = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
    km, azimuth, converged = _vincenty_inverse(np.full(lats.shape, float(center_lat)),
                                               np.full(lats.shape, float(center_lon)), lats, lons)
    for i in np.flatnonzero(~converged):  # nearly antipodal to the centre
        exact = WGS84.Inverse(center_lat, center_lon, lats[i], lons[i],
                              Geodesic.DISTANCE | Geodesic.AZIMUTH)
        km[i], azimuth[i] = exact["s12"] / 1000, exact["azi1"]
    rad = np.radians(azimuth)
    x, y = km * np.sin(rad), km * np.cos(rad)
    if np.ndim(lat) == 0:
        return float(x[0]), float(y[0])
    return x, y


def from_azimuthal_equidistant(x, y, center_lat: float, center_lon: float):
    """(lat, lon) of points (x km east, y km north) on ``azimuthal_equidistant``'s map."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    return vincenty_direct(np.full(x.shape, float(center_lat)),
                           np.full(x.shape, float(center_lon)),
                           np.degrees(np.arctan2(x, y)), np.hypot(x, y))


def web_mercator_km(lat, lon):
    """Web-Mercator (EPSG:3857) map coordinates in km at the equator's scale: the plane that
    web maps are drawn on. Takes numbers or arrays."""
    phi, lam = np.radians(lat), np.radians(lon)
    return (WEB_MERCATOR_RADIUS_KM * lam,
            WEB_MERCATOR_RADIUS_KM * np.log(np.tan(np.pi / 4 + phi / 2)))


def from_web_mercator_km(x, y):
    """(lat, lon) of Web-Mercator map coordinates in km: ``web_mercator_km``'s inverse."""
    lat = np.degrees(2 * np.arctan(np.exp(np.asarray(y) / WEB_MERCATOR_RADIUS_KM)) - np.pi / 2)
    return lat, np.degrees(np.asarray(x) / WEB_MERCATOR_RADIUS_KM)
