// Map of places and events on bundled Natural Earth boundaries, drawn with d3-geo: countries (world-atlas)
// and first-order administrative units, states, provinces, governorates (admin1.json, built from Natural
// Earth 10m admin-1 by scripts/build_admin1.mjs).  The units that hold a place or an event of the chosen
// dates are tinted and the busiest are named; every unit names itself on hover.  No tile server: the only
// requests are for /static/vendor/countries-50m.json and /static/vendor/admin1.json on this origin.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var raw = document.getElementById("map-data");
  if (!box || !raw) return;
  var data = JSON.parse(raw.textContent);
  var width = Math.max(360, box.clientWidth || 960);
  var height = Math.min(Math.round(width * 0.55), Math.max(320, window.innerHeight - 260));
  var svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height]).attr("role", "img");
  var layer = svg.append("g");
  var projection = d3.geoNaturalEarth1();
  var points = data.places.map(function (p) { return [p.lon, p.lat]; })
    .concat(data.events.map(function (e) { return [e.lon, e.lat]; }));
  if (points.length) {
    var extent = { type: "MultiPoint", coordinates: points };
    projection.fitExtent([[40, 40], [width - 40, height - 40]], extent);
    // Never zoom in past a region's size: a single point would otherwise fill the screen.
    var world = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    // (A single point, or points in one spot, give fitExtent an infinite scale and no translate.)
    if (!(projection.scale() <= world.scale() * 12)) {
      projection.scale(world.scale() * 12).translate([width / 2, height / 2]);
      // and keep the points in the middle: the translate fitExtent chose was for the larger scale
      var b = d3.geoPath(projection).bounds(extent), t = projection.translate();
      projection.translate([t[0] + width / 2 - (b[0][0] + b[1][0]) / 2, t[1] + height / 2 - (b[0][1] + b[1][1]) / 2]);
    }
  } else {
    projection.fitSize([width, height], { type: "Sphere" });
  }
  var path = d3.geoPath(projection);
  // The boundaries are dense enough as they come: drawn without adaptive resampling, several times faster.
  var flat = d3.geoPath(d3.geoNaturalEarth1().scale(projection.scale()).translate(projection.translate()).precision(0));
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
  var countries = layer.append("g").attr("class", "countries");
  var admin1 = layer.append("g").attr("class", "admin1");
  var admin1Borders = layer.append("path").attr("class", "admin1-borders");
  var borders = layer.append("path").attr("class", "borders");
  var marks = layer.append("g").attr("class", "marks");
  var labels = layer.append("g").attr("class", "admin1-labels");
  var zoomK = 1;

  d3.json("/static/vendor/countries-50m.json").then(function (topo) {
    var features = topojson.feature(topo, topo.objects.countries).features;
    countries.selectAll("path").data(features).join("path").attr("d", flat)
      .append("title").text(function (f) { return f.properties.name; });
    borders.attr("d", flat(topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; })));
  });

  // Set each unit's name at its centre, or just below or above it where it would cover a mark or a busier
  // unit's name, or hide it where it would everywhere; run again after each zoom.
  function declutter() {
    var taken = [];
    marks.selectAll("circle, a.event path").each(function () { taken.push(this.getBoundingClientRect()); });
    function free(r) {
      return !taken.some(function (t) { return r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top; });
    }
    labels.selectAll("text").attr("display", null).each(function () {
      var offsets = ["0.35em", "1.6em", "-0.9em", "2.8em", "-2.1em"];
      for (var i = 0; i < offsets.length; i++) {
        this.setAttribute("dy", offsets[i]);
        var r = this.getBoundingClientRect();
        if (free(r)) { taken.push(r); return; }
      }
      this.setAttribute("display", "none");
    });
  }
  function box2d(f) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    (function walk(c) {
      if (typeof c[0] === "number") {
        if (c[0] < b[0]) b[0] = c[0];
        if (c[0] > b[2]) b[2] = c[0];
        if (c[1] < b[1]) b[1] = c[1];
        if (c[1] > b[3]) b[3] = c[1];
      } else { for (var i = 0; i < c.length; i++) walk(c[i]); }
    })(f.geometry ? f.geometry.coordinates : []);
    return b;
  }
  function unitName(p) { return p.name + (p.name_en ? " (" + p.name_en + ")" : ""); }
  d3.json("/static/vendor/admin1.json").then(function (topo) {
    var features = topojson.feature(topo, topo.objects.admin1).features;
    // How many mentions (places) and events fall in each unit: a test on the unit's box of longitudes and
    // latitudes (a unit across the antimeridian gets them all), then the exact one.
    var boxes = features.map(box2d);
    var held = new Map();
    function hold(lon, lat, mentions, events) {
      for (var i = 0; i < features.length; i++) {
        var b = boxes[i];
        if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3] || !d3.geoContains(features[i], [lon, lat])) continue;
        var h = held.get(features[i]) || { mentions: 0, events: 0 };
        h.mentions += mentions; h.events += events;
        held.set(features[i], h);
        return;
      }
    }
    data.places.forEach(function (p) { hold(p.lon, p.lat, p.mentions, 0); });
    data.events.forEach(function (e) { hold(e.lon, e.lat, 0, 1); });
    admin1.selectAll("path").data(features).join("path").attr("d", flat)
      .classed("held", function (f) { return held.has(f); })
      .append("title").text(function (f) {
        var p = f.properties, h = held.get(f);
        return unitName(p) + (p.iso_3166_2 ? " · " + p.iso_3166_2 : "") + " · " + p.admin +
          (h ? " · " + h.mentions + " mentions, " + h.events + " events" : "");
      });
    admin1Borders.attr("d", flat(topojson.feature(topo, topo.objects.admin1_borders)));
    // Name the busiest units (at most 12), at their centroid.
    var named = Array.from(held.keys()).sort(function (a, b) {
      var x = held.get(a), y = held.get(b);
      return (y.mentions + y.events) - (x.mentions + x.events);
    }).slice(0, 12);
    labels.selectAll("text").data(named).join("text")
      .attr("transform", function (f) { return "translate(" + flat.centroid(f) + ")"; })
      .attr("font-size", 12 / zoomK)
      .text(function (f) { return f.properties.name_en || f.properties.name; });
    declutter();
  });

  var maxMentions = d3.max(data.places, function (p) { return p.mentions; }) || 1;
  var radius = d3.scaleSqrt().domain([0, maxMentions]).range([0, 18]);
  marks.selectAll("a.place").data(data.places).join("a").attr("class", "place")
    .attr("href", function (p) { return "/claims?place=" + encodeURIComponent(p.name); })
    .append("circle")
    .attr("transform", function (p) { return "translate(" + projection([p.lon, p.lat]) + ")"; })
    .attr("r", function (p) { return placeRadius(p); })
    .append("title").text(function (p) {
      return p.name + (p.admin1 ? ", " + p.admin1 : "") + (p.country ? " (" + p.country + ")" : "") + ": " +
        p.mentions + " mentions in " + p.documents + " articles, " + (p.first_date || "?") + " to " + (p.last_date || "?");
    });
  function placeRadius(p) { return Math.max(3, radius(p.mentions)) / zoomK; }
  function eventTransform(e) { return "translate(" + projection([e.lon, e.lat]) + ") scale(" + 1 / zoomK + ")"; }
  var diamond = d3.symbol().type(d3.symbolDiamond).size(110);
  marks.selectAll("a.event").data(data.events).join("a").attr("class", "event")
    .attr("href", function (e) { return "/events/" + encodeURIComponent(e.event_id); })
    .append("path").attr("d", diamond)
    .attr("transform", eventTransform)
    .append("title").text(function (e) { return e.type.replace(/_/g, " ") + " · " + (e.place || "") + " · " + (e.date || "undated"); });

  // The thousands of admin-1 hover shapes sit out of a zoom or a pan, which then stays smooth.
  svg.call(d3.zoom().scaleExtent([0.5, 40]).on("start", function () {
    admin1.attr("display", "none");
  }).on("end", function () {
    admin1.attr("display", null);
    declutter();
  }).on("zoom", function (ev) {
    layer.attr("transform", ev.transform);
    zoomK = ev.transform.k;
    // Marks and names keep their size on screen: zooming spreads them apart instead of blowing them up.
    marks.selectAll("circle").attr("r", placeRadius).attr("stroke-width", 1 / zoomK);
    marks.selectAll("a.event path").attr("transform", eventTransform);
    labels.selectAll("text").attr("font-size", 12 / zoomK);
  }));
})();
