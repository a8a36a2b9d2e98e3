// Keep the paragraph anchor when the reader switches language: ids are the same in both.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash && link.href.indexOf("#") < 0) {
    link.href = link.href + location.hash;
  }
});
