// A slider that assistive tech can name and read (see labelled_slider.py): a native <label> and
// <input type="range">, so the browser gives it its name, role, arrow / Page / Home / End keys,
// and aria-valuetext with the unit ("120 km"). The visible value beside it is aria-hidden text,
// not a separate tab stop: the slider itself announces it.

// Unique on the page. anywidget imports each model's module afresh (a new blob URL), so a
// counter in this module would restart at 0 for every slider: two sliders drawn in the same
// millisecond got the same id, and a label named another slider. The count lives on the page.
const nextId = () => (globalThis.__newscaseIds = (globalThis.__newscaseIds ?? 0) + 1);

function render({ model, el }) {
  const id = `nc-slider-${nextId()}`;
  el.classList.add("nc-slider");
  // Keys pressed on the slider move the slider, not JupyterLab's notebook, which would take
  // them for its own shortcuts (data-lm-suppress-shortcuts) or, in its keydown handler, move
  // focus to a cell (stopPropagation; the browser still moves the slider).
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  el.addEventListener("keydown", (event) => event.stopPropagation());
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "nc-slider-label";
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  const shown = document.createElement("span");
  shown.className = "nc-slider-value";
  shown.setAttribute("aria-hidden", "true");
  el.append(label, input, shown);

  const text = (value) => {
    const labels = model.get("labels");
    const index = value - model.get("min");
    const base = labels.length ? labels[index] ?? String(value) : String(value);
    return base + model.get("unit");
  };
  const spoken = (value) => {
    const labels = model.get("labels");
    if (!labels.length) return text(value);
    return `${text(value)} (${value - model.get("min") + 1} of ${labels.length})`;
  };
  const show = (value) => {
    shown.textContent = text(value);
    input.setAttribute("aria-valuetext", spoken(value));
  };
  const update = () => {
    label.textContent = model.get("description");
    // More of the name, for screen readers only (a question shown in full above the slider).
    if (model.get("spoken_label")) {
      const more = document.createElement("span");
      more.className = "nc-visually-hidden";
      more.textContent = ` ${model.get("spoken_label")}`;
      label.append(more);
    }
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    show(model.get("value"));
  };
  const send = () => {
    const value = Number(input.value);
    if (value !== model.get("value")) {
      model.set("value", value);
      model.save_changes();
    }
  };
  input.addEventListener("input", () => {
    show(Number(input.value));
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  model.on("change", update);
  update();
  return () => model.off("change", update);
}

export default { render };
