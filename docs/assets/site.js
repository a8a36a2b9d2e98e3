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
