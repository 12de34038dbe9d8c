// /console/stats: draws the page's charts from its JSON block (#stats-data) with Chart.js, in the theme's colours
// (the CSS variables console.css sets, Telegram's inside the Mini App). Chart.js is loaded on first use: a page
// swapped in by htmx gets its scripts run one by one, not in order.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("stats-data").textContent);
  var self = document.currentScript;
  var css = getComputedStyle(document.documentElement);
  function colour(name, fallback) { return css.getPropertyValue(name).trim() || fallback; }
  var text = colour("--c-text", "#1f2328"), hint = colour("--c-hint", "#6b7280"), card = colour("--c-card", "#f3f4f6");
  var main = colour("--c-button", "#2a7ab0"), alert = "#d1242f";

  function options() {
    return {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { labels: { color: text, boxWidth: 12 } } },
      scales: {
        x: { ticks: { color: hint, maxRotation: 0, autoSkip: true }, grid: { color: card } },
        y: { beginAtZero: true, ticks: { color: hint, precision: 0 }, grid: { color: card } }
      }
    };
  }
  function chart(id, type, labels, datasets) {
    var canvas = document.getElementById(id);
    var old = window.Chart.getChart(canvas);
    if (old) old.destroy();
    new window.Chart(canvas, { type: type, data: { labels: labels, datasets: datasets }, options: options() });
  }
  function draw() {
    var days = data.days.map(function (d) { return d.slice(5); });
    chart("chart-daily", "line", days, [
      { label: "Questions", data: data.questions, borderColor: main, backgroundColor: main },
      { label: "Unanswered", data: data.unanswered, borderColor: alert, backgroundColor: alert }
    ]);
    chart("chart-helpful", "bar", days, [
      { label: "Helpful", data: data.helpful, backgroundColor: main },
      { label: "Not helpful", data: data.notHelpful, backgroundColor: alert }
    ]);
    chart("chart-funnel", "bar", data.funnel.map(function (_, i) { return "Step " + (i + 1); }), [
      { label: "Users", data: data.funnel, backgroundColor: main }
    ]);
  }
  if (window.Chart) { draw(); return; }
  var script = document.createElement("script");
  script.src = self.getAttribute("data-chart-src");
  script.onload = draw;
  document.head.appendChild(script);
})();
