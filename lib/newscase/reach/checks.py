"""The range lesson's Try-it checks."""

from __future__ import annotations

from newscase import geodesy
from newscase.present.feedback import Feedback, not_an_option, read_number
from newscase.present.suggest import did_you_mean
from newscase.reach.border import distance_to_border_km
from newscase.reach.places import city_point
from newscase.reach.views import RangeView


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


def check_miles_to_km(answer, miles: float = 190, stated_km: float = 306) -> Feedback:
    """The article's miles in km: 190 mi is 305.8 km, which the article rounds to 306."""
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


def check_border_distance(answer, place: str = "Moscow", tolerance_km: float = 10) -> Feedback:
    """How far a city in cities.csv is from the nearest point of the Ukraine–Russia border.
    The border line is good to about ±5 km, so answers within ``tolerance_km`` count."""
    lat, lon = city_point(place)
    km = distance_to_border_km(lat, lon)
    value, _ = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if value is not None and abs(value - 306) < 0.5 < abs(km - 306):
        return Feedback(False, "306 km is the weapon's range, not the distance. Hover over "
                        f"{place} on the map, or use reach.distance_to_border_km.")
    why = (f"{place} is about {km:,.0f} km from the nearest point of the border: "
           f"{km - 306:+,.0f} km compared with the article's 306. The border line itself is only "
           "good to about ±5 km.")
    return check_km(answer, km, why, tolerance_km)


def check_in_reach(answer, view: RangeView, options: list[str]) -> Feedback:
    """Which of ``options`` (city names) are within ``view.range_km`` of ``view.origin``?
    The answer is a list of names, [] for none, or one comma-separated string."""
    if answer is None:
        return Feedback(False, "Replace None with a list of names in square brackets, such as "
                        "['Kursk'], or [] if none is in reach.")
    if isinstance(answer, str):
        given = [part for part in answer.split(",") if part.strip()]
    elif isinstance(answer, list | tuple | set):
        given = list(answer)
    else:
        return Feedback(False, "Give a list of names in square brackets, such as ['Kursk'].")
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
                    f"hover over {which} on the map, and compare the distance with "
                    f"{view.range_km:,.0f} km.")
