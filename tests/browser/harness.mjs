// harness.mjs — shared set-up for the browser tests: a static server on loopback for the built
// site, Debian's Chromium driven by playwright-core (never a downloaded browser), and a small
// check/report helper whose last line is "N passed, N failed".
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export { serve } from '../../scripts/serve.mjs';

// Headless Debian Chromium with WebGL through SwiftShader, in a fresh profile.
// `options` adds to Playwright's context options, e.g. { deviceScaleFactor: 2 }; `extraArgs` to
// Chromium's command line, e.g. ['--disable-webgl'] for a browser without WebGL.
export async function launch(options = {}, extraArgs = []) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'attention-chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', ...extraArgs],
    ...options,
  });
}

// Content-Security-Policy violations the page reports, from its first script on: call before
// page.goto, then `await violations()` returns them ([] when the policy held).
export async function watchPolicy(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  return () => page.evaluate(() => window.__violations);
}

// A new tab with the explorer ready, recording console errors and policy violations:
// { page, errors, violations } (violations as watchPolicy gives it).
export async function openExplorer(context, url) {
  const page = await context.newPage();
  const violations = await watchPolicy(page);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.evaluate(() => window.attention.ready);
  return { page, errors, violations };
}

// Wait until the explorer has drawn n more frames (it is asked for some): whatever input came
// before has been seen by ImGui, however slowly a busy machine draws.
export async function framesPass(page, n = 2) {
  const start = await page.evaluate(() => window.attention.framesDrawn());
  await page.evaluate(() => window.Module.ccall('attention_request_frame', null, [], []));
  await page.waitForFunction(([s, k]) => window.attention.framesDrawn() >= s + k, [start, n], { timeout: 30000 });
}

// Press keys as a person does, held for a few frames: ImGui 1.86 reads key states once per
// frame, so a press and release within one animation frame would go unseen. press(page, 'Control', 'a').
export async function press(page, ...keys) {
  for (const key of keys) await page.keyboard.down(key);
  await page.waitForTimeout(60);
  for (const key of [...keys].reverse()) await page.keyboard.up(key);
  await page.waitForTimeout(30);
}

// A double-click (or, with touch, a double tap) at (x, y) whose events carry their own times, 100
// ms apart, with frames drawn between the two presses: what the explorer decides from is the
// events' timestamps (platform/click_timer.hpp), never how long the machine took to deliver them.
export async function doubleClick(page, cdp, x, y, { touch = false } = {}) {
  const t0 = Date.now() / 1000;
  const send = (down, clickCount, timestamp) => (touch
    ? cdp.send('Input.dispatchTouchEvent', { type: down ? 'touchStart' : 'touchEnd', touchPoints: down ? [{ x, y }] : [], timestamp })
    : cdp.send('Input.dispatchMouseEvent', { type: down ? 'mousePressed' : 'mouseReleased', x, y, button: 'left',
                                             buttons: down ? 1 : 0, clickCount, timestamp }));
  await send(true, 1, t0);
  await send(false, 1, t0 + 0.04);
  await framesPass(page);
  await send(true, 2, t0 + 0.1);
  await send(false, 2, t0 + 0.14);
  await framesPass(page, 3);
}

// The centre [x, y] of a rectangle {x, y, w, h}.
export const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];

// A named item's rectangle (attention.rect) in the page's coordinates, also for an explorer in
// an iframe of the page (`frame`).
export async function itemRect(page, name, frame = page.mainFrame()) {
  const r = await frame.evaluate((n) => window.attention.rect(n), name);
  if (!r || frame === page.mainFrame()) return r;
  const box = await (await frame.frameElement()).boundingBox();
  return { x: box.x + r.x, y: box.y + r.y, w: r.w, h: r.h };
}

// Click a named item with the real mouse, then let the explorer draw what followed.
export async function clickItem(page, name, frame = page.mainFrame()) {
  await page.mouse.click(...centre(await itemRect(page, name, frame)), { delay: 60 });
  await framesPass(frame, 3);
}

// Drag a named item (an input cell) `dx` pixels to the right with real mouse events, a frame
// drawn after each move.
export async function dragItem(page, name, dx, frame = page.mainFrame()) {
  const [x, y] = centre(await itemRect(page, name, frame));
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 4; i++) { await page.mouse.move(x + (dx * i) / 4, y); await framesPass(frame, 1); }
  await page.mouse.up();
  await framesPass(frame, 3);
}

export function artifactsDir() {
  const dir = process.env.ARTIFACTS || join(tmpdir(), 'attention-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Pixel statistics of a PNG screenshot, computed by the page's own image decoder.
async function lumaStats(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sum2 = 0, n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      sum += y; sum2 += y * y; n++;
    }
    return [sum / n, sum2 / n - (sum / n) ** 2];
  }, png.toString('base64'));
}

// The luma variance of a screenshot: 0 means blank.
export const pixelVariance = async (page, png) => (await lumaStats(page, png))[1];
// The mean luma, 0 (black) … 255 (white).
export const meanLuma = async (page, png) => (await lumaStats(page, png))[0];

// check(name, condition, detail) records one assertion; report() prints the tally and exits.
export function checker() {
  let passed = 0, failed = 0;
  return {
    check(name, ok, detail = '') {
      if (ok) passed++; else failed++;
      console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
    },
    report() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exitCode = failed ? 1 : 0;
    },
  };
}

// Run a test's steps: an exception fails the check `<name> ran to the end` (with its stack), and
// `cleanup` (closing browsers and servers, printing the tally) runs whatever happened.
export async function steps(check, name, body, cleanup) {
  try {
    await body();
  } catch (e) {
    check(`${name} ran to the end`, false, e.stack);
  } finally {
    await cleanup();
  }
}
