// The timeline chart is the server's (the report's own SVG, one renderer): this shows it and
// makes each band a button that moves the scenario to that date.

export function drawTimeline(container, timeline, onPick) {
  container.replaceChildren();
  if (!timeline.chart_svg) {
    container.textContent = "No dated statement in this period.";
    return;
  }
  const svg = new DOMParser().parseFromString(timeline.chart_svg, "image/svg+xml").documentElement;
  const chart = document.importNode(svg, true);
  chart.setAttribute("width", "100%");
  chart.removeAttribute("height");
  chart.removeAttribute("role"); // its bands are buttons: not one opaque image
  for (const step of chart.querySelectorAll("g.step[data-date]")) {
    const date = step.getAttribute("data-date");
    step.setAttribute("tabindex", "0");
    step.setAttribute("role", "button");
    step.setAttribute("aria-label", `${step.querySelector("title")?.textContent || date}: move the scenario here`);
    step.style.cursor = "pointer";
    step.addEventListener("click", () => onPick(date));
    step.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPick(date); }
    });
  }
  container.append(chart);
}
