// Map of places and events on bundled Natural Earth country boundaries (world-atlas), drawn with d3-geo.
// No tile server: the only request is for /static/vendor/countries-50m.json on this origin.
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
    if (projection.scale() > world.scale() * 12) { projection.scale(world.scale() * 12); }
  } else {
    projection.fitSize([width, height], { type: "Sphere" });
  }
  var path = d3.geoPath(projection);
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
  var countries = layer.append("g").attr("class", "countries");
  var borders = layer.append("path").attr("class", "borders");
  var marks = layer.append("g").attr("class", "marks");

  d3.json("/static/vendor/countries-50m.json").then(function (topo) {
    var features = topojson.feature(topo, topo.objects.countries).features;
    countries.selectAll("path").data(features).join("path").attr("d", path)
      .append("title").text(function (f) { return f.properties.name; });
    borders.attr("d", path(topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; })));
  });

  var maxMentions = d3.max(data.places, function (p) { return p.mentions; }) || 1;
  var radius = d3.scaleSqrt().domain([0, maxMentions]).range([0, 18]);
  marks.selectAll("a.place").data(data.places).join("a").attr("class", "place")
    .attr("href", function (p) { return "/claims?place=" + encodeURIComponent(p.name); })
    .append("circle")
    .attr("transform", function (p) { return "translate(" + projection([p.lon, p.lat]) + ")"; })
    .attr("r", function (p) { return Math.max(3, radius(p.mentions)); })
    .append("title").text(function (p) {
      return p.name + (p.admin1 ? ", " + p.admin1 : "") + (p.country ? " (" + p.country + ")" : "") + ": " +
        p.mentions + " mentions in " + p.documents + " articles, " + (p.first_date || "?") + " to " + (p.last_date || "?");
    });
  var diamond = d3.symbol().type(d3.symbolDiamond).size(110);
  marks.selectAll("a.event").data(data.events).join("a").attr("class", "event")
    .attr("href", function (e) { return "/events/" + encodeURIComponent(e.event_id); })
    .append("path").attr("d", diamond)
    .attr("transform", function (e) { return "translate(" + projection([e.lon, e.lat]) + ")"; })
    .append("title").text(function (e) { return e.type.replace(/_/g, " ") + " · " + (e.place || "") + " · " + (e.date || "undated"); });

  svg.call(d3.zoom().scaleExtent([0.5, 40]).on("zoom", function (ev) {
    layer.attr("transform", ev.transform);
    marks.selectAll("circle").attr("stroke-width", 1 / ev.transform.k);
  }));
})();
