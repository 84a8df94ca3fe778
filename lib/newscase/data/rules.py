"""The rules a Table Schema cannot express, run on the tables as strings."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

from newscase.data.errors import ROW_OFFSET, show
from newscase.data.schema import unknown_id_line
from newscase.data.tables import Table, parse_date
from newscase.data.time_rules import (
    ANCHORED,
    COUNTED,
    TIME_RULES,
    allowed_fields,
    normalise,
    stated_date_in,
    template_fields,
    weekday_in,
)
from newscase.present.suggest import did_you_mean

KM_PER_MILE = 1.609344
#: Stated ranges are rounded, so miles and kilometres may disagree by this much.
RANGE_TOLERANCE_KM = 1.0
#: Attributions with no actor to name: the reporter, or reports nobody is named for.
UNVOICED_ATTRIBUTIONS = ("reporter", "unattributed-reports")


def rule_errors(text: str, tables: dict[str, Table]) -> list[str]:
    errors: list[str] = []
    for table in tables.values():
        if not table.usable:
            continue
        table_rules = ROW_RULES.get(table.name)
        for index, row in enumerate(table.rows):
            line = index + ROW_OFFSET
            errors += evidence_errors(table, line, row, text)
            errors += list_reference_errors(table, line, row, tables)
            if table_rules:
                errors += table_rules(table, line, row, text)
            if table.name in CROSS_RULES:
                errors += CROSS_RULES[table.name](table, line, row, tables)
        if table.name in TABLE_RULES:
            errors += TABLE_RULES[table.name](table)
    return errors


def evidence_errors(table: Table, line: int, row: dict, text: str) -> list[str]:
    if "evidence" not in row:
        return []
    evidence = row["evidence"]
    where = f"{table.file}:{line}:evidence"
    if not evidence:
        if row.get("source") or row.get("reason") or table.field_named("evidence").get(
                "constraints", {}).get("required"):
            return []  # cited or reasoned instead, or already reported as a required field
        if "reason" in row:
            return [f"{where}: has neither evidence nor reason; give a verbatim span of the "
                    "article, or say in reason why the course chose this value"]
        return [f"{where}: has neither evidence nor source; "
                "give a verbatim span of the article or cite a source"]
    count = text.count(evidence)
    if count == 1:
        return []
    if count > 1:
        return [f"{where}: occurs {count} times in the article; lengthen it so it is unique"]
    return [f"{where}: not found in the article: '{show(evidence)}'{quote_hint(evidence, text)}"]


def quote_hint(evidence: str, text: str) -> str:
    straight = str.maketrans("’‘“”", "''\"\"")
    if evidence.translate(straight) in text.translate(straight):
        return " (the article's quote marks or apostrophes differ: copy them from the text)"
    return " (copy the span from article.txt exactly)"


def list_reference_errors(table: Table, line: int, row: dict,
                          tables: dict[str, Table]) -> list[str]:
    errors = []
    for spec in table.fields:
        target = tables.get(spec.get("references", ""))
        value = row.get(spec["name"], "")
        if target is None or not target.usable or not value:
            continue
        known = set(target.ids())
        for item in value.split(spec.get("separator", "|")):
            if not item:
                errors.append(f"{table.file}:{line}:{spec['name']}: an id is empty; "
                              f"remove the extra '{spec.get('separator', '|')}'")
            elif item not in known:
                errors.append(unknown_id_line(table, line, spec["name"], item, target))
    return errors


def actor_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    errors = [
        f"{table.file}:{line}:aliases: '{show(alias)}' does not occur in the article as a word"
        for alias in filter(None, row["aliases"].split("|"))
        if not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text)
    ]
    if row["stance"] and not row["stance_source"]:
        errors.append(f"{table.file}:{line}:stance_source: is required when a stance is coded")
    if row["stance_source"] and not row["stance"]:
        errors.append(f"{table.file}:{line}:stance_source: must be blank when stance is blank")
    return errors


def claim_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}"
    errors = [f"{where}:hedges: '{show(hedge)}' is not in this row's evidence"
              for hedge in filter(None, row["hedges"].split("|")) if hedge not in row["evidence"]]
    unvoiced = row["attribution"] in UNVOICED_ATTRIBUTIONS
    if unvoiced and row["asserted_by"]:
        errors.append(f"{where}:asserted_by: must be blank when attribution is "
                      f"'{row['attribution']}'")
    if not unvoiced and not row["asserted_by"]:
        errors.append(f"{where}:asserted_by: is blank, so attribution must be one of "
                      f"{', '.join(UNVOICED_ATTRIBUTIONS)}")
    for main in ("attribution", "claim_type"):
        if row[main] in row.get(f"{main}_also", "").split("|"):
            errors.append(f"{where}:{main}_also: repeats the {main} '{show(row[main])}'; list "
                          "only other codes that also fit")
    return errors


def event_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}"
    errors = []
    is_range = row["date_precision"] == "range"
    if is_range and not row["date_end"]:
        errors.append(f"{where}:date_end: is required when date_precision is 'range'")
    if not is_range and row["date_end"]:
        errors.append(f"{where}:date_end: must be blank unless date_precision is 'range'")
    start, end = parse_date(row["date"]), parse_date(row["date_end"])
    if is_range and start and end and end < start:
        errors.append(f"{where}:date_end: {row['date_end']} is before date {row['date']}")
    if row["date_basis"] == "outside-source" and not row["source"]:
        errors.append(f"{where}:source: is required when date_basis is 'outside-source'")
    return errors


def time_phrase_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    """What a phrase's rule needs: an anchor and a count where it counts, a date or a weekday
    in the wording, and only the rule's own fields in the reasoning template."""
    rule = row["rule"]
    if rule not in TIME_RULES:
        return []  # the schema's enum reports it
    where = f"{table.file}:{line}"
    errors = []
    for column, rules, needed in (("anchor", ANCHORED, "the id of the stated-date phrase it "
                                   "counts from or to"),
                                  ("count", COUNTED, "how many calendar months")):
        if rule in rules and not row[column]:
            errors.append(f"{where}:{column}: is required when rule is '{rule}': give {needed}")
        if rule not in rules and row[column]:
            errors.append(f"{where}:{column}: must be blank unless rule is {' or '.join(rules)}")
    wording = row["evidence"]
    if rule == "stated-date" and wording and stated_date_in(wording) is None:
        errors.append(f"{where}:evidence: '{show(wording)}' writes out no date; a stated-date "
                      "phrase needs one, such as 'March 3, 2021' or '3 March 2021'")
    if rule == "weekday" and wording and weekday_in(wording) is None:
        errors.append(f"{where}:evidence: '{show(wording)}' names no weekday; a weekday phrase "
                      "needs one, such as 'on Monday'")
    return errors + reasoning_errors(f"{where}:reasoning", rule, row["reasoning"])


