"""Quotation marks belong only around a speaker's own words.

Wherever the course's prose puts words in quotation marks and gives them to a speaker ("the
Kremlin's 'a severe escalation'", "Grenell says '...'"), those words must be one of quotes.csv's
verbatim quotations or a cited outside quote (a wire phrase in wire_rewrite.csv, or a phrase a
source's note quotes). Quoting the article itself is fine, but the sentence must say so ("the
article reports ...", "in the article's words ..."), so that a reader never takes the reporter's
paraphrase for the speaker's own words.
"""

import csv
import json
import re

import pytest

from conftest import ARTICLE_DIR, REPO

QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|(?<![\w’'])'([^'\n]+?)'(?![\w’])")
# Whatever ties words to a speaker: a possessive, or a verb of saying, between name and quote.
SPEECH = re.compile(r"^(?:['’]s?\b|,| (?:said|says|say|call(?:s|ed)?|warn(?:s|ed)?|wr(?:ote|ites)|"
                    r"stat(?:es|ed|ing)|told|tells|describ(?:es|ed)|word(?:s|ed)?|own words|"
                    r"put it|puts it|claim(?:s|ed)?|threaten(?:s|ed)?|insist(?:s|ed)?)\b)")
# A sentence that says whose wording it quotes.
ARTICLE_CUE = re.compile(r"\barticle|\breporter|\bthe text\b|\bthe wire\b|\bparaphras|\bin the "
                         r"course's words|\bcoded\b|\bevidence\b", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?:;])\s+(?=[A-Z*\"“'(-])|\n\s*\n|\n\s*[-*|] |\n\d+\. ")
GAP_CHARS = 80


def rows(name):
    with (ARTICLE_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def speaker_names() -> list[str]:
    """Names and aliases of every actor that could be given words: not countries or forces."""
    names = set()
    for actor in rows("actors.csv"):
        if actor["kind"] in ("country", "military"):
            continue
        names |= {actor["name"], *filter(None, actor["aliases"].split("|"))}
        names |= {part for part in actor["name"].split() if part[0].isupper() and len(part) > 4}
    names -= {"Council", "Federation", "Biden", "Foreign"}
    return sorted(names, key=len, reverse=True)


def allowed_quotes() -> list[str]:
    """Verbatim quotations: the article's own, and cited outside quotes. A source's note puts a
    speaker's words, as the page quotes them, in double quotation marks (single ones mark the
    page's own wording)."""
    allowed = [q["evidence"] for q in rows("quotes.csv")]
    allowed += [w["wire_phrase"] for w in rows("wire_rewrite.csv")]
    for source in rows("sources.csv"):
        allowed += re.findall(r"\"([^\"]+)\"", source["note"])
    return allowed


def plain(words: str) -> str:
    return re.sub(r"[\s“”\"'’‘]+", " ", words).strip(" .,;:").lower()


def misattributed(prose: str, speakers: list[str], allowed: list[str]) -> list[str]:
    """Quoted phrases in ``prose`` tied to a speaker, that are not that speaker's verbatim words
    and that come in a sentence which does not say it is quoting the article."""
    found = []
    verbatim = [plain(a) for a in allowed]
    for sentence in SENTENCE.split(prose):
        for match in QUOTED.finditer(sentence):
            words = next(filter(None, match.groups()))
            before = sentence[:match.start()]
            if ARTICLE_CUE.search(before) or any(plain(words) in v for v in verbatim):
                continue
            for name in speakers:
                at = before.rfind(name)
                if at < 0 or len(before) - at - len(name) > GAP_CHARS:
                    continue
                gap = before[at + len(name):]
                if SPEECH.match(gap) or not gap.strip():
                    found.append(f"{name} … “{words}”")
                    break
    return found


def prose_pieces():
    """Every place the course writes prose a learner or teacher reads."""
    for path in sorted((REPO / "notebooks").glob("*.ipynb")) + sorted(
            (REPO / "assignments" / "source").glob("*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            yield f"{path.relative_to(REPO)}[{index}]", "".join(cell["source"])
    for path in [REPO / "README.md", *sorted((REPO / "instructors").glob("*.md"))]:
        yield str(path.relative_to(REPO)), path.read_text(encoding="utf-8")
    for path in sorted(ARTICLE_DIR.glob("*.csv")):
        for number, row in enumerate(rows(path.name), start=2):
            for column in ("summary", "reasoning", "note", "stance_note", "role", "question",
                           "resolution", "date_reasoning", "description"):
                if row.get(column):
                    yield f"{path.name}:{number}:{column}", row[column]
    meta = json.loads((ARTICLE_DIR / "datapackage.json").read_text(encoding="utf-8"))["article"]
    for key, value in meta.items():
        if isinstance(value, str):
            yield f"datapackage.json:article.{key}", value


SPEAKERS = speaker_names()
ALLOWED = allowed_quotes()


@pytest.mark.parametrize("sentence, flagged", [
    # The errors an outside review found: the article's paraphrase in a speaker's mouth.
    ("The Kremlin's own words, 'a severe escalation', said in advance.", True),
    ("Washington calls North Korea's troops; the Kremlin says \"a severe escalation\".", True),
    ("Richard Grenell \"criticized the Biden administration for escalating the conflict\".", True),
    # Verbatim quotations, cited outside quotes, and the article quoted as the article.
    ("Klishas's 'complete ruins' line is coded a threat.", False),
    ("Zelenskiy said, “Strikes are not made with words.”", False),
    ("Klishas wrote \"The West has decided on such a level of escalation\" on Telegram.", False),
    ("The article reports that the Kremlin warned it \"would be seen as a severe escalation\".",
     False),
    ("Trump takes office on 20 January 2025.", False),
])
def test_the_detector_tells_quotation_from_paraphrase(sentence, flagged):
    assert bool(misattributed(sentence, SPEAKERS, ALLOWED)) is flagged


def test_no_prose_puts_a_paraphrase_in_a_speakers_mouth():
    pieces = list(prose_pieces())
    assert len(pieces) > 200  # notebooks, guide, assignments and data were all read
    problems = [f"{where}: {hit}" for where, prose in pieces
                for hit in misattributed(prose, SPEAKERS, ALLOWED)]
    assert problems == []
