(min) => {
  const article = document.querySelector(".md-content article");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const small = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest(".para-link, sup, .footnote-ref")) continue;
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || parseFloat(style.opacity) === 0) continue;
    let size = parseFloat(style.fontSize);
    const svg = el.closest("svg");
    if (svg) {
      if (!svg.getClientRects().length) continue;
      size *= svg.getScreenCTM().a;
    }
    if (size < min - 0.01) small.push(`${el.tagName.toLowerCase()}.${el.className}: ${size.toFixed(1)}px "${node.textContent.trim().slice(0, 30)}"`);
  }
  return small.slice(0, 5);
}
