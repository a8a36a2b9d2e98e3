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

// Tooltips for the title of glossary terms, abbreviations and citation links, made when shown:
// on hover, on keyboard focus, and on tap for terms (phones have no hover). Material's own
// (content.tooltips) mounted one per [title] as the page loaded, which cost a long page up to
// 0.3 s of a phone's main thread (Lighthouse). Material's tooltip styles are reused.
(function () {
  var tip = null;
  var host = null;
  function hide() {
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-tooltip-title"));
    host.removeAttribute("data-tooltip-title");
    host.removeAttribute("aria-describedby");
    tip.classList.remove("md-tooltip2--active");
    host = null;
  }
  function show(element) {
    if (element === host) return;
    hide();
    var text = element.getAttribute("title");
    if (!text) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "md-tooltip2";
      tip.id = "kb-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.appendChild(document.createElement("div")).className = "md-tooltip2__inner md-typeset";
      document.body.appendChild(tip);
    }
    host = element;
    host.setAttribute("data-tooltip-title", text);
    host.removeAttribute("title"); // no second, native tooltip
    host.setAttribute("aria-describedby", tip.id);
    tip.firstChild.textContent = text;
    var box = host.getBoundingClientRect();
    var above = box.top > window.innerHeight / 2;
    tip.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + box.width / 2 + "px");
    tip.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    tip.style.setProperty("--md-tooltip-x", "0px");
    tip.style.setProperty("--md-tooltip-tail", "0px");
    tip.style.setProperty("--md-tooltip-width", tip.firstChild.offsetWidth + "px");
    tip.style.setProperty("--md-tooltip-y", above ? -8 - tip.offsetHeight + "px" : box.height + 8 + "px");
    tip.classList.toggle("md-tooltip2--top", above);
    tip.classList.toggle("md-tooltip2--bottom", !above);
    tip.classList.add("md-tooltip2--active");
  }
  function target(event) {
    return event.target instanceof Element && event.target.closest(".md-content [title]");
  }
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "mouse" && target(event)) show(target(event));
  });
  document.addEventListener("pointerout", function (event) {
    if (host && event.target instanceof Element && host.contains(event.target) &&
        !(event.relatedTarget instanceof Node && host.contains(event.relatedTarget))) hide();
  });
  document.addEventListener("focusin", function (event) {
    if (target(event)) show(target(event)); else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === host) hide();
  });
  document.addEventListener("click", function (event) {
    var term = event.target instanceof Element && event.target.closest(".md-content abbr");
    if (term && term !== host) show(term); else if (!term) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
