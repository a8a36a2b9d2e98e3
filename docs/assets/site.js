// Language switch: go to the twin page at the same place. Ids are the same in both languages, so
// the place is the anchor of the item at the top of the screen (or the address's own anchor
// while its item is on screen). Runs in the capture phase, before Material's own handler, which
// would drop the anchor (it maps pages through sitemap.xml, which static-i18n does not provide
// per language). The current entry gets the anchor too, so the back button returns to the item.
function itemInView() {
  var top = (document.querySelector(".md-header") || { offsetHeight: 0 }).offsetHeight;
  var current = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (current) {
    var box = current.getBoundingClientRect();
    if (box.bottom > top && box.top < window.innerHeight) return current.id;
  }
  if (window.scrollY < 8) return "";
  // The first block that starts on screen; or the one the reader is in the middle of, when the
  // block after it starts below the top third of the screen.
  var blocks = document.querySelectorAll(
    ".md-content article :is(p, li, h1, h2, h3, h4, h5, h6, dt, tr)[id]");
  var third = top + (window.innerHeight - top) / 3;
  for (var i = 0; i < blocks.length; i++) {
    var box = blocks[i].getBoundingClientRect();
    if (box.bottom <= top + 8) continue;
    if (box.top >= top - 4) return blocks[i].id;
    var next = blocks[i + 1] && blocks[i + 1].getBoundingClientRect();
    if (!next || next.top > third) return blocks[i].id;
  }
  return "";
}
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  event.stopPropagation();
  var id = itemInView();
  var hash = id ? "#" + encodeURIComponent(id) : "";
  if (hash && hash !== location.hash) history.replaceState(history.state, "", hash);
  location.href = link.href.split("#")[0] + hash;
}, true);

// The language menu names each language in that language: mark it so (screen readers, checks).
document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
  link.setAttribute("lang", link.getAttribute("hreflang"));
});

// Page-level switch for the analysis links (report pages): shown or hidden, remembered across
// pages (localStorage; main.html applies the choice before the page is drawn).
(function () {
  var panels = document.querySelectorAll(".md-typeset details.analysis-links");
  var heading = document.querySelector(".md-content article h1");
  if (!panels.length || !heading) return;
  var names = {
    vi: "Liên kết phân tích",
    en: "Analysis links"
  };
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var root = document.documentElement;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "analysis-switch";
  button.setAttribute("role", "switch");
  button.textContent = names[lang];
  function render() {
    button.setAttribute("aria-checked", root.classList.contains("kb-analysis-hidden") ? "false" : "true");
  }
  button.addEventListener("click", function () {
    var hidden = root.classList.toggle("kb-analysis-hidden");
    try { localStorage.setItem("kb.analysis", hidden ? "hidden" : "shown"); } catch (e) { /* private mode */ }
    render();
  });
  render();
  heading.insertAdjacentElement("afterend", button);
})();

// Sortable tables (documents index): each header becomes a button; dates sort by <time datetime>.
// Vietnamese collation via localeCompare("vi"). No library: 25 lines beat a dependency.
document.querySelectorAll(".sortable-wrap table").forEach(function (table) {
  var body = table.tBodies[0];
  var headers = Array.from(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
  // Phone layout (site.css): each cell is labelled by its column.
  Array.from(body.rows).forEach(function (row) {
    Array.from(row.cells).forEach(function (cell, column) { cell.setAttribute("data-col", headers[column] || ""); });
  });
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
  // On touch, the map's matrix shows a link's reason on the first tap and follows it on the
  // second: a phone has no hover.
  // (A tap focuses the link, which shows its tooltip, before the click: what counts is whether
  // the reason was showing when the finger went down.)
  var touched = false;
  var wasShowing = false;
  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType !== "mouse";
    wasShowing = !!host && event.target instanceof Node && host.contains(event.target);
  });
  document.addEventListener("click", function (event) {
    var element = event.target instanceof Element ? event.target : null;
    var cell = touched && element && element.closest(".analysis-matrix td a");
    if (cell) {
      if (!wasShowing) { event.preventDefault(); show(cell); }
      return;
    }
    var term = element && element.closest(".md-content abbr");
    if (term && term !== host) show(term); else if (!term) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
