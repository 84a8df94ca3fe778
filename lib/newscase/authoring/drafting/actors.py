"""Actors: who the article names, with every place in the text they are mentioned.

Rules, in the order they claim text:
- countries by name, alternative name, dotted abbreviation ('U.K.'), capital used for its
  government, demonym ('Chinese') and people ('Germans'); seats of government ('the White House')
  become government actors of their country;
- groups: a plural noun for people in public life ('officials', 'lawmakers', 'troops', 'forces'),
  with the demonym, country or acronym before it ('Chinese officials', 'NATO allies'); anonymous
  sourcing ('sources familiar with the talks', 'a senior official', 'speaking on condition of
  anonymity');
- organisations: capitalised names with a cue word (Ministry, Council, Army, Party…), an acronym
  that is not a weapon, and '<Surname> administration';
- people: capitalised names of two to four words after a title ('Prime Minister', 'spokesperson'),
  before an apposition (', a senior fellow at …'), or next to a verb of saying; later, a surname on
  its own names the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscase.authoring.drafting import gazetteer
from newscase.authoring.drafting.spans import Sentence, overlaps, word_matches

SAY_VERBS = (r"said|says|say|told|tells|wrote|writes|added|adds|warned|warns|stated|stating|"
             r"argued|argues|claimed|claims|announced|announces|noted|notes|insisted|insists|"
             r"explained|explains|asked|asks|declared|declares|posted|tweeted|confirmed|confirms|"
             r"denied|denies|praised|praises|criticized|criticised|criticizes|criticises|"
             r"welcomed|welcomes|pledged|pledges|urged|urges|according to|described|describing|"
             r"believes|believed|predicted|predicts|accused|accuses|vowed|vows")
SAY = re.compile(rf"\b(?:{SAY_VERBS})\b")

TITLES = (r"Vice|Deputy|Acting|Prime Minister|Deputy Prime Minister|President-elect|"
          r"Vice President|President|"
          r"Foreign Minister|Defen[cs]e Minister|Interior Minister|Finance Minister|Minister|"
          r"Secretary of State|Defen[cs]e Secretary|Secretary-General|Secretary General|"
          r"Secretary|Chancellor|Premier|King|Queen|Prince|Crown Prince|Emperor|Governor|Mayor|"
          r"Senator|Sen\.|Representative|Rep\.|Ambassador|General|Gen\.|Admiral|Colonel|"
          r"Commander|Chief|Speaker|Chairman|Chairwoman|Chair|Director|Spokesperson|Spokesman|"
          r"Spokeswoman|Leader|Pope|Judge|Justice|Attorney General|Lt\. Gen\.|Maj\. Gen\.|Dr\.|"
          r"Mr\.|Mrs\.|Ms\.|Professor|Prof\.")
LOWER_TITLES = (r"spokesperson|spokesman|spokeswoman|analyst|adviser|advisor|researcher|"
                r"professor|expert|economist|commander|official|envoy|negotiator|diplomat|"
                r"lawmaker|senator|minister|correspondent|director|fellow|chief")
TITLE_BEFORE = re.compile(rf"(?:\b(?:{TITLES})|\b(?:{LOWER_TITLES}))\s*$")
APPOSITION = re.compile(r"^,\s+(?:a|an|the|one of|who|whose|its|his|her|their)\b[^,.;]{0,120}")
OF_ORG = re.compile(r"^\s+(?:of|at|from) (?:the )?[A-Z][^,.;]{0,80}")

ORG_CUES = {
    "government": r"Ministry|Administration|Government|Cabinet|Department|Office|Presidency|"
                  r"Embassy|Foreign Office|Home Office|State Department",
    "legislature": r"Parliament|Congress|Senate|Duma|Assembly|Knesset|Bundestag|Diet|"
                   r"House of Representatives|House of Commons|House of Lords|Legislature",
    "military": r"Army|Navy|Air Force|Armed Forces|Forces|Guard|Guards|Command|Marines|"
                r"Military|Corps|Brigade|Battalion|Regiment|Division|Fleet",
    "organisation": r"Council|Committee|Commission|Agency|Organisation|Organization|Union|"
                    r"Party|Institute|Institution|University|Bank|Fund|Foundation|Court|"
                    r"Association|Alliance|League|Group|Centre|Center|Company|Corporation|"
                    r"Inc\.|Ltd|Service|Services|Bureau|Authority|Police|Movement|Front|"
                    r"Federation|Society|Network|Program|Programme|Watch|Tribunal|Forum",
}
ORG_CUE = {kind: re.compile(rf"\b(?:{cue})\b") for kind, cue in ORG_CUES.items()}
#: Nouns for people in public life, as a group; the drafter's group actors.
GROUP_NOUNS = {
    "military": r"forces|troops|soldiers|fighters|militants|servicemen|marines|army|navy",
    "group": r"officials|lawmakers|legislators|diplomats|analysts|experts|allies|leaders|"
             r"authorities|ministers|generals|commanders|politicians|residents|witnesses|"
             r"Republicans|Democrats|Conservatives|investigators|prosecutors|observers|"
             r"negotiators|protesters|protestors|activists|rebels|voters|citizens|critics",
}
GROUP_ADJECTIVES = (r"senior|some|other|several|two|three|many|top|western|Western|"
                    r"congressional|local|regional|government|military|intelligence|defen[cs]e|"
                    r"security|foreign|federal|state|former|European|Arab|Gulf|opposition")
ANONYMOUS = re.compile(
    r"\b(?:(?:[Ss]ources|[Pp]eople|[Pp]ersons|[Oo]fficials|an official|a person|a source)"
    r" (?:familiar|close|briefed) (?:with|to) (?:the |this |that |a |an )?\w+"
    r"|(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal) "
    r"(?:senior |high-ranking |other |western |Western )?"
    r"(?:[A-Z][\w.]*\s)?(?:officials?|sources?|diplomats?|aides?)"
    r"(?=[,.;]|\s+(?:said|says|told|who|from|at|in|with|familiar|speaking|close|briefed|added|"
    r"confirmed))"
    r"|the international community)")
ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
WEAPON_NOUNS = r"missiles?|rockets?|drones?|systems?|launchers?|bombs?|shells?|jets?|tanks?"
CAP_WORD = r"[A-Z][\w’'.-]*[\w.]|[A-Z]"
CAP_SEQUENCE = re.compile(rf"(?:{CAP_WORD})(?:\s(?:(?:of|for|and|the|de|al|von|van|bin)\s)?"
                          rf"(?:{CAP_WORD}))*")
POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
#: Capitalised words that start sentences or headlines but name no one.
FUNCTION_WORDS = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "However", "Meanwhile", "While", "As",
    "This", "These", "Those", "That", "It", "Its", "He", "She", "They", "We", "I", "You", "His",
    "Her", "Their", "Our", "Despite", "Some", "Such", "After", "Before", "When", "If", "With",
    "For", "From", "By", "Since", "Although", "Though", "Yet", "Still", "Also", "There", "Here",
    "What", "Who", "Why", "How", "Which", "Where", "Many", "Most", "Other", "Others", "Both",
    "Any", "All", "Each", "Not", "No", "Yes", "So", "Then", "Now", "Last", "Next", "Earlier",
    "Later", "Asked", "According", "Under", "Over", "Until", "Among", "Amid", "Amidst", "To",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Mr", "Mrs", "Ms", "Dr",
}


@dataclass(eq=False)
class Actor:
    key: str
    name: str
    kind: str
    country: str = ""
    role: str = ""
    rule: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)
    evidence_span: tuple[int, int] | None = None

    def aliases(self, text: str) -> list[str]:
        return list(dict.fromkeys(text[a:b] for a, b in sorted(self.mentions)))


@dataclass
class Found:
    """All actors, and which actor each claimed piece of text belongs to."""

    actors: dict[str, Actor] = field(default_factory=dict)
    claimed: list[tuple[int, int]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return not any(overlaps((start, end), c) for c in self.claimed)

    def add(self, key: str, start: int, end: int, make, evidence: tuple[int, int] | None = None):
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = make()
            actor.key = key
        actor.mentions.append((start, end))
        if actor.evidence_span is None:
            actor.evidence_span = evidence or (start, end)
        self.claimed.append((start, end))
        return actor

    def at(self, start: int, end: int) -> list[Actor]:
        return [a for a in self.actors.values()
                if any(overlaps((start, end), m) for m in a.mentions)]


def country_name(iso3: str) -> str:
    return gazetteer.countries()[iso3].name


def find_actors(text: str, sents: list[Sentence], quotes: list[tuple[int, int]]) -> Found:
    found = Found()
    inside_quote = [(a, b) for a, b in quotes]
    _groups(text, found)
    _anonymous(text, found)
    _seats(text, found)
    _organisations(text, sents, found, inside_quote)
    _people(text, sents, found, inside_quote)
    _countries(text, found)
    _surnames(text, found)
    return found


def _country_actor(iso3: str, how: str):
    name = country_name(iso3)
    return lambda: Actor(f"country:{iso3}", name, "country", iso3,
                         f"Drafted: a country the text names ({how})", "country")


def _countries(text: str, found: Found) -> None:
    for match in gazetteer.country_pattern().finditer(text):
        if not found.free(match.start(), match.end()):
            continue
        form = gazetteer.country_forms()[match.group()]
        found.add(f"country:{form.iso3}", match.start(), match.end(),
                  _country_actor(form.iso3, f"as '{match.group()}', its {form.kind}"))
    for match in gazetteer.DOTTED.finditer(text):
        iso3 = gazetteer.abbreviation_country(match.group(1))
        if iso3 and found.free(match.start(), match.end()):
            found.add(f"country:{iso3}", match.start(), match.end(),
                      _country_actor(iso3, f"as '{match.group(1)}'"))


def _country_before(text: str, end: int) -> tuple[str, int] | None:
    """The country a demonym, name or dotted abbreviation right before ``end`` names."""
    before = text[max(0, end - 40):end]
    for match in gazetteer.DOTTED.finditer(before):
        if match.end() == len(before.rstrip()):
            iso3 = gazetteer.abbreviation_country(match.group(1))
            if iso3:
                return iso3, end - len(before) + match.start()
    for match in gazetteer.country_pattern().finditer(before):
        if match.end() == len(before.rstrip()):
            return gazetteer.country_forms()[match.group()].iso3, end - len(before) + match.start()
    return None


def _groups(text: str, found: Found) -> None:
    acronym_or_place = (r"(?:(?:[A-Z]\.){2,3}|[A-Z]{2,6}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")
    for kind, nouns in GROUP_NOUNS.items():
        pattern = re.compile(rf"(?:\b(?:{GROUP_ADJECTIVES}) )?(?:{acronym_or_place}[ -])?"
                             rf"\b(?i:{nouns})\b")
        for match in pattern.finditer(text):
            start, end = match.span()
            words = match.group().split()
            if words[0] in ("some", "other", "several", "two", "three", "many", "senior",
                            "former", "top") and len(words) > 1:
                start += len(words[0]) + 1  # 'some analysts': the group is 'analysts'
            surface = text[start:end]
            head = re.sub(rf"\b(?i:{nouns})$", "", surface).strip(" -")
            country = ""
            if head:
                form = gazetteer.country_forms().get(head)
                dotted = gazetteer.abbreviation_country(head) if "." in head else None
                if form is None and dotted is None and head[:1].isupper() \
                        and not head.isupper() and head not in ("Western", "European", "Arab",
                                                                "Gulf"):
                    start = end - len(re.search(rf"(?i:{nouns})$", surface).group())
                    surface = text[start:end]
                else:
                    country = form.iso3 if form else (dotted or "")
            if not found.free(start, end):
                continue
            key = "group:" + surface.casefold().replace("’", "'")
            rule = f"a group noun ('{surface}')"
            group_kind = "military" if kind == "military" else "group"
            found.add(key, start, end, lambda s=surface, k=group_kind, c=country, r=rule: Actor(
                key=f"group:{s.casefold()}", name=s[:1].upper() + s[1:], kind=k, country=c,
                role=f"Drafted: a group the text names as '{s}'; who they are is not said",
                rule=r))


def _anonymous(text: str, found: Found) -> None:
    for match in ANONYMOUS.finditer(text):
        start, end = match.span()
        surface = match.group()
        if not found.free(start, end):
            # 'officials familiar with ...' whose noun a group rule took: widen that mention
            continue
        key = "anon:" + surface.casefold()
        found.add(key, start, end, lambda s=surface: Actor(
            key=f"anon:{s.casefold()}", name=s[:1].upper() + s[1:] + " (unnamed)",
            kind="group", role=f"Drafted: an unnamed source the text cites as '{s}'",
            rule="anonymous"))


def _seats(text: str, found: Found) -> None:
    for seat, (iso3, note) in gazetteer.seats().items():
        for match in word_matches(text, seat):
            if found.free(*match.span()):
                found.add(f"seat:{seat}", *match.span(), lambda s=seat, c=iso3, n=note: Actor(
                    f"seat:{s}", s, "government", c, f"Drafted: a seat of government used "
                    f"for a government ({n})", "seat"))


def _clean_name(text: str, start: int, end: int) -> tuple[int, int]:
    surface = text[start:end]
    possessive = POSSESSIVE.search(surface)
    if possessive:
        end -= len(possessive.group())
    while end > start and text[end - 1] in ".-" and not re.search(r"\b[A-Z]\.$",
                                                                   text[start:end]):
        end -= 1
    return start, end


def _capitalised(text: str, sents: list[Sentence]):
    """Capitalised word sequences (start, end), leading function words dropped."""
    for sent in sents:
        for match in CAP_SEQUENCE.finditer(text, sent.start, sent.end):
            yield from _named_parts(text, *match.span())


def _named_parts(text: str, start: int, end: int):
    """A capitalised run split after a possessive ("<Country>'s Foreign Minister <Name>"), each
    part without its possessive ending or leading function words."""
    pieces, piece_start = [], start
    for word in re.finditer(r"\S+", text[start:end]):
        if POSSESSIVE.search(word.group()) and start + word.end() < end:
            pieces.append((piece_start, start + word.end()))
            piece_start = start + word.end() + 1
    pieces.append((piece_start, end))
    for piece in pieces:
        part_start, part_end = _clean_name(text, *piece)
        words = text[part_start:part_end].split()
        while words and (words[0] in FUNCTION_WORDS or words[0].rstrip(".") in FUNCTION_WORDS):
            part_start += len(words[0]) + 1
            words = words[1:]
        if words:
            yield part_start, part_start + len(" ".join(words))


def _in_any(spans, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _organisations(text, sents, found: Found, quotes) -> None:
    for start, end in _capitalised(text, sents):
        name = text[start:end]
        kind = next((k for k, cue in ORG_CUE.items() if cue.search(name)), None)
        if kind is None:
            continue
        # A leading demonym or country is the organisation's country, not part of its name.
        country = ""
        lead = gazetteer.country_pattern().match(name)
        if lead and lead.end() < len(name):
            country = gazetteer.country_forms()[lead.group()].iso3
        if not found.free(start, end):
            continue
        found.add(f"org:{name}", start, end, lambda n=name, k=kind, c=country: Actor(
            f"org:{n}", n, k, c, f"Drafted: an organisation the text names as '{n}'",
            "organisation"))
    for match in re.finditer(r"\b([A-Z][a-z]+) (administration|government|cabinet|campaign)\b",
                             text):
        if match.group(1) in FUNCTION_WORDS or match.group(1) in gazetteer.country_forms():
            continue
        if found.free(*match.span()):
            name = match.group()
            found.add(f"org:{name}", *match.span(), lambda n=name: Actor(
                f"org:{n}", n, "government", "", f"Drafted: a government the text names as "
                f"'{n}'", "organisation"))
    _national_bodies(text, found)
    for match in ACRONYM.finditer(text):
        name = match.group().rstrip("s") if match.group().endswith("s") and \
            match.group()[:-1].isupper() else match.group()
        start, end = match.start(), match.start() + len(name)
        after = text[end:end + 30]
        if (name in gazetteer.country_forms() or len(name) < 2 or _in_any(quotes, start, end)
                or name.title() in gazetteer.country_forms()
                or name.title() in gazetteer.cities_by_name()
                or re.match(rf"\s+(?:{WEAPON_NOUNS})\b", after)
                or re.match(r"\s*[-–]?\d", after) or not found.free(start, end)):
            continue
        if any(m.group() in (name, name + "s") for m in re.finditer(
                rf"\b[A-Z]{{2,6}}s?(?=\s+(?:{WEAPON_NOUNS}))", text)):
            continue  # named as a weapon somewhere
        found.add(f"org:{name}", start, end, lambda n=name: Actor(
            f"org:{n}", n, "organisation", "", f"Drafted: an organisation the text names by "
            f"the acronym '{n}'", "acronym"))


BODIES = (r"(?:[a-z]+ )?(?:ministry|government|parliament|committee|cabinet|administration|"
          r"state media|embassy|intelligence service|central bank|armed forces|air force)")
BODY_KINDS = {"parliament": "legislature", "committee": "legislature", "armed forces": "military",
              "air force": "military", "state media": "organisation"}


def _national_bodies(text: str, found: Found) -> None:
    """'<Country>'s defence ministry', '<Demonym> state media': a body of that country; later,
    'the ministry' alone names it too."""
    pattern = re.compile(rf"({gazetteer.country_pattern().pattern})(?:’s|'s)? ({BODIES})\b")
    for match in pattern.finditer(text):
        iso3 = gazetteer.country_forms()[match.group(1)].iso3
        body = match.group(2)
        head = body.split()[-1] if body.split()[-1] not in ("media", "forces", "force") else body
        kind = next((k for cue, k in BODY_KINDS.items() if cue in body), "government")
        if not found.free(*match.span(2)):
            continue
        name = match.group()
        actor = found.add(f"body:{iso3}:{head}", *match.span(2), lambda k=kind, c=iso3, n=name:
                          Actor("", n, k, c, f"Drafted: a body the text names as '{n}'",
                                "organisation"), evidence=match.span())
        for bare in re.finditer(rf"\b(?<=the ){re.escape(head)}\b|\b(?<=The ){re.escape(head)}\b",
                                text):
            if found.free(*bare.span()):
                found.add(actor.key, *bare.span(), lambda a=actor: a)


def _people(text, sents, found: Found, quotes) -> None:
    cities = gazetteer.cities_by_name()
    for start, end in _capitalised(text, sents):
        if _in_any(quotes, start, end) or not found.free(start, end):
            continue
        name = text[start:end]
        title = None
        title_match = re.match(rf"(?:(?:{TITLES})\s)+", name)
        lead_country = None
        lead = gazetteer.country_pattern().match(name)
        if lead and lead.end() < len(name) and name[lead.end()] == " ":
            lead_country = gazetteer.country_forms()[lead.group()].iso3
            rest = name[lead.end() + 1:]
            title_match = re.match(rf"(?:(?:{TITLES})\s)+", rest)
            if title_match:
                title = name[:lead.end() + 1 + title_match.end()].strip()
                start += lead.end() + 1 + title_match.end()
        elif title_match:
            title = title_match.group().strip()
            start += title_match.end()
        name = text[start:end]
        words = name.split()
        if not 2 <= len(words) <= 4 or any(w in gazetteer.country_forms() for w in words) \
                or name in gazetteer.country_forms() \
                or name in cities or any(w.isupper() and len(w) > 1 for w in words):
            continue
        if any(ch.isdigit() for ch in name):
            continue
        before = text[max(0, start - 40):start]
        after = text[end:end + 160]
        if title is None:
            lower_title = TITLE_BEFORE.search(before)
            if lower_title:
                title = lower_title.group().strip()
        apposition = APPOSITION.match(after)
        of_org = OF_ORG.match(after)
        near_verb = SAY.search(text[max(0, start - 12):start]) or SAY.search(after[:16])
        if not (title or apposition or of_org or near_verb):
            continue
        if lead_country is None and title:
            country = _country_before(text, start - len(title) - 1)
            lead_country = country[0] if country else None
        role = ("Drafted: the text calls them " + (f"'{title}'" if title else
                (f"'{apposition.group()[1:].strip()}'" if apposition else
                 (f"'{of_org.group().strip()}'" if of_org else "nothing; a person must say"))))
        titled = title and text[start - len(title) - 1:start - 1] == title
        evidence_start = start - len(title) - 1 if titled else start
        found.add(f"person:{name}", start, end, lambda n=name, c=lead_country or "", r=role:
                  Actor(f"person:{n}", n, "person", c, r, "person"),
                  evidence=(max(0, evidence_start), end))


def _surnames(text: str, found: Found) -> None:
    people = [a for a in found.actors.values() if a.kind == "person"]
    for person in people:
        surname = person.name.split()[-1]
        if len(surname) < 3:
            continue
        for match in word_matches(text, surname):
            if found.free(*match.span()):
                found.add(person.key, *match.span(), lambda p=person: p)
