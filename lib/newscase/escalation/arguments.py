"""The debate as an argument map: each argument, what it answers, whose it is, and a
deterministic layout with arguments for the decision on the left and against it on the right."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from newscase.data import actor_names

REPORTER = "the reporter"
NODE_COLUMNS = ["id", "position", "summary", "speakers", "speaker_label", "evidence", "target",
                "stance", "depth", "side", "x", "y"]
EDGE_COLUMNS = ["source", "target", "relation"]
# Arguments for the decision go left of it, arguments against go right; a rebuttal sits one
# column further out on the side of the argument it answers.
SIDE_SIGN = {"for": -1, "against": 1}


def argument_graph(arguments: pd.DataFrame,
                   actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (one per argument, placed by ``tree_layout``) and edges (argument -> its target).

    Raise ValueError, naming the argument, for a target that is not an argument or a chain of
    targets that never reaches a root.
    """
    if arguments.empty:
        return pd.DataFrame(columns=NODE_COLUMNS), pd.DataFrame(columns=EDGE_COLUMNS)
    names = actor_names(actors)
    ids = list(arguments["id"])
    parents = {}
    for arg_id, target in zip(ids, arguments["target"], strict=True):
        target = None if pd.isna(target) or target == "" else target
        if target is not None and target not in ids:
            raise ValueError(f"Argument '{arg_id}' answers '{target}', which is not an "
                             f"argument. Targets must be ids in the same table: {', '.join(ids)}.")
        parents[arg_id] = target
    layout = tree_layout(parents, dict(zip(ids, arguments["position"], strict=True)))
    nodes = arguments.assign(
        speakers=[[names.get(s, s) for s in who] for who in arguments["speakers"]],
        speaker_label=[", ".join(names.get(s, s) for s in who) or REPORTER
                       for who in arguments["speakers"]],
        target=[parents[i] for i in ids],
        stance=[net_stance(i, parents, dict(zip(ids, arguments["position"], strict=True)))
                for i in ids],
    ).merge(layout, on="id")
    edges = pd.DataFrame(
        [(arg_id, parents[arg_id], position)
         for arg_id, position in zip(ids, arguments["position"], strict=True) if parents[arg_id]],
        columns=EDGE_COLUMNS)
    return nodes[NODE_COLUMNS].reset_index(drop=True), edges


def tree_layout(parents: Mapping[str, str | None],
                positions: Mapping[str, str]) -> pd.DataFrame:
    """Deterministic outline layout of an argument tree (columns: id, depth, side, x, y).

    Every argument but the roots takes the side of the first-level argument above it
    ('supports' -> for, left; 'attacks' -> against, right) and sits ``depth`` columns out. Each
    side is listed top to bottom in depth-first order (children in input order), one row per
    argument, centred on y = 0, so a rebuttal sits just below what it answers. The roots sit
    one row above the taller side, around x = 0, so no line runs through their labels.
    """
    order = list(parents)
    children = {node: [c for c in order if parents[c] == node] for node in order}
    roots = [n for n in order if parents[n] is None]
    rows, placed = [], set()

    def walk(node: str, depth: int, side: str, listing: list) -> None:
        placed.add(node)
        listing.append((node, depth, side))
        for child in children[node]:
            walk(child, depth + 1, side, listing)

    columns = {"for": [], "against": []}
    for root in roots:
        placed.add(root)
        for child in children[root]:
            walk(child, 1, "for" if positions[child] == "supports" else "against",
                 columns["for" if positions[child] == "supports" else "against"])
    unplaced = [n for n in order if n not in placed]
    if unplaced:
        raise ValueError(f"Argument '{unplaced[0]}' never leads back to a root: its targets go "
                         "round in a circle. Give one argument the position 'root' and no "
                         "target.")
    top = max([(len(listing) - 1) / 2 for listing in columns.values() if listing], default=0)
    for index, root in enumerate(roots):
        rows.append({"id": root, "depth": 0, "side": "root",
                     "x": index - (len(roots) - 1) / 2, "y": top + 1})
    for side, listing in columns.items():
        for index, (node, depth, _) in enumerate(listing):
            rows.append({"id": node, "depth": depth, "side": side,
                         "x": float(SIDE_SIGN[side] * depth),
                         "y": (len(listing) - 1) / 2 - index})
    frame = pd.DataFrame(rows, columns=["id", "depth", "side", "x", "y"])
    return frame.set_index("id").loc[order].reset_index()


def net_stance(node: str, parents: Mapping[str, str | None],
               positions: Mapping[str, str]) -> str:
    """'for' or 'against' the root, counting each attack on the way up as a change of side:
    an attack on an argument for the decision argues against it. The root itself is 'root'."""
    if parents[node] is None:
        return "root"
    attacks, seen = 0, set()
    while parents[node] is not None and node not in seen:
        seen.add(node)
        attacks += positions[node] == "attacks"
        node = parents[node]
    return "against" if attacks % 2 else "for"


def speakers_on_both_sides(nodes: pd.DataFrame) -> list[str]:
    """Speakers (names, or 'the reporter') whose arguments are both for and against the
    decision, once attacks on attacks are counted through."""
    stances: dict[str, set[str]] = {}
    for speakers, stance in zip(nodes["speakers"], nodes["stance"], strict=True):
        for name in speakers or [REPORTER]:
            stances.setdefault(name, set()).add(stance)
    return sorted(name for name, seen in stances.items() if {"for", "against"} <= seen)


def filter_nodes(nodes: pd.DataFrame, speaker: str | None = None,
                 position: str | None = None) -> list[str]:
    """Ids of the arguments by one speaker (a name, or 'the reporter') and/or in one position
    ('supports', 'attacks' or 'root'); None means any."""
    chosen = nodes
    if speaker:
        chosen = chosen[[speaker in who or (speaker == REPORTER and not who)
                         for who in chosen["speakers"]]]
    if position:
        chosen = chosen[chosen["position"] == position]
    return list(chosen["id"])
