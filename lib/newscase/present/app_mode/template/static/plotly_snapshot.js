// newscase app mode: after drawing a static figure, the jupyterlab-plotly renderer saves a PNG
// of it into the notebook's output model (model.setData), so that a saved notebook shows the
// figure without plotly.js. Voilà hands renderers plain output data, with no setData, so every
// figure, already drawn, ends in "r.setData is not a function". There is no notebook to save in
// an app: that one rejection, from that renderer, is dropped; any other error still shows.
window.addEventListener("unhandledrejection", (event) => {
  const error = event.reason;
  if (error instanceof TypeError && /\bsetData is not a function\b/.test(error.message)
      && /\/labextensions\/jupyterlab-plotly\//.test(error.stack || "")) {
    event.preventDefault();
  }
});
