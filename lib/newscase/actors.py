"""Who is in the story: actor lookup, their words, stances, sourcing and who reacts to whom."""

from __future__ import annotations

import difflib
import html
import math

import pandas as pd

from newscase import text
from newscase.data import Article

NO_COUNTRY = "No country stated"
ATTRIBUTION_LABELS = {
    "named-on-record": "Named, on the record",
    "anonymous-official": "Anonymous officials",
    "sources-familiar": "'Sources familiar'",
    "unattributed-reports": "Unattributed reports",
    "organisation": "An organisation",
    "group": "An unnamed group",
    "reporter": "The reporter",
}
SOURCING = {
    "named-on-record": "named", "organisation": "named",
    "anonymous-official": "anonymous or unnamed", "sources-familiar": "anonymous or unnamed",
    "unattributed-reports": "anonymous or unnamed", "group": "anonymous or unnamed",
    "reporter": "the reporter's own voice",
}
DECISION = "decision"


def find_actor(article: Article, query: str) -> pd.Series:
    """The actor row for an id, a name or an alias (any case); a typo gets a suggestion."""
    wanted = str(query).strip().lower()
    actors = article.actors
    for _, row in actors.iterrows():
        forms = {row["id"], row["name"].lower(), *(a.lower() for a in row["aliases"])}
        if wanted in forms:
            return row
    names = list(actors["name"])
    hint = difflib.get_close_matches(str(query), names, n=1, cutoff=0.5)
    suggestion = f" Did you mean '{hint[0]}'?" if hint else ""
    raise LookupError(f"No actor called '{query}'.{suggestion} Try a name from art.actors.")


def search_actors(article: Article, query: str) -> list[str]:
    """Actor names whose name, alias or role contains the query, sorted by name."""
    wanted = query.strip().lower()
    hits = [
        row["name"] for _, row in article.actors.iterrows()
        if wanted in " ".join([row["name"], *row["aliases"], row["role"]]).lower()
    ]
    return sorted(hits)


def actor_quotes(article: Article, actor_id: str) -> pd.DataFrame:
    return article.quotes[article.quotes["speaker"] == actor_id].reset_index(drop=True)


def actor_claims(article: Article, actor_id: str) -> pd.DataFrame:
    mine = article.claims["asserted_by"].apply(lambda ids: actor_id in ids)
    return article.claims[mine].reset_index(drop=True)


def country_names(article: Article) -> dict[str, str]:
    """ISO alpha-3 code to the name of the country actor with that code."""
    countries = article.actors[article.actors["kind"] == "country"]
    return dict(zip(countries["country"], countries["name"], strict=True))


def stance_table(article: Article) -> pd.DataFrame:
    """Actors with a coded stance, with country name, ordered from most against to most for."""
    names = country_names(article)
    coded = article.actors.dropna(subset=["stance"]).copy()
    coded["country_name"] = [names.get(c, NO_COUNTRY) if c else NO_COUNTRY
                             for c in coded["country"]]
    columns = ["id", "name", "kind", "country_name", "stance", "stance_source", "stance_note",
               "evidence"]
    return coded[columns].sort_values(["stance", "name"], ignore_index=True)


def attribution_table(article: Article) -> pd.DataFrame:
    """How many claims rest on each kind of sourcing, most first."""
    counts = article.claims["attribution"].value_counts()
    table = pd.DataFrame({"attribution": counts.index, "claims": counts.values})
    table["label"] = table["attribution"].map(ATTRIBUTION_LABELS)
    table["sourcing"] = table["attribution"].map(SOURCING)
    table["share"] = (table["claims"] / table["claims"].sum()).round(3)
    return table.sort_values(["claims", "attribution"], ascending=[False, True],
                             ignore_index=True)


def citation(source: pd.Series) -> str:
    """One line a reader can follow: publisher, title, date and address."""
    return (f"{source['publisher']}, '{source['title']}', {source['date']:%d %b %Y}, "
            f"{source['url']}")


def wire_table(article: Article) -> pd.DataFrame:
    """Claim by claim, the article's wording and sourcing beside the wire story it rewrites.

    The change column (what the rewrite did) is left out: telling it is the learner's task.
    """
    rewrite = article.wire_rewrite
    sources = article.sources.set_index("id")
    return pd.DataFrame({
        "claim": rewrite["claim"],
        "article_words": rewrite["evidence"],
        "article_attribution": rewrite["article_attribution"].map(ATTRIBUTION_LABELS),
        "wire_words": rewrite["wire_phrase"],
        "wire_attribution": rewrite["wire_attribution"],
        "cited": [citation(sources.loc[s]) for s in rewrite["source"]],
    })


def reaction_edges(article: Article) -> pd.DataFrame:
    """Who aims an argument at whom: speaker -> the decision, or -> the target's speakers.

    The reporter's own arguments have no speaker and are left out: the graph is about actors.
    """
    arguments = article.arguments.set_index("id")
    rows = []
    for arg_id, arg in arguments.iterrows():
        if arg["position"] == "root":
            continue
        target = arguments.loc[arg["target"]]
        targets = [DECISION] if target["position"] == "root" else target["speakers"]
        for source in arg["speakers"]:
            for aimed_at in targets:
                rows.append({"source": source, "target": aimed_at, "relation": arg["position"],
                             "argument": arg_id, "summary": arg["summary"],
                             "evidence": arg["evidence"]})
    return pd.DataFrame(rows, columns=["source", "target", "relation", "argument", "summary",
                                       "evidence"])


