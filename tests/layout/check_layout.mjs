// check_layout.mjs — the rules every screen's layout keeps, checked from the named items'
// rectangles (attention.rects() in the page, the desktop's --rects file; ui/item_rects.hpp):
//   1. every item lies inside its panel: across, within the x range its window shows or scrolls
//      to; down, below its panel's header and above the next header of the same column;
//   2. no text overlaps other text: in one window, wherever they are (also scrolled out of
//      sight); in two windows, where both are seen (a window clips what it scrolls away), except a
//      hover tooltip's text ("<name>/whole"), which is meant to lie over the others;
//   3. what lies outside the panels (the header, the tooltip, the lesson bar) lies on the screen,
//      as far as it is seen: the lesson bar scrolls what does not fit;
//   4. on a touch screen every control is at least 44 × 44 CSS px.
// layoutProblems returns what breaks them, in words; none when the layout holds.
//   node tests/layout/check_layout.mjs rects.json WIDTH HEIGHT   (prints them, fails on any)

const slack = 1;  // px: ImGui rounds positions to whole pixels

const overlap = (a, b) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > slack &&
                          Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > slack;
// What of an item is seen: the part inside what its window shows (a scrolled-away item: nothing).
const seen = (r) => {
  const x0 = Math.max(r.x, r.shown[0]), y0 = Math.max(r.y, r.shown[1]);
  return { x: x0, y: y0, w: Math.min(r.x + r.w, r.shown[2]) - x0, h: Math.min(r.y + r.h, r.shown[3]) - y0 };
};
const inside = (r, outer) => r.x >= outer.x - slack && r.y >= outer.y - slack && r.x + r.w <= outer.x + outer.w + slack &&
                             r.y + r.h <= outer.y + outer.h + slack;
const box = (r) => `(${r.x.toFixed(0)}, ${r.y.toFixed(0)}, ${r.w.toFixed(0)} × ${r.h.toFixed(0)})`;

export function layoutProblems(rects, { width, height, touch = false } = {}) {
  const problems = [];
  const items = Object.entries(rects);
  const headers = items.filter(([, r]) => r.kind === 'header');
  // Below a panel's header comes the next header of its column (the same x), if any.
  const nextHeaderY = (header) => {
    let y = Infinity;
    for (const [, h] of headers) if (Math.abs(h.x - header.x) < 2 && h.y > header.y + 1) y = Math.min(y, h.y);
    return y;
  };
  for (const [name, r] of items) {
    if (r.w < 0 || r.h < 0) problems.push(`${name}: a negative size ${box(r)}`);
    if (r.kind === 'header' || name === 'Edit' || name === 'Trace') continue;
    if (r.panel === '') {
      const lesson = name.startsWith('Lesson/');  // in the lesson bar, which scrolls: what is seen of it
      const s = lesson ? seen(r) : r;
      if (s.w > 0 && s.h > 0 && (s.x < -slack || s.y < -slack || s.x + s.w > width + slack || s.y + s.h > height + slack))
        problems.push(`${name} ${box(r)} leaves the ${width} × ${height} screen`);
      if (lesson && (r.x < r.reach[0] - slack || r.x + r.w > r.reach[1] + slack))
        problems.push(`${name} ${box(r)} is cut by the lesson bar, which shows x ${r.reach[0].toFixed(0)} … ${r.reach[1].toFixed(0)}`);
      continue;
    }
    if (r.x < r.reach[0] - slack || r.x + r.w > r.reach[1] + slack)
      problems.push(`${name} ${box(r)} is cut by its window, which shows x ${r.reach[0].toFixed(0)} … ${r.reach[1].toFixed(0)}`);
    const header = rects[`Panel/${r.panel}`];
    if (!header) {
      problems.push(`${name}: its panel ${r.panel} has no header`);
      continue;
    }
    if (inside(r, header)) continue;  // the panel's title, on its header
    if (r.y < header.y + header.h - slack || r.y + r.h > nextHeaderY(header) + slack)
      problems.push(`${name} ${box(r)} leaves its panel ${r.panel}`);
  }
  const texts = items.filter(([, r]) => r.kind === 'text' && r.w > 0 && r.h > 0);
  const sameWindow = (a, b) => a.shown.every((v, k) => Math.abs(v - b.shown[k]) < 0.5);
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i][1], texts[j][1]];
      const tooltip = texts[i][0].endsWith('/whole') || texts[j][0].endsWith('/whole');
      if (sameWindow(a, b) ? overlap(a, b) : !tooltip && overlap(seen(a), seen(b)))
        problems.push(`${texts[i][0]} ${box(a)} overlaps ${texts[j][0]} ${box(b)}`);
    }
  if (touch)
    for (const [name, r] of items)
      if (r.kind === 'control' && (r.w < 44 - 0.5 || r.h < 44 - 0.5)) problems.push(`${name} ${box(r)} is smaller than 44 × 44 px`);
  return problems;
}

// From the command line: the desktop's --rects file.
const { realpathSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const { readFileSync } = await import('node:fs');
  const [file, width, height] = process.argv.slice(2);
  const problems = layoutProblems(JSON.parse(readFileSync(file, 'utf8')), { width: Number(width), height: Number(height) });
  for (const p of problems) console.log(p);
  console.log(problems.length ? `${file}: ${problems.length} layout problems` : `${file}: the layout holds`);
  process.exit(problems.length ? 1 : 0);
}