def reasoning_errors(where: str, rule: str, template: str) -> list[str]:
    try:
        names = template_fields(template)
    except ValueError:
        return [f"{where}: has an unmatched '{{' or '}}'; put braces only around a field, "
                "such as {reference}"]
    allowed = allowed_fields(rule)
    return [f"{where}: '{{{show(name)}}}' is not a field of rule '{rule}'; use "
            f"{', '.join(f'{{{f}}}' for f in allowed)}"
            for name in dict.fromkeys(names) if name not in allowed]


def place_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}"
    errors = []
    if row["kind"] != "country":
        errors += [f"{where}:{name}: is required for a {row['kind']}"
                   for name in ("lat", "lon") if not row[name]]
    if (row["lat"] or row["lon"]) and not row["coord_source"]:
        errors.append(f"{where}:coord_source: is required when coordinates are given")
    return errors


def weapon_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    errors = []
    if row.get("weapon_type") and not row.get("weapon_type_source"):
        errors.append(f"{table.file}:{line}:weapon_type_source: is required when weapon_type "
                      "is given: cite where the type comes from")
    return errors + range_rules(table, line, row)


def range_rules(table: Table, line: int, row: dict) -> list[str]:
    if {(line, "range_mi"), (line, "range_km")} & table.flagged:
        return []
    try:
        miles, km = float(row["range_mi"]), float(row["range_km"])
    except ValueError:
        return []  # a type error, reported by the schema check
    expected = miles * KM_PER_MILE
    if abs(km - expected) > RANGE_TOLERANCE_KM:
        return [f"{table.file}:{line}:range_km: {show(row['range_km'])} km does not match "
                f"{show(row['range_mi'])} mi (= {expected:.1f} km)"]
    return []


