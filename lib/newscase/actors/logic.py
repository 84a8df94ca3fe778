"""Who is in the story: actor lookup, their words, stances, sourcing and who reacts to whom."""

from __future__ import annotations

import math

import pandas as pd

from newscase.data import ATTRIBUTION_LABELS, Article, actor_names
from newscase.present.missing import needs

NO_COUNTRY = "No country stated"
SOURCING = {
    "named-on-record": "named", "organisation": "named",
    "anonymous-official": "anonymous or unnamed", "sources-familiar": "anonymous or unnamed",
    "unattributed-reports": "anonymous or unnamed", "group": "anonymous or unnamed",
    "reporter": "the reporter's own voice",
}
DECISION = "decision"


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


@needs("wire_rewrite", what="comparison with a wire story",
       so="there is no rewrite to compare")
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
    names, stances = actor_names(article.actors), article.actors.set_index("id")["stance"]
    nodes = pd.DataFrame({"node": ids, "name": [names[i] for i in ids],
                          "stance": [stances[i] for i in ids]})
    nodes = nodes.sort_values(["stance", "name"], na_position="last", ignore_index=True)
    decision = pd.DataFrame({"node": [DECISION], "name": ["The decision"], "stance": [pd.NA]})
    nodes = pd.concat([decision, nodes], ignore_index=True)
    return nodes.merge(circle_layout(list(nodes["node"])), on="node")
