// SpanPicker: the article text, in which a teacher selects words with the mouse or with
// Shift and the arrow keys. The browser reports offsets in UTF-16 code units; this module syncs
// those ([start, end] in `selection_utf16`) and Python turns them into string offsets, so the
// one conversion (emoji are two units in JavaScript, one character in Python) lives in Python.
// What the teacher sees (the selected words, and whether they are found only once) is drawn
// here at once, without waiting for the kernel.

const HIGHLIGHT = "newscase-span";
const KEYS = {
  ArrowLeft: ["backward", "character"],
  ArrowRight: ["forward", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};

function occurrences(text, span) {
  let count = 0;
  for (let at = text.indexOf(span); at !== -1; at = text.indexOf(span, at + 1)) count++;
  return count;
}

function shorten(span, max = 160) {
  return span.length <= max ? span : span.slice(0, max / 2) + " … " + span.slice(-max / 2);
}

// A boundary point as an offset into the region's text, clamped to the region.
function offsetIn(region, node, offset, length) {
  const range = document.createRange();
  range.selectNodeContents(region);
  const where = range.comparePoint(node, offset);
  if (where < 0) return 0;
  if (where > 0) return length;
  range.setEnd(node, offset);
  return range.toString().length;
}

function render({ model, el }) {
  // Unique on the page even when two notebooks each load this module.
  const id = `newscase-span-picker-${Math.random().toString(36).slice(2)}`;
  const root = document.createElement("div");
  root.className = "newscase-span-picker";

  const help = document.createElement("p");
  help.id = `${id}-help`;
  help.className = "newscase-span-picker-help";
  help.textContent =
    "Select words with the mouse, or click in the text and hold Shift with the arrow keys " +
    "(Ctrl or Alt with Shift moves by word).";

  const region = document.createElement("div");
  region.className = "newscase-span-picker-text";
  region.tabIndex = 0;
  region.setAttribute("role", "textbox");
  region.setAttribute("aria-readonly", "true");
  region.setAttribute("aria-multiline", "true");
  region.setAttribute("aria-describedby", help.id);
  region.setAttribute("spellcheck", "false");
  // JupyterLab's notebook shortcuts (Shift+Down selects cells) must not fire in here.
  region.setAttribute("data-lm-suppress-shortcuts", "true");

  const status = document.createElement("div");
  status.className = "newscase-span-picker-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  root.append(help, region, status);
  el.appendChild(root);

  let text = "";
  let sent = [0, 0];

  function show(start, end) {
    const span = text.slice(start, end);
    const words = span.trim();
    root.dataset.start = String(start);
    root.dataset.end = String(end);
    if (!words) {
      status.textContent = "No words selected.";
      status.dataset.state = "empty";
      return;
    }
    const found = occurrences(text, words);
    const where =
      found === 1 ? "found once in the article"
        : `found ${found} times in the article; select more words`;
    status.textContent = `Selected: “${shorten(words)}” (${where})`;
    status.dataset.state = found === 1 ? "unique" : "repeated";
  }

  function highlight(range) {
    if (typeof CSS === "undefined" || !CSS.highlights || typeof Highlight === "undefined") return;
    if (range) CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    else CSS.highlights.delete(HIGHLIGHT);
  }

  function current() {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(region)) return null; // a selection elsewhere keeps ours
    const length = text.length;
    const start = offsetIn(region, range.startContainer, range.startOffset, length);
    const end = offsetIn(region, range.endContainer, range.endOffset, length);
    return [start, end, range];
  }

  function update() {
    const found = current();
    if (!found) return null;
    const [start, end, range] = found;
    show(start, end);
    highlight(start === end ? null : range.cloneRange());
    return [start, end];
  }

  function sync() {
    const found = update();
    if (!found || (found[0] === sent[0] && found[1] === sent[1])) return;
    sent = found;
    model.set("selection_utf16", found);
    model.save_changes();
  }

  let pointerDown = false;
  let timer = null;
  const onSelectionChange = () => {
    update();
    if (pointerDown) return; // synced on pointerup
    clearTimeout(timer);
    timer = setTimeout(sync, 120); // keyboard and other changes: sync once they settle
  };
  region.addEventListener("pointerdown", () => { pointerDown = true; });
  const onPointerUp = () => {
    if (!pointerDown) return;
    pointerDown = false;
    sync();
  };
  document.addEventListener("selectionchange", onSelectionChange);
  document.addEventListener("pointerup", onPointerUp);

  region.addEventListener("keydown", (event) => {
    const move = KEYS[event.key];
    if (!move) return;
    const selection = document.getSelection();
    if (!selection.rangeCount || !region.contains(selection.anchorNode)) {
      selection.collapse(region.firstChild || region, 0);
    }
    let [direction, granularity] = move;
    if ((event.ctrlKey || event.altKey) && granularity === "character") granularity = "word";
    selection.modify(event.shiftKey ? "extend" : "move", direction, granularity);
    event.preventDefault();
    event.stopPropagation();
    sync();
  });

  function drawText() {
    text = model.get("text");
    region.textContent = text;
    sent = [0, 0];
    highlight(null);
    show(0, 0);
  }
  function drawLabel() {
    region.setAttribute("aria-label", model.get("label"));
  }
  function drawSelection() {
    const [start, end] = model.get("selection_utf16");
    if (start === end && (sent[0] !== sent[1])) { // cleared from Python (a row was added)
      sent = [start, end];
      const selection = document.getSelection();
      if (selection?.rangeCount && region.contains(selection.anchorNode)) {
        selection.removeAllRanges();
      }
      highlight(null);
      show(start, end);
    }
  }
  // What the kernel made of the selection (Python string offsets), for tests and screen checks.
  function drawPython() {
    root.dataset.pythonStart = String(model.get("start"));
    root.dataset.pythonEnd = String(model.get("end"));
  }
  drawText();
  drawLabel();
  drawPython();
  model.on("change:start change:end", drawPython);
  model.on("change:text", drawText);
  model.on("change:label", drawLabel);
  model.on("change:selection_utf16", drawSelection);

  return () => {
    document.removeEventListener("selectionchange", onSelectionChange);
    document.removeEventListener("pointerup", onPointerUp);
    clearTimeout(timer);
  };
}

export default { render };
