// Sortable dossier tables: a header holding <span data-sort> becomes a button that sorts
// the rows by that column (by each cell's data-value, else its text). Without JavaScript
// the table keeps the order it was written in (by source date), so nothing is lost.
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-value") || cell.textContent.trim();
  }

  function sortBy(table, index, button) {
    var th = button.closest("th");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellKey(a, index), y = cellKey(b, index);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function setUp(table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var label = th.querySelector("[data-sort]");
      if (!label || th.querySelector("button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dossier-sort";
      button.textContent = label.textContent;
      button.title = "Sort by " + label.textContent.toLowerCase();
      button.addEventListener("click", function () { sortBy(table, index, button); });
      label.replaceWith(button);
    });
  }

  // Accessibility fixes to the theme's markup (axe-core: aria-dialog-name,
  // scrollable-region-focusable): name the search dialog, let keyboards scroll sidebars.
  function fixTheme() {
    var search = document.querySelector(".md-search[role='dialog']");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    document.querySelectorAll(".md-sidebar__scrollwrap").forEach(function (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }

  function init() {
    fixTheme();
    document.querySelectorAll("table.dossier-sortable").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