def circle_layout(nodes: list[str], centre: str = DECISION) -> pd.DataFrame:
    """Deterministic layout: the centre node at (0, 0), the rest evenly on a unit circle in the
    order given, starting at the top and going clockwise."""
    ring = [n for n in nodes if n != centre]
    rows = [{"node": centre, "x": 0.0, "y": 0.0}] if centre in nodes else []
    for i, node in enumerate(ring):
        angle = math.pi / 2 - 2 * math.pi * i / len(ring)
        rows.append({"node": node, "x": round(math.cos(angle), 6),
                     "y": round(math.sin(angle), 6)})
    return pd.DataFrame(rows, columns=["node", "x", "y"])


def reaction_nodes(article: Article, edges: pd.DataFrame) -> pd.DataFrame:
    """Nodes of the reaction graph, ordered by stance so allies sit together on the ring."""
    ids = sorted(set(edges["source"]) | set(edges["target"]) - {DECISION})
    actors = article.actors.set_index("id")
    nodes = pd.DataFrame({"node": ids, "name": [actors.loc[i, "name"] for i in ids],
                          "stance": [actors.loc[i, "stance"] for i in ids]})
    nodes = nodes.sort_values(["stance", "name"], na_position="last", ignore_index=True)
    decision = pd.DataFrame({"node": [DECISION], "name": ["The decision"], "stance": [pd.NA]})
    nodes = pd.concat([decision, nodes], ignore_index=True)
    return nodes.merge(circle_layout(list(nodes["node"])), on="node")


STANCE_WORDS = {-2: "warns or threatens", -1: "critical", 0: "divided", 1: "qualified support",
                2: "endorses"}
STANCE_SOURCE_WORDS = {
    "quoted": "their own words, quoted",
    "reported": "the article reports what they said or did",
    "third-party": "only others speak for them",
    "inferred": "our inference from the text, not their words",
}


def actor_card(article: Article, actor_id: str) -> str:
    """HTML profile of one actor: role, stance and how it was coded, quotes, claims, and the
    article with their mentions and supporting sentences marked. All data text is escaped."""
    row = find_actor(article, actor_id)
    quotes, claims = actor_quotes(article, row["id"]), actor_claims(article, row["id"])
    country = country_names(article).get(row["country"], row["country"]) or NO_COUNTRY
    parts = [
        f"<h4>{esc(row['name'])}</h4>",
        f"<p><b>{esc(row['kind'])}</b> · {esc(country)} · {esc(row['role'])}</p>",
        f"<p>{stance_line(row)}</p>",
        section("Quotes", quotes, quote_item,
                "No quotes: the article never gives this actor's own words."),
        section("Claims attributed to them", claims, claim_item,
                "The article attributes no claims to this actor."),
        "<p><b>In the article</b> (their mentions, and the sentences that back this card):</p>",
        text.highlight(article.text, card_spans(article, row, quotes, claims)),
    ]
    return "\n".join(parts)


def esc(value) -> str:
    return html.escape(str(value))


def stance_line(row: pd.Series) -> str:
    if pd.isna(row["stance"]):
        return f"Stance: <i>not coded</i>. {esc(row['stance_note'])}"
    value = int(row["stance"])
    source = STANCE_SOURCE_WORDS[row["stance_source"]]
    return (f"Stance: <b>{value:+d}</b> ({STANCE_WORDS[value]}). How we know: {source}. "
            f"{esc(row['stance_note'])}")


def section(title: str, rows: pd.DataFrame, item, empty: str) -> str:
    if rows.empty:
        return f"<p><b>{title}</b>: <i>{esc(empty)}</i></p>"
    items = "".join(f"<li>{item(r)}</li>" for _, r in rows.iterrows())
    return f"<p><b>{title}</b> ({len(rows)}):</p><ul>{items}</ul>"


def quote_item(quote: pd.Series) -> str:
    return (f"“{esc(quote['evidence'])}” <i>({esc(quote['kind'])}, via {esc(quote['channel'])};"
            f" translation {esc(quote['translated'])})</i>")


def claim_item(claim: pd.Series) -> str:
    hedges = ", ".join(claim["hedges"]) or "none"
    return (f"{esc(claim['evidence'])} <i>({esc(claim['claim_type'])}; "
            f"{esc(ATTRIBUTION_LABELS[claim['attribution']])}; hedges: {esc(hedges)})</i>")


def card_spans(article: Article, row: pd.Series, quotes: pd.DataFrame,
               claims: pd.DataFrame) -> pd.DataFrame:
    ranges = [(int(f["evidence_start"]), int(f["evidence_end"]))
              for frame in (row.to_frame().T, quotes, claims) for _, f in frame.iterrows()]
    backing = text.sentence_spans(article.text, ranges, "evidence", "backs this card")
    mentions = text.actor_mentions(article.text, article.actors)
    mentions = mentions[mentions["actor"] == row["id"]][text.SPAN_COLUMNS]
    return pd.concat([backing, mentions], ignore_index=True)
