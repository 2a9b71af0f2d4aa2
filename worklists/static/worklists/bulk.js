// "Select every row on this page" for the bulk bar of a list page: shown only when scripts run; without them each
// row is ticked by hand.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var all = document.getElementById("bulk-all");
    if (!all) return;
    var boxes = function () { return document.querySelectorAll('input[name="ids"][form="bulk-form"]'); };
    all.closest("[hidden]") && all.closest("[hidden]").removeAttribute("hidden");
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
  });
})();
