/* The places map: Leaflet with circle markers. Tiles only when CTIMS_MAP_TILE_URL is set (an internal
   tile server); without it the points sit on a plain background and nothing is fetched from outside. */
(function () {
  "use strict";
  var el = document.getElementById("places-map");
  var data = document.getElementById("places-points");
  if (!el || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  var map = L.map(el, { attributionControl: false, zoomSnap: 0.25, zoomControl: false });
  L.control.zoom({  // the buttons' names in the page's language (Leaflet's own are English)
    zoomInTitle: el.getAttribute("data-zoom-in") || "Zoom in",
    zoomOutTitle: el.getAttribute("data-zoom-out") || "Zoom out"
  }).addTo(map);
  var tiles = el.getAttribute("data-tile-url");
  if (tiles) { L.tileLayer(tiles, { maxZoom: 18 }).addTo(map); }
  var colours = { voivodeship: "#1d3b6f", bcp: "#c52a1a", rp: "#00703c" };
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lng], {
      radius: p.type === "voivodeship" ? 7 : 5, color: colours[p.type] || "#0b0c0c", weight: 2, fillOpacity: 0.7
    });
    marker.bindTooltip(p.name + " (" + p.type_label + ")");
    marker.addTo(map);
    bounds.push([p.lat, p.lng]);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); } else { map.setView([52.0, 19.4], 6); }
}());