def argument_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}:target"
    if row["position"] == "root" and row["target"]:
        return [f"{where}: must be blank for the root argument"]
    if row["position"] != "root" and not row["target"]:
        return [f"{where}: is blank; a '{show(row['position'])}' argument needs a target"]
    if row["target"] and row["target"] == row["id"]:
        return [f"{where}: an argument cannot target itself"]
    return []


def ladder_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    expected = line - ROW_OFFSET + 1
    try:
        rung = int(row["rung"])
    except ValueError:
        return []  # a type error, reported by the schema check
    if rung != expected:
        return [f"{table.file}:{line}:rung: is {rung}, expected {expected}: rungs are numbered "
                "1, 2, 3… from the bottom, in row order"]
    return []


WIRE_PHRASE_MAX_WORDS = 30  # quote the wire in short phrases, never at length


def wire_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    words = len(row["wire_phrase"].split())
    if words > WIRE_PHRASE_MAX_WORDS:
        return [f"{table.file}:{line}:wire_phrase: {words} words; quote at most "
                f"{WIRE_PHRASE_MAX_WORDS} and paraphrase the rest"]
    return []


def exercise_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    if not row["params"]:
        return []
    try:
        params = json.loads(row["params"])
    except ValueError as error:
        return [f"{table.file}:{line}:params: not valid JSON ({error.msg}, character "
                f"{error.pos}); write an object such as {{\"place\": \"a city\"}}"]
    if not isinstance(params, dict):
        return [f"{table.file}:{line}:params: must be a JSON object in {{ }}, not "
                f"'{show(row['params'])}'"]
    return []


# --- The range map's frame (notebook 03): values checked against the package's geodata -----

ISO3 = re.compile(r"[A-Z]{3}")
COUNTRY_SETTINGS = ("launch_country", "target_country")
PLACE_SETTINGS = ("centre", "projection_place", "mercator_start", "mercator_end")
LIST_SETTINGS = ("landmarks",)
NUMBER_SETTINGS = ("view_west_km", "view_east_km", "view_south_km", "view_north_km",
                   "label_population", "city_population", "city_border_km")
#: Every setting is optional: the range map fills in defaults from the article's places and
#: weapons (newscase.reach.mapframe).
REQUIRED_SETTINGS: tuple[str, ...] = ()


def city_problem(name: str) -> str | None:
    """Why ``name`` is not a city in the package's cities data, or None."""
    from newscase.reach.geofiles import big_city_names, city_names

    names = city_names()
    if name in names:
        return None
    wanted, _, country = name.rpartition(",")
    if wanted.strip() in names and ISO3.fullmatch(country.strip()):
        return None  # 'Donetsk, RUS'; the map says if no such city is in that country
    hint = (did_you_mean(name, big_city_names(), inline=True)
            or did_you_mean(name, sorted(names), inline=True))
    return f"'{show(name)}' is not a city in the package's cities data{hint}"


def place_problem(name: str, tables: dict[str, Table]) -> str | None:
    """Why ``name`` is neither a place with coordinates in places.csv (by id or name) nor a
    city in the package's cities data, or None."""
    places = tables.get("places")
    if places is not None and places.usable:
        wanted = name.strip().lower()
        for row in places.rows:
            if wanted in (row.get("id", "").lower(), row.get("name", "").lower()):
                if row.get("lat") and row.get("lon"):
                    return None
                return (f"'{show(name)}' is a place in places.csv without coordinates; give it "
                        "lat and lon there, or name a city")
    problem = city_problem(name)
    return f"{problem}, nor a place with coordinates in places.csv" if problem else None


def map_frame_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    from newscase.reach.geofiles import border_problem, country_names

    setting, value = row["setting"], row["value"]
    where = f"{table.file}:{line}:value"
    if not value:
        return []  # a required field, reported by the schema check
    if setting in COUNTRY_SETTINGS:
        if not ISO3.fullmatch(value):
            return [f"{where}: '{show(value)}' is not an ISO alpha-3 country code (three "
                    "capital letters)"]
        if value not in country_names():
            hint = did_you_mean(value, sorted(country_names()), inline=True)
            return [f"{where}: '{show(value)}' is not a country in the package's countries "
                    f"data{hint}"]
    elif setting == "border":
        problem = border_problem(value)
        return [f"{where}: {problem}"] if problem else []
    elif setting in NUMBER_SETTINGS:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not number > 0 or not math.isfinite(number):
            return [f"{where}: '{show(value)}' is not a positive number"]
    return []


