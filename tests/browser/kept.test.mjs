// kept.test.mjs — the page keeps the session in localStorage: a reload brings back the edits, the
// scale and the theme; Save downloads the scenario; two tabs editing at once leave one whole
// session; a damaged session is set aside with a message; full storage says so once and the
// explorer works on.
//   node tests/browser/kept.test.mjs build/web/site
import { readFileSync } from 'node:fs';
import { serve, launch, checker, openExplorer, framesPass, steps, clickItem as click, dragItem as drag } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const KEY = 'attention-explorer/state';
const state = (page) => page.evaluate(() => window.attention.state());
const view = (page) => page.evaluate(() => window.attention.view());
// Open the page again at its plain address: without the link in its address (#s=…, which
// share.test.mjs tests), so that what comes back is the kept session.
async function reopen(page) {
  await page.goto(server.url);
  await page.evaluate(() => window.attention.ready);
  await framesPass(page, 3);
}

const context = await launch();
await steps(check, 'the kept-session test', async () => {
  // 1. A reload keeps the edits, the scale and the theme.
  const { page, errors } = await openExplorer(context, server.url);
  await drag(page, 'Inputs/Q/0/0', 80);
  await click(page, 'Options/Light theme');
  const slider = await page.evaluate(() => window.attention.rect('Options/UI scale'));
  await page.mouse.click(slider.x + slider.w * 0.3, slider.y + slider.h / 2, { delay: 60 });
  await framesPass(page, 3);
  const before = await state(page), viewBefore = await view(page);
  check('the edits took', before.matrices.Q[0][0] !== 1 && viewBefore.light_theme && viewBefore.ui_scale !== 1,
        JSON.stringify({ q: before.matrices.Q[0][0], viewBefore }));
  await reopen(page);
  const after = await state(page), viewAfter = await view(page);
  check('opening the page again brings back the scenario exactly', JSON.stringify(after) === JSON.stringify(before));
  check('and the light theme and the scale', viewAfter.light_theme === true && viewAfter.ui_scale === viewBefore.ui_scale,
        JSON.stringify(viewAfter));

  // 2. "Save scenario file…" downloads the scenario, which opens again as it was.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'Options/save-file')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  check('Save downloads attention-scenario.json', download.suggestedFilename() === 'attention-scenario.json',
        download.suggestedFilename());
  check('holding the scenario as state() gives it', JSON.stringify(saved) === JSON.stringify(after));

  // 3. Two tabs editing in turn: the stored session is always one whole session, the last one.
  const other = (await openExplorer(context, server.url)).page;
  for (let i = 0; i < 3; i++) {
    await drag(page, 'Inputs/Q/0/1', 30);
    await drag(other, 'Inputs/Q/0/1', -30);
  }
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
  let parsed = null;
  try { parsed = JSON.parse(stored); } catch { /* checked below */ }
  check('after two tabs edited, the stored session is whole JSON', parsed !== null && typeof parsed.scenario === 'object');
  check('and it is the last tab\'s', parsed && JSON.stringify(parsed.scenario) === JSON.stringify(await state(other)));
  await other.close();

  // 4. A damaged session: set aside under another key, a message, the default scenario.
  const damaged = '{"scenario": {"variant": "magic"}, "view": {}}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
  await reopen(page);
  const message = await page.evaluate(() => window.attention.message());
  check('a damaged session is refused with its reason', message && message.includes('could not be restored') &&
        message.includes('magic'), message);
  const aside = await page.evaluate((k) => Object.keys(localStorage).filter((key) => key.startsWith(`${k}.unreadable-`))
    .map((key) => localStorage.getItem(key)), KEY);
  check('it is kept aside, unchanged', aside.length === 1 && aside[0] === damaged, JSON.stringify(aside));
  check('and the default scenario opened', (await state(page)).matrices.Q[0][0] === 1);
  check('no errors in the console', errors.length === 0, errors.join(' | '));
}, () => context.close());

// 5. Storage that refuses every write (full, or disabled by a policy).
const full = await launch();
await steps(check, 'the full-storage test', async () => {
  await full.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('storage is full', 'QuotaExceededError'); };
  });
  const { page, errors } = await openExplorer(full, server.url);
  await framesPass(page, 3);
  const message = await page.evaluate(() => window.attention.message());
  check('full storage is said once', message && message.includes('not being kept') && message.includes('QuotaExceededError'),
        message);
  await drag(page, 'Inputs/Q/0/0', 80);
  check('and the explorer works on', (await state(page)).matrices.Q[0][0] !== 1);
  check('no errors in the console with full storage', errors.length === 0, errors.join(' | '));
}, async () => {
  await full.close();
  server.close();
  report();
});
