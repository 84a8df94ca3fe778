"""Lesson 03, the weapon's range: which places a range reaches from the border or a city, the
map that shows it (drawn offline, on a flat map the package projects itself), and what flat maps
do to distances.

Modules: ``geofiles`` (the borders, countries and cities shipped in geodata/), ``border``
(distance to a border), ``places`` (origins and places in reach), ``mapframe`` (the article's
map frame, the map's projection, grid and contours), ``views`` (one view of the map and its
text), ``distances`` (the maps' distances as tables), ``projection`` (the projection lesson),
``figures``, ``widgets`` and ``checks``. The names below are what a lesson calls; each loads its
module on first use.
"""

from newscase.lazy import exports_from, lazy_exports

EXPORTS = {
    **exports_from("newscase.reach.geofiles", "load_cities load_border load_countries country_at"),
    **exports_from("newscase.reach.border", "distance_to_border_km nearest_border_point"),
    **exports_from("newscase.reach.places",
                   "Origin resolve_origin city_point places_in_reach reach_summary"),
    **exports_from("newscase.reach.mapframe", "MapFrame MapFrameError map_frame target_cities"),
    **exports_from("newscase.reach.views",
                   "RangeView Weapon range_view origin_table warm_up first_weapon"),
    **exports_from("newscase.reach.projection",
                   "compare_distance_methods mercator_circle path_gap_km"),
    **exports_from("newscase.reach.distances",
                   "city_distances origin_distances edge_text"),
    **exports_from("newscase.reach.figures", "range_map update_range_map origins_map "
                   "projection_chart mercator_line_chart"),
    **exports_from("newscase.reach.widgets", "RangeExplorer range_explorer"),
    **exports_from("newscase.reach.checks",
                   "check_km check_miles_to_km check_border_distance check_in_reach"),
    **exports_from("newscase.present.feedback", "check_number"),
}
__all__ = sorted(EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), EXPORTS)