def map_frame_place_rules(table: Table, line: int, row: dict,
                          tables: dict[str, Table]) -> list[str]:
    """Place settings name a place of places.csv with coordinates, or a city."""
    setting, value = row["setting"], row["value"]
    if not value or setting not in PLACE_SETTINGS + LIST_SETTINGS:
        return []
    names = value.split("|") if setting in LIST_SETTINGS else [value]
    return [f"{table.file}:{line}:value: {problem}"
            for problem in (place_problem(name, tables) for name in names) if problem]


def map_frame_table_rules(table: Table) -> list[str]:
    settings = {row["setting"]: row["value"] for row in table.rows}
    errors = [f"{table.file}: setting '{name}' is missing; add a row for it"
              for name in REQUIRED_SETTINGS if name not in settings]
    launch, target = settings.get("launch_country"), settings.get("target_country")
    if launch and launch == target:
        line = next(i for i, r in enumerate(table.rows) if r["setting"] == "target_country")
        errors.append(f"{table.file}:{line + ROW_OFFSET}:value: the target country is the "
                      "launch country; name two different countries")
    return errors


def border_setting(tables: dict[str, Table]) -> str:
    """The land border map_frame.csv names ('UKR|RUS'), or '' when it names none."""
    frame = tables.get("map_frame")
    rows = frame.rows if frame is not None and frame.usable else []
    return next((r["value"] for r in rows if r.get("setting") == "border"), "")


NO_BORDER = ("measures from the border, but map_frame.csv names no border; add a 'border' row "
             "(two ISO country codes, such as UKR|RUS) or measure from a place")


def map_origin_rules(table: Table, line: int, row: dict,
                     tables: dict[str, Table]) -> list[str]:
    place = row["place"]
    if place == "border" and not border_setting(tables):
        return [f"{table.file}:{line}:place: {NO_BORDER}"]
    if not place or place == "border":
        return []
    problem = place_problem(place, tables)
    return [f"{table.file}:{line}:place: {problem} (or 'border')"] if problem else []


def exercise_cross_rules(table: Table, line: int, row: dict,
                         tables: dict[str, Table]) -> list[str]:
    """A Try it that measures from the border needs the map to name one."""
    try:
        params = json.loads(row["params"]) if row["params"] else {}
    except ValueError:
        return []  # reported by exercise_rules
    if not isinstance(params, dict):
        return []
    from_border = row["kind"] == "border-distance" or "border" in (
        params.get("origin"), params.get("wide"), params.get("narrow"))
    if from_border and not border_setting(tables):
        return [f"{table.file}:{line}:params: {NO_BORDER}"]
    return []


TABLE_RULES = {
    "map_frame": map_frame_table_rules,
}


ROW_RULES = {
    "actors": actor_rules,
    "map_frame": map_frame_rules,
    "claims": claim_rules,
    "events": event_rules,
    "time_phrases": time_phrase_rules,
    "places": place_rules,
    "weapons": weapon_rules,
    "arguments": argument_rules,
    "ladder": ladder_rules,
    "wire_rewrite": wire_rules,
    "exercises": exercise_rules,
}


# --- Rules that read another table (notebook 04) -------------------------------------------


def event_row(tables: dict[str, Table], event_id: str) -> dict | None:
    """The events.csv row with this id, or None (unknown ids are the foreign key's to report)."""
    events = tables.get("events")
    if events is None or not events.usable:
        return None
    return next((r for r in events.rows if r.get("id") == event_id), None)


def article_event_rules(table: Table, line: int, row: dict,
                        tables: dict[str, Table]) -> list[str]:
    """Placements and side readings are for the article's own events: an outside-source event
    is a forecast outcome, which must stay hidden until the learner has forecast."""
    event = event_row(tables, row["event"])
    # An outside-source event with no source is the events rule's to report.
    if event is not None and event["date_basis"] == "outside-source" and event["source"]:
        return [f"{table.file}:{line}:event: '{show(row['event'])}' comes from an outside "
                "source; use only the article's own events (outcomes stay hidden until the "
                "forecast reveal)"]
    return []


