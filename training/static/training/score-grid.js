// Score grid: Enter and the up/down arrows move down/up a column (like a spreadsheet), so a trainer types
// a stack of paper tests without the mouse. Enter never submits the form; the button does.
(function () {
  "use strict";
  var grid = document.getElementById("score-grid");
  if (!grid) return;
  grid.addEventListener("keydown", function (event) {
    var cell = event.target;
    if (!cell.classList || !cell.classList.contains("score-cell")) return;
    var step = 0;
    if (event.key === "Enter" || event.key === "ArrowDown") step = 1;
    else if (event.key === "ArrowUp") step = -1;
    else return;
    event.preventDefault();
    var next = grid.querySelector(
      '.score-cell[data-col="' + cell.dataset.col + '"][data-row="' + (Number(cell.dataset.row) + step) + '"]'
    );
    if (!next && step > 0 && cell.dataset.col === "0") {
      next = grid.querySelector('.score-cell[data-col="1"][data-row="1"]');
    }
    if (next) {
      next.focus();
      next.select();
    }
  });
})();
