"""The range lesson's Try-it checks."""

from __future__ import annotations

from newscase import geodesy
from newscase.present.feedback import Feedback, check_number, not_an_option, read_number
from newscase.present.suggest import did_you_mean
from newscase.reach.border import distance_to_border_km
from newscase.reach.mapframe import map_frame
from newscase.reach.places import city_point
from newscase.reach.projection import mercator_circle
from newscase.reach.views import RangeView, Weapon, range_view


def check_km(answer, correct_km: float, why: str, tolerance_km: float = 5) -> Feedback:
    """A distance in km, right within ``tolerance_km``; says which way a miss is off, and
    spots an answer in miles."""
    value, problem = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if problem:
        return problem
    if abs(value - correct_km) <= tolerance_km:
        return Feedback(True, why)
    if abs(value - geodesy.km_to_miles(correct_km)) <= tolerance_km:
        return Feedback(False, f"{value:g} looks like miles. The question asks for km: "
                        "1 mile is 1.609344 km.")
    direction = "too low" if value < correct_km else "too high"
    return Feedback(False, f"{value:g} km is {direction}. Check how you measured, then re-run "
                    "the cell.")


def check_miles_to_km(answer, miles: float, stated_km: float) -> Feedback:
    """The article's miles in km, against the km figure the article prints beside them."""
    value, problem = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if problem:
        return problem
    exact = geodesy.miles_to_km(miles)
    if abs(value - exact) <= 0.5:
        return Feedback(True, f"{miles:g} mi × 1.609344 = {exact:.1f} km, which the article "
                        f"rounds to {stated_km:g}; back the other way, {stated_km:g} km is "
                        f"{geodesy.km_to_miles(stated_km):.1f} mi. The two figures agree.")
    if abs(value - miles / geodesy.KM_PER_MILE) <= 1:
        return Feedback(False, "You divided. A mile is longer than a km, so the same distance "
                        "is a bigger number in km: multiply by 1.609344.")
    if abs(value - miles) <= 1:
        return Feedback(False, f"{value:g} is still the number of miles. Multiply it by "
                        "1.609344, the km in one mile.")
    if abs(value - miles * 1.6) <= 1:
        return Feedback(False, f"Close: {value:g} uses 1.6 km per mile, a rounded factor. The "
                        "exact one, since 1959, is 1.609344.")
    direction = "too low" if value < exact else "too high"
    return Feedback(False, f"{value:g} km is {direction}. One mile is 1.609344 km: multiply "
                    f"{miles:g} by it.")


def check_border_distance(answer, place: str, range_km: float, tolerance_km: float = 10,
                          border: str | None = None,
                          point: tuple[float, float] | None = None) -> Feedback:
    """How far a place (``point``, else a city in the cities data) is from the nearest point
    of the land border ``border`` ('UKR|RUS'). The border line is good to about ±5 km, so
    answers within ``tolerance_km`` count."""
    lat, lon = point or city_point(place)
    km = distance_to_border_km(lat, lon, border)
    value, _ = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if value is not None and abs(value - range_km) < 0.5 < abs(km - range_km):
        return Feedback(False, f"{range_km:g} km is the weapon's range, not the distance. Find "
                        f"{place} in the table reach.city_distances gives (or hover over it on "
                        "the map), or use reach.distance_to_border_km.")
    why = (f"{place} is about {km:,.0f} km from the nearest point of the border: "
           f"{km - range_km:+,.0f} km compared with the article's {range_km:g}. The border line "
           "itself is only good to about ±5 km.")
    return check_km(answer, km, why, tolerance_km)


