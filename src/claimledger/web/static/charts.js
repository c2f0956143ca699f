// Charts with Observable Plot (vendored): figures over time, one series per source; a source's claims per month.
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function width(el) { return Math.max(320, Math.min(1100, el.clientWidth || 900)); }

  var charts = data("figures-data");
  if (charts) {
    charts.forEach(function (chart, i) {
      var el = document.querySelector('[data-chart="' + i + '"]');
      if (!el || !chart.points.length) return;
      var points = chart.points.map(function (p) {
        return Object.assign({}, p, { when: new Date(p.date.length === 7 ? p.date + "-15" : p.date) });
      });
      var sources = Array.from(new Set(points.map(function (p) { return p.source; })));
      var plot = Plot.plot({
        width: width(el), height: 280, marginLeft: 60,
        x: { type: "utc", label: null },
        y: { label: chart.measure, grid: true, zero: true },
        color: { legend: sources.length <= 12, domain: sources },
        marks: [
          Plot.lineY(points, { x: "when", y: "value", z: "source", stroke: "source", curve: "step-after", strokeOpacity: 0.5 }),
          Plot.dot(points, {
            x: "when", y: "value", stroke: "source", r: 4.5, strokeWidth: 2,
            fill: function (p) { return p.bound ? "white" : p.source; },
            title: function (p) { return p.source + ": " + p.text + " (" + p.date + (p.outlet ? ", " + p.outlet : "") + ")"; }
          }),
          Plot.ruleX(points.filter(function (p) { return p.low != null && p.high != null && p.low !== p.high; }),
            { x: "when", y1: "low", y2: "high", stroke: "source", strokeOpacity: 0.6, strokeWidth: 3 }),
          Plot.dot(points.filter(function (p) { return p.conflict; }), {
            x: "when", y: "value", r: 9, stroke: "#c0392b", strokeWidth: 2,
            title: function (p) { return "in conflict: " + p.source + ": " + p.text; }
          })
        ]
      });
      el.appendChild(plot);
    });
  }

  var timeline = data("timeline-data");
  var box = document.getElementById("source-timeline");
  if (timeline && box && timeline.length) {
    box.appendChild(Plot.plot({
      width: width(box), height: 180, marginLeft: 40,
      x: { label: null, type: "band", tickFormat: function (m) { return m; } },
      y: { label: "claims", grid: true },
      color: { legend: true },
      marks: [Plot.barY(timeline, { x: "month", y: "claims", fill: "stance", title: function (d) { return d.month + ": " + d.claims + " " + d.stance; } })]
    }));
  }
})();
