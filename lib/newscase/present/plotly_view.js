// A FigureWidget front end that does not carry plotly.js (see plotly_view.py).
//
// plotly.js comes from the jupyterlab-plotly lab extension, which the Jupyter server already
// serves as static, cacheable files under <base url>/lab/extensions/jupyterlab-plotly/static/:
// that extension's renderer imports plotly.js the first time it draws, which sets window.Plotly.
// If no plotly output has been drawn yet, the extension's module federation container
// (window._JUPYTERLAB, registered by JupyterLab at start-up) is asked for its renderer, which
// draws an empty figure off the page. The container knows the server's base URL, so this works
// on a hub's /user/<name>/ too, and the browser caches the file like any lab extension's.
// Nothing here reaches the network beyond the Jupyter server.
//
// It speaks the Python side's message protocol (plotly/basewidget.py): _widget_data,
// _widget_layout and _config on creation, then the _py2js_* messages, each applied with the
// matching Plotly call and no _doNotReportToPy key (a key plotly.js does not know makes it
// redraw everything). It sends nothing back: no layout or trace deltas after each edit.

const EXTENSION = "jupyterlab-plotly";
const MIME_TYPE = "application/vnd.plotly.v1+json";
const DTYPES = {
  int8: Int8Array, int16: Int16Array, int32: Int32Array, uint8: Uint8Array,
  uint16: Uint16Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
};

let plotlyPromise = null;

// The lab extension's renderer imports plotly.js (which sets window.Plotly) the first time it
// draws a figure: have it draw an empty one, off the page, if no figure has been drawn yet.
async function plotlyFromExtension() {
  const container = window._JUPYTERLAB && window._JUPYTERLAB[EXTENSION];
  if (!container) return;
  const module = (await container.get("./mimeExtension"))();
  const extension = module.rendererFactory ? module : [].concat(module.default || [])[0];
  const renderer = extension.rendererFactory.createRenderer({ mimeType: MIME_TYPE });
  try {
    await renderer.renderModel({
      data: { [MIME_TYPE]: { data: [], layout: {} } }, metadata: {}, trusted: true,
      setData() {},
    });
  } finally {
    if (renderer.dispose) renderer.dispose();
  }
}

async function plotly() {
  if (window.Plotly) return window.Plotly;
  try {
    await plotlyFromExtension();
  } catch (error) {
    console.warn("plotly_view: the jupyterlab-plotly extension did not load plotly.js", error);
  }
  // The extension may not be registered yet while the page is starting: wait a little.
  for (let i = 0; i < 100 && !window.Plotly; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (window.Plotly) return window.Plotly;
  throw new Error(`plotly.js not found: the ${EXTENSION} lab extension (pip install plotly) ` +
                  "must be installed in the Jupyter server's environment");
}

function loadPlotly() {
  plotlyPromise = plotlyPromise || plotly().catch((error) => {
    plotlyPromise = null;
    throw error;
  });
  return plotlyPromise;
}

// Python's serializer turns 1-d numeric numpy arrays into {buffer, dtype, shape} and
// Undefined into "_undefined_" (plotly/serializers.py).
function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    if (ArrayBuffer.isView(value)) return value;
    const raw = value.buffer !== undefined ? value.buffer : value.value;
    if (raw !== undefined && "dtype" in value && "shape" in value) {
      const Type = DTYPES[value.dtype] || Float64Array;
      if (raw instanceof ArrayBuffer) return new Type(raw.slice(0));
      const bytes = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
      return new Type(bytes);
    }
    const out = {};
    for (const key of Object.keys(value)) out[key] = decode(value[key]);
    return out;
  }
  return value === "_undefined_" ? undefined : value;
}

function clone(value) {
  if (ArrayBuffer.isView(value)) return value.slice();
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = clone(value[key]);
    return out;
  }
  return value;
}

function traces(gd, indexes) {
  if (indexes === null || indexes === undefined) return gd.data.map((_, i) => i);
  return Array.isArray(indexes) ? indexes : [indexes];
}

function unset(target, path) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return;
    node = node[key];
  }
  if (node && typeof node === "object") delete node[path[path.length - 1]];
}

// Each message as a function of the plot's div and the decoded message.
const APPLY = {
  _py2js_addTraces: (P, gd, m) => P.addTraces(gd, m.trace_data),
  _py2js_deleteTraces: (P, gd, m) => P.deleteTraces(gd, m.delete_inds),
  _py2js_moveTraces: (P, gd, m) => P.moveTraces(gd, m.current_trace_inds, m.new_trace_inds),
  _py2js_restyle: (P, gd, m) =>
    P.restyle(gd, m.restyle_data || {}, traces(gd, m.restyle_traces)),
  _py2js_relayout: (P, gd, m) => P.relayout(gd, m.relayout_data || {}),
  _py2js_update: (P, gd, m) =>
    P.update(gd, m.style_data || {}, m.layout_data || {}, traces(gd, m.style_traces)),
  _py2js_animate: (P, gd, m) =>
    P.animate(gd, { data: m.style_data, layout: m.layout_data,
                    traces: traces(gd, m.style_traces) }, m.animation_opts),
  _py2js_removeLayoutProps: (P, gd, m) => {
    for (const path of m.remove_props) unset(gd.layout, path);
  },
  _py2js_removeTraceProps: (P, gd, m) => {
    for (const path of m.remove_props) unset(gd.data[m.remove_trace], path);
  },
};