def check_in_reach(answer, view: RangeView, options: list[str]) -> Feedback:
    """Which of ``options`` (city names) are within ``view.range_km`` of ``view.origin``?
    The answer is a list of names, [] for none, or one comma-separated string."""
    if answer is None:
        return Feedback(False, "Replace None with a list of names in square brackets, such as "
                        f"['{options[0]}'], or [] if none is in reach.")
    if isinstance(answer, str):
        given = [part for part in answer.split(",") if part.strip()]
    elif isinstance(answer, list | tuple | set):
        given = list(answer)
    else:
        return Feedback(False, "Give a list of names in square brackets, such as "
                        f"['{options[0]}'].")
    lookup = {option.lower(): option for option in options}
    chosen = set()
    for name in given:
        cleaned = str(name).strip().lower()
        if cleaned not in lookup:
            hint = did_you_mean(cleaned, list(lookup), show=lambda key: f"'{lookup[key]}'")
            return not_an_option(name, options, hint)
        chosen.add(lookup[cleaned])
    reach = view.reach.drop_duplicates("name").set_index("name")
    truth = {option for option in options if reach.loc[option, "in_reach"]}
    if chosen == truth:
        facts = "; ".join(f"{option} {reach.loc[option, 'distance_km']:,.0f} km"
                          for option in options)
        return Feedback(True, f"Within {view.range_km:,.0f} km of {view.origin.label}: "
                        f"{', '.join(o for o in options if o in truth) or 'none of them'}. "
                        f"Distances: {facts}.")
    wrong = sorted(chosen ^ truth, key=options.index)
    right = len(options) - len(wrong)
    which = "it" if len(wrong) == 1 else "each"
    return Feedback(False, f"{right} of {len(options)} right. Look again at {', '.join(wrong)}: "
                    f"find {which} in the table reach.city_distances gives (or hover over "
                    f"{which} on the map), and compare the distance with {view.range_km:,.0f} km.")


# --- the lesson's exercises, by kind (newscase.present.exercises): each reads the weapon and
# the places it asks about from the article's data.


def weapon_row(article, weapon: str):
    weapons = article.weapons
    return weapons[weapons["id"] == weapon].iloc[0]


def miles_to_km_exercise(article, answer, weapon: str) -> Feedback:
    row = weapon_row(article, weapon)
    return check_miles_to_km(answer, float(row["range_mi"]), float(row["range_km"]))


def in_reach_exercise(article, answer, weapon: str, origin: str, options: list[str]) -> Feedback:
    row = weapon_row(article, weapon)
    view = range_view(article, float(row["range_km"]), origin, Weapon.from_row(row))
    return check_in_reach(answer, view, options)


def _frame_place(article, place: str) -> tuple[object, tuple[float, float]]:
    """The article's map frame and a place's (lat, lon): a place its data names, else a
    city."""
    frame = map_frame(article)
    found = frame.place_point(place)
    return frame, (found[1] if found else city_point(place))


def border_distance_exercise(article, answer, weapon: str, place: str) -> Feedback:
    frame, point = _frame_place(article, place)
    return check_border_distance(answer, place, float(weapon_row(article, weapon)["range_km"]),
                                 border=frame.border, point=point)


def reach_difference_exercise(article, answer, weapon: str, wide: str, narrow: str) -> Feedback:
    """How many more target cities one origin reaches than another."""
    km = float(weapon_row(article, weapon)["range_km"])
    more = (range_view(article, km, wide).summary.in_reach
            - range_view(article, km, narrow).summary.in_reach)
    return check_number(answer, correct=more, why="")


def mercator_circle_exercise(article, answer, weapon: str, place: str,
                             tolerance_km: float) -> Feedback:
    """How far a range circle drawn with the equator's scale bar really reaches at ``place``."""
    km = float(weapon_row(article, weapon)["range_km"])
    ground = mercator_circle(*_frame_place(article, place)[1], km).equator_ground_km
    return check_km(answer, ground, f"About {ground:,.1f} km.", tolerance_km)


EXERCISES = {
    "miles-to-km": miles_to_km_exercise,
    "in-reach": in_reach_exercise,
    "border-distance": border_distance_exercise,
    "reach-difference": reach_difference_exercise,
    "mercator-circle": mercator_circle_exercise,
}
