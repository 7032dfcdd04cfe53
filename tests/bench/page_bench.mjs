// page_bench.mjs — the page's speed as a learner feels it, in headless Chromium (a benchmark that
// prints figures, not a test):
//   - frame time while dragging an input cell at the live-editing sizes (real mouse events; CPU
//     time per drawn frame and per recompute, from window.attention.timings());
//   - the main thread's load while dragging and while idle (Chromium's TaskDuration metric);
//   - the largest scenarios the page takes (docs/scenario.md, "Limits"): how long load() takes,
//     the first frame that shows the result, and trace() with every step as JSON;
//   - the first frame after navigation over loopback, every lesson inside (median of 5 fresh
//     browsers, nothing cached), and the page's bytes as gzip would send them.
//   node tests/bench/page_bench.mjs [build/web/site]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch } from '../browser/harness.mjs';

const site = process.argv[2] || 'build/web/site';
const server = await serve(site);
const context = await launch({ viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
await page.goto(server.url);
await page.evaluate(() => window.attention.ready);

// Values in [−1, 1) from a small LCG: the same scenario every run.
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const matrix = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(rand() * 100) / 100));
const tokens = (n) => Array.from({ length: n }, (_, i) => `t${i}`);
const cases = [
  { name: 'plain n=16 d_k=64', scenario: { variant: 'scaled_dot', tokens: { queries: tokens(16), keys: tokens(16) },
    matrices: { Q: matrix(16, 64), K: matrix(16, 64), V: matrix(16, 64) } }, cell: 'Inputs/Q/0/0' },
  { name: 'plain n=64 d_k=64', scenario: { variant: 'scaled_dot', tokens: { queries: tokens(64), keys: tokens(64) },
    matrices: { Q: matrix(64, 64), K: matrix(64, 64), V: matrix(64, 64) } }, cell: 'Inputs/Q/0/0' },
  { name: 'multi-head n=64 d=128 h=8', scenario: { variant: 'scaled_dot', form: 'multi_head', options: { heads: 8 },
    tokens: { queries: tokens(64), keys: tokens(64) },
    matrices: { X: matrix(64, 128), W_Q: matrix(128, 128), W_K: matrix(128, 128), W_V: matrix(128, 128), W_O: matrix(128, 128) } },
    cell: 'Inputs/X/0/0' },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('page benchmark: headless Chromium, WebGL through SwiftShader (software), 1600×1000 CSS px');
console.log('case                          frames  frame ms (median / max)  recompute ms (median)  main-thread load');
for (const c of cases) {
  const error = await page.evaluate((s) => window.attention.load(s), JSON.stringify(c.scenario));
  if (error) { console.log(`${c.name}: refused: ${error}`); continue; }
  await page.waitForTimeout(300);
  const r = await page.evaluate((n) => window.attention.rect(n), c.cell);
  const x = r.x + r.w / 2, y = r.y + r.h / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // Frame times: one mouse move, then wait for its frame and read the timings.
  const frameMs = [], recomputeMs = [];
  for (let i = 1; i <= 60; i++) {
    const before = await page.evaluate(() => window.attention.framesDrawn());
    await page.mouse.move(x + (i % 20) * 3, y);
    await page.waitForFunction((b) => window.attention.framesDrawn() > b, before, { timeout: 5000 });
    const t = await page.evaluate(() => window.attention.timings());
    frameMs.push(t.frame_ms);
    recomputeMs.push(t.recompute_ms);
  }
  // Load: 2 s of dragging at a move every 16 ms, with nothing polling the page meanwhile.
  const t0 = await taskSeconds(), wall0 = Date.now();
  for (let i = 1; i <= 120; i++) {
    await page.mouse.move(x + (i % 20) * 3, y + 1);
    await page.waitForTimeout(16);
  }
  const load = (await taskSeconds() - t0) / ((Date.now() - wall0) / 1000);
  await page.mouse.up();
  console.log(`${c.name.padEnd(30)}${String(frameMs.length).padStart(6)}  ${median(frameMs).toFixed(2).padStart(8)} / ${Math.max(...frameMs).toFixed(2).padStart(7)}` +
              `  ${median(recomputeMs).toFixed(3).padStart(20)}  ${(100 * load).toFixed(0).padStart(14)} %`);
}

// Idle: nothing moves for 5 s.
await page.mouse.move(5, 995);
await page.waitForTimeout(1000);
const frames0 = await page.evaluate(() => window.attention.framesDrawn());
const idle0 = await taskSeconds(), idleWall0 = Date.now();
await page.waitForTimeout(5000);
const idleLoad = (await taskSeconds() - idle0) / ((Date.now() - idleWall0) / 1000);
const frames1 = await page.evaluate(() => window.attention.framesDrawn());
console.log(`idle for 5 s: ${frames1 - frames0} frames drawn, main-thread load ${(100 * idleLoad).toFixed(2)} %`);
// The largest scenarios within the page's limits: full-precision numbers, as a NumPy export writes.
const full = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, rand));
const short = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(rand() * 100) / 100));
const largest = [
  { name: 'plain T = S = 1024, d = 64 (T·S = 2²⁰)', scenario: { matrices: { Q: full(1024, 64), K: full(1024, 64), V: full(1024, 64) } } },
  { name: 'multi-head T = 1024, H = 1, d = 1', scenario: { form: 'multi_head', options: { heads: 1 },
    matrices: { X: full(1024, 1), W_Q: [[1]], W_K: [[1]], W_V: [[1]], W_O: [[1]] } } },
  { name: 'multi-head T = 512, H = 4, d = 4', scenario: { form: 'multi_head', options: { heads: 4 },
    matrices: { X: full(512, 4), W_Q: full(4, 4), W_K: full(4, 4), W_V: full(4, 4), W_O: full(4, 4) } } },
  { name: 'self X 1024 × 1024, W 1024 × 64', scenario: { form: 'self',
    matrices: { X: full(1024, 1024), W_Q: full(1024, 64), W_K: full(1024, 64), W_V: full(1024, 64) } } },
  { name: 'self X, W_Q, W_K, W_V 1024 × 1024', scenario: { form: 'self',
    matrices: { X: short(1024, 1024), W_Q: short(1024, 1024), W_K: short(1024, 1024), W_V: short(1024, 1024) } } },
];
console.log('largest scenarios                         MB of JSON   load() s   first frame s   trace() s');
for (const c of largest) {
  const r = await page.evaluate(async (text) => {
    const t0 = performance.now();
    const error = window.attention.load(text);
    const t1 = performance.now();
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const t2 = performance.now();
    const trace = window.attention.trace();
    const t3 = performance.now();
    return { error, load: (t1 - t0) / 1000, frame: (t2 - t1) / 1000, trace: (t3 - t2) / 1000, steps: trace.steps.length };
  }, JSON.stringify(c.scenario));
  const mb = JSON.stringify(c.scenario).length / 1e6;
  if (r.error) { console.log(`${c.name}: refused: ${r.error}`); continue; }
  console.log(`${c.name.padEnd(42)}${mb.toFixed(1).padStart(6)}  ${r.load.toFixed(2).padStart(9)}  ${r.frame.toFixed(2).padStart(14)}  ${r.trace.toFixed(2).padStart(10)}`);
}
await context.close();

const firsts = [], readies = [];
for (let i = 0; i < 5; i++) {
  const fresh = await launch({ viewport: { width: 1600, height: 1000 } });
  const p = await fresh.newPage();
  await p.goto(server.url);
  await p.waitForFunction(() => window.attention?.framesDrawn?.() >= 1, null, { polling: 'raf', timeout: 30000 });
  firsts.push(await p.evaluate(() => performance.now()));
  await p.evaluate(() => window.attention.ready);
  readies.push(await p.evaluate(() => performance.now()));
  await fresh.close();
}
const gzipped = ['index.html', 'style.css', 'attention.js', 'attention-explorer.js', 'attention-explorer.wasm']
  .reduce((sum, f) => sum + gzipSync(readFileSync(join(site, f)), { level: 9 }).length, 0);
console.log(`first frame after navigation (loopback, median of 5): ${median(firsts).toFixed(0)} ms ` +
            `(each: ${firsts.map((t) => t.toFixed(0)).join(', ')}); settled (attention.ready): ${median(readies).toFixed(0)} ms`);
console.log(`the page as gzip sends it: ${(gzipped / 1024).toFixed(0)} KiB`);
server.close();
