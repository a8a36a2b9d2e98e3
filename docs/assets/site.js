// Language switch: go to the twin page and keep the paragraph anchor (ids are the same in both
// languages). Runs in the capture phase, before Material's own handler, which would drop the
// anchor (it maps pages through sitemap.xml, which static-i18n does not provide per language).
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  event.stopPropagation();
  location.href = link.href.split("#")[0] + location.hash;
}, true);

// Sortable tables (documents index): each header becomes a button; dates sort by <time datetime>.
// Vietnamese collation via localeCompare("vi"). No library: 25 lines beat a dependency.
document.querySelectorAll(".sortable-wrap table").forEach(function (table) {
  var body = table.tBodies[0];
  table.querySelectorAll("thead th").forEach(function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        var time = cell.querySelector("time");
        return time ? time.getAttribute("datetime") : cell.textContent.trim();
      };
      Array.from(body.rows)
        .sort(function (a, b) {
          var order = key(a).localeCompare(key(b), "vi", { numeric: true });
          return ascending ? order : -order;
        })
        .forEach(function (row) { body.appendChild(row); });
    });
  });
});

// Wide tables scroll sideways on phones: keyboard users must be able to focus the scroll area.
function focusableScrollAreas() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (area) {
    if (!area.hasAttribute("tabindex")) area.setAttribute("tabindex", "0");
  });
}
focusableScrollAreas();
window.addEventListener("load", focusableScrollAreas);

// The analysis matrix names each cell's rationale in data-title, not title: Material mounts a
// tooltip for every [title] in the page as it loads, which cost the map page 0.2 s of a phone's
// main thread (Lighthouse). The title is set when a pointer first reaches the cell, so the
// browser's own tooltip shows it; screen readers read the cell's aria-label.
document.addEventListener("pointerover", function (event) {
  var cell = event.target instanceof Element && event.target.closest("a[data-title]");
  if (cell && !cell.hasAttribute("title")) cell.setAttribute("title", cell.getAttribute("data-title"));
});
