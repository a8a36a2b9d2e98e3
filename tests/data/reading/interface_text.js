(lang) => {
  const out = [];
  const chrome = document.querySelectorAll(
    ".md-header, .md-sidebar, .md-footer, .md-search, .md-top, .md-skip, .md-dialog");
  const controls = document.querySelectorAll(
    ".md-content [aria-label], .md-content [title], .md-content button, .md-content summary, .md-content .para-link");
  const own = (el) => { const l = el.closest("[lang]"); return !l || l.getAttribute("lang") === lang; };
  for (const root of chrome) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (n.textContent.trim() && n.parentElement && own(n.parentElement) && !n.parentElement.closest("script")) out.push(n.textContent.trim());
  }
  for (const el of [...document.querySelectorAll(".md-header *, .md-sidebar *, .md-footer *, .md-search *"), ...controls]) {
    if (!own(el)) continue;
    for (const attr of ["aria-label", "title", "placeholder", "data-label"])
      if (el.getAttribute(attr)) out.push(el.getAttribute(attr));
  }
  if (!document.querySelector(".md-content article").closest("[lang]")) out.push(document.title);
  return out;
}