def forecast_rules(table: Table, line: int, row: dict, tables: dict[str, Table]) -> list[str]:
    """The outcome event is cited, dated to the day, and agrees with the stored outcome."""
    where = f"{table.file}:{line}"
    event = event_row(tables, row["outcome_event"])
    if event is None:
        return []
    name = show(row["outcome_event"])
    if event["date_basis"] != "outside-source":
        return [f"{where}:outcome_event: '{name}' is not from an outside source; an outcome "
                "needs an event with date_basis outside-source and a cited source"]
    if event["date_precision"] != "day":
        return [f"{where}:outcome_event: '{name}' is dated '{event['date_precision']}'; an "
                "outcome needs an event dated to the day"]
    asked, happened = parse_date(row["asked_on"]), parse_date(event["date"])
    try:
        window = int(row["window_days"])
    except ValueError:
        return []  # a type error, reported by the schema check
    if asked is None or happened is None or window < 1 or row["outcome"] not in ("yes", "no"):
        return []  # the schema check reports these
    if happened <= asked:
        return [f"{where}:outcome_event: '{name}' is dated {event['date']}, not after the "
                f"question was asked on {row['asked_on']}"]
    deadline = asked + dt.timedelta(days=window)
    within = happened <= deadline
    if within != (row["outcome"] == "yes"):
        side = "within the window, which closes" if within else "after the window closed"
        return [f"{where}:outcome: '{row['outcome']}' disagrees with the event: {name} is dated "
                f"{event['date']}, {side} on {deadline.isoformat()}"]
    return []


#: The escalation ladder's movers that are no side: actors of several sides, or of none.
MOVERS_NOT_SIDES = ("both", "unknown")


def side_rules(table: Table, line: int, row: dict, tables: dict[str, Table]) -> list[str]:
    """A side's id is not a reserved mover, and each of its countries is an actor's country,
    listed once, on this side only."""
    where = f"{table.file}:{line}"
    errors = []
    if row["id"] in MOVERS_NOT_SIDES:
        errors.append(f"{where}:id: '{row['id']}' is reserved for the ladder's moves by several "
                      "sides or by none; choose another id")
    actors = tables.get("actors")
    known = (sorted({r["country"] for r in actors.rows if r.get("country")})
             if actors is not None and actors.usable else None)
    earlier = {country: (side["id"], index + ROW_OFFSET)
               for index, side in enumerate(table.rows[:line - ROW_OFFSET])
               for country in side["countries"].split("|")}
    listed = row["countries"].split("|") if row["countries"] else []
    for position, country in enumerate(listed):
        if not country:
            errors.append(f"{where}:countries: a country code is empty; remove the extra '|'")
        elif known is not None and country not in known:
            errors.append(f"{where}:countries: '{show(country)}' is no actor's country in "
                          f"actors.csv{did_you_mean(country, known, inline=True)}")
        elif country in earlier:
            side, first = earlier[country]
            errors.append(f"{where}:countries: '{show(country)}' is already on side "
                          f"'{show(side)}' (row {first}); a country moves for one side only")
        elif country in listed[:position]:
            errors.append(f"{where}:countries: '{show(country)}' is listed twice; list it once")
    return errors


def time_phrase_cross_rules(table: Table, line: int, row: dict,
                            tables: dict[str, Table]) -> list[str]:
    """An anchor points at a stated-date phrase (an unknown id is the foreign key's to report),
    and no wording or alias names two phrases."""
    where = f"{table.file}:{line}"
    errors = []
    target = next((r for r in table.rows if r.get("id") == row["anchor"]), None)
    if row["anchor"] and target is not None and target["rule"] != "stated-date":
        errors.append(f"{where}:anchor: '{show(row['anchor'])}' is a '{show(target['rule'])}' "
                      "phrase; point it at a stated-date phrase")
    earlier = {}
    for index, other in enumerate(table.rows[: line - ROW_OFFSET]):
        for name in filter(None, (other["evidence"], *other["aliases"].split("|"))):
            earlier.setdefault(normalise(name), index + ROW_OFFSET)
    names = [("evidence", row["evidence"])] + [("aliases", a) for a in row["aliases"].split("|")]
    for column, name in names:
        if name and normalise(name) in earlier:
            errors.append(f"{where}:{column}: '{show(name)}' also names the phrase on row "
                          f"{earlier[normalise(name)]}; give each wording or alias to one phrase")
    return errors


CROSS_RULES = {
    "map_frame": map_frame_place_rules,
    "map_origins": map_origin_rules,
    "time_phrases": time_phrase_cross_rules,
    "ladder_placements": article_event_rules,
    "escalation_views": article_event_rules,
    "sides": side_rules,
    "forecast_questions": forecast_rules,
    "exercises": exercise_cross_rules,
}
