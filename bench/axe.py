"""axe-core in the browser harness (bench/lab.py): a pinned axe, run on a page, split by scope.

tests/test_a11y.py runs it on every lesson and student assignment after Run All.

- ``axe_source``: axe-core's ``axe.min.js``, fetched once with ``npm pack`` (nothing installed)
  into the git-ignored ``.cache/axe/<version>/``, from a tarball checked against the pinned
  ``AXE_INTEGRITY`` (scripts/npm_package.py). Needs npm only for the first run.
- ``run_axe``: inject it into a playwright page and run it once on the whole page with the WCAG
  2.0/2.1/2.2 A and AA tags. Each node of the result is marked ``inScope`` when its element lies
  inside ``COURSE_SCOPE``, the course's own output, and gets the 1-based number of its cell.
- ``split_by_scope``: the violations inside the course's output, and JupyterLab's own outside it.
- ``describe``: a violation list as text a developer can act on.

Why one run of the whole page and not a run limited to the course's output plus one of the
page: the nodes are the same, and each run of axe over a notebook full of SVG takes seconds.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from bench.lab import REPO
from scripts.npm_package import npm_file

AXE_VERSION = "4.14.1"
AXE_INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJp"
                 "Ze37OgudVGtQ==")  # npm view axe-core@4.14.1 dist.integrity
AXE_CACHE = REPO / ".cache" / "axe"

# WCAG 2.2 AA as axe tags its rules: every A and AA rule of 2.0, 2.1 and 2.2 (2.2 added only AA
# rules to axe, so there is no wcag22a tag).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The course's own output: what a code cell displays (text, HTML, ipywidgets views and the plotly
# figures inside them) and the rendered markdown cells. Everything else on the page (menus,
# toolbars, cell editors, prompts, the file browser, the status bar) is JupyterLab's.
COURSE_SCOPE = (".jp-Notebook .jp-OutputArea-output,"
                " .jp-Notebook .jp-MarkdownCell .jp-MarkdownOutput")

_JS_RUN = """async ({scope, tags}) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations', 'incomplete'],
        elementRef: true,
    });
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
    for (const group of [results.violations, results.incomplete]) {
        for (const rule of group) {
            for (const node of rule.nodes) {
                const cell = node.element?.closest('.jp-Cell');
                node.inScope = node.element?.closest(scope) != null;
                node.cell = cell ? cells.indexOf(cell) + 1 : null;
                // An ipywidgets control's visible description ("Range (km):"), to name it.
                const box = node.element?.closest('.widget-inline-hbox');
                node.widgetLabel = box?.querySelector('.widget-label')?.textContent.trim() || null;
            }
        }
    }
    results.scopeElements = document.querySelectorAll(scope).length;
    // Elements do not cross into Python; drop every reference to one.
    return JSON.stringify(results, (key, value) => key === 'element' ? undefined : value);
}"""


def npm_missing_reason() -> str | None:
    """Why axe cannot be fetched here, or None: it is cached already or npm is there."""
    if (AXE_CACHE / AXE_VERSION / "axe.min.js").is_file() or shutil.which("npm"):
        return None
    return "npm is not installed (Debian: apt-get install npm), so axe-core cannot be fetched"


def axe_source(cache: Path = AXE_CACHE) -> str:
    """The text of axe-core ``AXE_VERSION``'s axe.min.js, from the cache or fetched into it.
    Raises subprocess.CalledProcessError when npm cannot fetch it, and SystemExit when the
    tarball does not match ``AXE_INTEGRITY``."""
    path = cache / AXE_VERSION / "axe.min.js"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
            data = npm_file(f"axe-core@{AXE_VERSION}", AXE_INTEGRITY, "axe.min.js", Path(tmp))
            part = Path(tmp) / "axe.min.js"
            part.write_bytes(data)
            part.replace(path)  # in one step, so a run cut short leaves no half file behind
    return path.read_text(encoding="utf-8")


def run_axe(page, source: str, scope: str = COURSE_SCOPE, tags: list[str] = WCAG_TAGS) -> dict:
    """axe's result for the whole page (violations and incomplete in full), with ``inScope``,
    ``cell`` and ``widgetLabel`` (an ipywidgets control's description, or None) on every
    node, and ``scopeElements``: how many elements ``scope`` matched. Injects ``source`` unless
    the page has axe already."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    return json.loads(page.evaluate(_JS_RUN, {"scope": scope, "tags": tags}))


def split_by_scope(rules: list[dict]) -> tuple[list[dict], list[dict]]:
    """(inside, outside): axe rule results (``violations`` or ``incomplete``) split by their
    nodes' ``inScope`` mark. A rule with nodes on both sides appears in both, each with its own
    nodes; a rule left with no node is left out."""
    inside, outside = [], []
    for rule in rules:
        for flag, side in ((True, inside), (False, outside)):
            nodes = [node for node in rule["nodes"] if bool(node.get("inScope")) is flag]
            if nodes:
                side.append({**rule, "nodes": nodes})
    return inside, outside


def _short_selector(selector: str, limit: int = 100) -> str:
    """The selector's last steps (``a > b > c``) that fit in ``limit`` characters: the element
    itself, then as much of its path as fits."""
    steps = selector.split(" > ")
    kept = steps[-1]
    for step in reversed(steps[:-1]):
        if len(step) + len(kept) + 3 > limit:
            return "… > " + kept
        kept = f"{step} > {kept}"
    return kept


def _snippet(html: str, limit: int = 160) -> str:
    html = " ".join(html.split())
    return html if len(html) <= limit else html[: limit - 1] + "…"


def describe(rules: list[dict]) -> str:
    """Per rule: id, impact, help, and its help URL; per node: its cell, its widget's
    description if any, its selector and the start of its HTML."""
    lines = []
    for rule in rules:
        url = f" <{rule['helpUrl']}>" if rule.get("helpUrl") else ""
        lines.append(f"{rule['id']} ({rule.get('impact') or 'no impact'}, "
                     f"{len(rule['nodes'])} node(s)): {rule['help']}{url}")
        for node in rule["nodes"]:
            where = f"cell {node['cell']}" if node.get("cell") else "outside the cells"
            if node.get("widgetLabel"):
                where += f", widget {node['widgetLabel']!r}"
            target = " >> ".join(_short_selector(t) if isinstance(t, str) else json.dumps(t)
                                 for t in node["target"])
            lines.append(f"    - {where}: {target}\n      {_snippet(node.get('html', ''))}")
    return "\n".join(lines)


def counts(rules: list[dict]) -> dict[str, int]:
    """Nodes per rule id."""
    return {rule["id"]: len(rule["nodes"]) for rule in rules}
