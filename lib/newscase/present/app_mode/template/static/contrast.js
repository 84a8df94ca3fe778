// newscase app mode: the High contrast switch. The choice is kept in this browser, so the next
// lesson opens the way the teacher left the last one; ?contrast=high (or =normal) in the
// address sets it too, for a bookmark on the classroom computer.
(function () {
  const KEY = "newscase-app-contrast";
  const button = document.querySelector(".nc-app-contrast");
  const remembered = () => {
    try { return localStorage.getItem(KEY); } catch (error) { return null; }
  };
  const set = (high) => {
    document.body.classList.toggle("nc-high-contrast", high);
    if (button) button.setAttribute("aria-pressed", String(high));
    try { localStorage.setItem(KEY, high ? "high" : "normal"); } catch (error) { /* private mode */ }
  };
  const asked = new URLSearchParams(window.location.search).get("contrast");
  set((asked || remembered()) === "high");
  if (button) button.addEventListener("click", () => set(!document.body.classList.contains("nc-high-contrast")));
})();
