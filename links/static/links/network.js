/* Draws the links network with cytoscape; clicking a node opens its record or identity page
   (only nodes the viewer may open carry a URL). The table below stays the no-JS fallback. */
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("links-network");
    var dataEl = document.getElementById("links-network-data");
    if (!box || !dataEl || typeof window.cytoscape !== "function") { return; }
    var data = JSON.parse(dataEl.textContent);
    var palette = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf"];
    var shapes = {person: "ellipse", phone: "round-rectangle", vehicle: "rectangle", account: "diamond",
                  document: "tag", organisation: "hexagon", address: "pentagon", place: "triangle", record: "barrel"};
    var elements = data.nodes.map(function (n) {
      return {data: {id: n.id, label: n.label, type: n.type, url: n.url || "", key: n.key ? 1 : 0,
                     colour: n.community ? palette[(n.community - 1) % palette.length] : "#6b7280",
                     shape: shapes[n.type] || "ellipse", hidden: n.visible ? 0 : 1, root: n.depth === 0 ? 1 : 0,
                     depth: n.depth || 0}};
    }).concat(data.edges.map(function (e, i) {
      return {data: {id: "x" + i, source: e.source, target: e.target, kind: e.kind || "record"}};
    }));
    box.classList.add("links-network--ready");
    var cy = window.cytoscape({
      container: box,
      elements: elements,
      // rings by hops from the identity: labels do not pile up as they did with a force layout
      layout: {name: "concentric", animate: false, minNodeSpacing: 60, avoidOverlap: true,
               concentric: function (node) { return 100 - node.data("depth") * 10 - (node.data("type") === "place" ? 5 : 0); },
               levelWidth: function () { return 5; }},
      style: [
        {selector: "node", style: {"label": "data(label)", "background-color": "data(colour)", "shape": "data(shape)",
          "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 140, "width": 22, "height": 22,
          "color": "#111827", "text-valign": "bottom", "text-margin-y": 4,
          "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1}},
        {selector: "node[key = 1]", style: {"border-width": 5, "border-color": "#dc2626"}},
        {selector: "node[root = 1]", style: {"width": 34, "height": 34}},
        {selector: "node[hidden = 1]", style: {"background-color": "#d1d5db", "border-style": "dashed", "border-width": 2,
          "border-color": "#6b7280"}},
        {selector: "node[url != '']", style: {"font-weight": "bold"}},  /* opens its record on tap */
        {selector: "edge", style: {"width": 1.5, "line-color": "#9ca3af"}},
        {selector: "edge[kind = 'place']", style: {"line-style": "dashed"}}
      ]
    });
    // labels keep one size on screen at any zoom (cytoscape scales them with the graph otherwise)
    function readableLabels() {
      var z = cy.zoom();
      cy.style().selector("node").style({"font-size": 12 / z, "text-max-width": 150 / z,
                                         "text-margin-y": 4 / z}).update();
    }
    cy.on("zoom", readableLabels);
    readableLabels();
    function zoomBy(factor) {
      cy.zoom({level: cy.zoom() * factor, renderedPosition: {x: box.clientWidth / 2, y: box.clientHeight / 2}});
    }
    var zin = document.getElementById("links-zoom-in");
    var zout = document.getElementById("links-zoom-out");
    var zfit = document.getElementById("links-zoom-fit");
    if (zin) { zin.addEventListener("click", function () { zoomBy(1.25); }); }
    if (zout) { zout.addEventListener("click", function () { zoomBy(0.8); }); }
    if (zfit) { zfit.addEventListener("click", function () { cy.fit(undefined, 20); }); }
    cy.on("tap", "node", function (evt) {
      var url = evt.target.data("url");
      if (url) { window.location.href = url; }
    });
    window.linksNetwork = cy;
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