// The figure as its last view left it, per widget model: Python syncs _widget_data and
// _widget_layout only on creation, so a view drawn later starts from here, not from the traits.
const LATEST = new WeakMap();

// Plotly draws titles, ticks and labels as loose SVG text: a screen reader would read up to 60
// of them in no order. The figure is a role="figure" named by its title and described by its
// summary (the course's sentence of what it shows); the SVG is hidden from assistive tech, and
// only the mode bar's buttons (named by plotly) stay reachable.
function plainText(markup) {
  const text = String(markup || "").replace(/<br\s*\/?>/gi, " ");
  return new DOMParser().parseFromString(text, "text/html").body.textContent.trim();
}

function titleOf(layout) {
  const title = layout && layout.title;
  return plainText(title && typeof title === "object" ? title.text : title);
}

// Unique on the page: a module-level counter would restart for each model (see
// labelled_slider.js), and two summaries with one id would describe the wrong figure.
const nextId = () => (globalThis.__newscaseIds = (globalThis.__newscaseIds ?? 0) + 1);

function render({ model, el }) {
  const figure = document.createElement("div");
  figure.className = "nc-figure";
  figure.setAttribute("role", "figure");
  const gd = document.createElement("div");
  gd.className = "newscase-plotly-view";
  const summary = document.createElement("p");
  summary.className = "nc-figure-summary";
  summary.id = `nc-figure-summary-${nextId()}`;
  summary.style.cssText = "max-width:60em;line-height:1.4;margin:4px 0";
  // A summary changes when a learner's action changes the figure: say so, politely.
  summary.setAttribute("aria-live", "polite");
  figure.append(gd, summary);
  el.appendChild(figure);
  const describe = () => {
    const text = model.get("summary") || "";
    summary.textContent = text;
    summary.hidden = !text || !model.get("summary_visible");
    if (text) figure.setAttribute("aria-describedby", summary.id);
    else figure.removeAttribute("aria-describedby");
  };
  const label = () => {
    const layout = gd.layout || model.get("_widget_layout");
    const title = plainText(model.get("label")) || titleOf(layout);
    figure.setAttribute("aria-label", title || "Figure");
    for (const svg of gd.querySelectorAll("svg")) svg.setAttribute("aria-hidden", "true");
  };
  model.on("change:summary", describe);
  model.on("change:summary_visible", describe);
  model.on("change:label", label);
  describe();
  const start = LATEST.get(model);
  const data = clone(start ? start.data : decode(model.get("_widget_data")));
  const layout = clone(start ? start.layout : decode(model.get("_widget_layout")));
  if (!layout.height) layout.height = 360;
  const config = { ...decode(model.get("_config") || {}) };
  let queue = loadPlotly()
    .then((P) => P.newPlot(gd, data, layout, config))
    .then(() => {
      LATEST.set(model, gd);
      label();
      for (const event of ["plotly_afterplot", "plotly_relayout", "plotly_animated"]) {
        gd.on(event, label);
      }
    })
    .catch((error) => {
      console.warn(error);
      gd.textContent = String(error.message || error);
    });
  const handlers = Object.keys(APPLY).map((name) => {
    const handler = () => {
      const message = model.get(name);
      if (message === null || message === undefined) return;
      const decoded = decode(message);
      queue = queue
        .then(() => window.Plotly && gd.data && APPLY[name](window.Plotly, gd, decoded))
        .catch((error) => console.warn("plotly_view:", name, error));
    };
    model.on(`change:${name}`, handler);
    return [name, handler];
  });
  const resize = () => {
    if (window.Plotly && gd.data && gd.offsetParent !== null) window.Plotly.Plots.resize(gd);
  };
  const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(resize);
  if (observer) observer.observe(el);
  return () => {
    if (observer) observer.disconnect();
    for (const [name, handler] of handlers) model.off(`change:${name}`, handler);
    model.off("change:summary", describe);
    model.off("change:summary_visible", describe);
    model.off("change:label", label);
    if (gd.data) LATEST.set(model, { data: clone(gd.data), layout: clone(gd.layout) });
    if (window.Plotly && gd.data) window.Plotly.purge(gd);
  };
}

export default { render };
