([selector, min]) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
    if (box.width < min || box.height < min) out.push(`${selector} ${el.getAttribute("href") || el.textContent.trim()}: ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
    if (box.left < 0 || box.right > document.documentElement.clientWidth) out.push(`${selector} ${el.getAttribute("href")}: off screen at x=${box.left.toFixed(0)}`);
  }
  return out;
}
