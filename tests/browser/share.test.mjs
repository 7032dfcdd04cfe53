// share.test.mjs — the link is the state: the address follows every edit, a link opens exactly
// its scenario and view in a fresh browser profile, Copy link copies it (or saves a file when the
// state is too large), a link from an earlier release and the desktop's test link open, and a
// broken link shows one message, opens the default and leaves the kept session alone.
//   node tests/browser/share.test.mjs build/web/site
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { serve, launch, checker, openExplorer, framesPass, steps, clickItem as click, dragItem as drag } from './harness.mjs';

const site = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const { check, report } = checker();
const server = await serve(site);
const KEY = 'attention-explorer/state';
const state = (page) => page.evaluate(() => window.attention.state());
const view = (page) => page.evaluate(() => window.attention.view());
const message = (page) => page.evaluate(() => window.attention.message());
const linkOf = (text) => `${server.url}#s=1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;
// The address holds the state once the page has written it: decided from the address itself.
const addressHolds = (page, link) => page.waitForFunction((l) => location.href === l, link, { timeout: 30000 });

const contexts = [];
await steps(check, 'the share test', async () => {
  // 1. Edits by mouse, then the link: the address follows it.
  const context = await launch({ permissions: ['clipboard-read', 'clipboard-write'] });
  contexts.push(context);
  const { page, errors } = await openExplorer(context, server.url);
  await drag(page, 'Inputs/Q/0/0', 70);
  await click(page, 'Options/Light theme');
  await click(page, 'Panel/heatmaps');  // fold it
  await page.evaluate(() => window.attention.setView({ comparing: true, contrast: 'soft vs hard' }));
  await framesPass(page, 3);
  const before = await state(page), viewBefore = await view(page);
  check('the edits took', before.matrices.Q[0][0] !== 1 && viewBefore.light_theme && viewBefore.folded.includes('heatmaps') &&
        viewBefore.comparing, JSON.stringify(viewBefore));
  const link = await page.evaluate(() => window.attention.link());
  check('attention.link() gives a link to the page with the state in #s=1.…', link.startsWith(`${server.url}#s=1.`), link.slice(0, 80));
  await addressHolds(page, link);
  check('the address bar holds the same link', true);

  // 2. Copy link puts it on the clipboard.
  await click(page, 'Options/copy-link');
  await page.waitForFunction(() => (window.attention.message() || '').startsWith('Link copied'), null, { timeout: 30000 });
  check('Copy link copies the same link', await page.evaluate(() => navigator.clipboard.readText()) === link);

  // 3. In a fresh browser profile the link opens exactly that scenario and view.
  const fresh = await launch();
  contexts.push(fresh);
  const opened = await openExplorer(fresh, link);
  check('the link opens the same scenario (deep-equal)', isDeepStrictEqual(await state(opened.page), before));
  check('and the same view (deep-equal)', isDeepStrictEqual(await view(opened.page), viewBefore),
        JSON.stringify(await view(opened.page)));
  check('with no message and no error', await message(opened.page) === null && opened.errors.length === 0,
        `${await message(opened.page)} ${opened.errors}`);
  // A reload keeps it: the address still holds it.
  await opened.page.reload();
  await opened.page.evaluate(() => window.attention.ready);
  check('a reload of a linked page keeps its state', isDeepStrictEqual(await state(opened.page), before));

  // 4. A link pasted into the address bar of an open page opens at once (no reload: hashchange).
  await page.evaluate(() => window.attention.load({ variant: 'dot', form: 'plain', matrices: { Q: [[1]], K: [[1]], V: [[2]] } }));
  await page.waitForFunction((l) => location.href !== l, link, { timeout: 30000 });  // the address followed
  await page.evaluate((l) => { location.hash = new URL(l).hash; }, link);
  await page.waitForFunction((q) => window.attention.state().matrices.Q[0][0] === q, before.matrices.Q[0][0], { timeout: 30000 });
  check('a link set into the address of an open page opens its state', isDeepStrictEqual(await state(page), before));

  // 5. A link from the first release (its view had five fields) and the desktop's test link open.
  const first = { explorer_version: '1.0.0', scenario: before,
                  view: { ui_scale: 2, light_theme: true, selected_query: 0, comparing: false, contrast: 'scaled vs unscaled' } };
  const older = await openExplorer(fresh, linkOf(JSON.stringify(first)));
  const olderView = await view(older.page);
  check('a link from an earlier release opens', isDeepStrictEqual(await state(older.page), before) && olderView.ui_scale === 2 &&
        isDeepStrictEqual(olderView.panels, await older.page.evaluate(() => window.attention.about().panels.map((p) => p.id))),
        JSON.stringify(olderView));
  const desktopLink = readFileSync(join(here, '../fuzz/seeds/fuzz_link/page-link.txt'), 'utf8').trim();
  const seeded = await openExplorer(fresh, server.url + new URL(desktopLink).hash);
  check('the link the desktop test opens, opens here too', (await view(seeded.page)).folded.join() === 'cost' &&
        await message(seeded.page) === null);

  // 6. Broken links: one message, the default scenario, and the kept session untouched.
  const plain = await openExplorer(fresh, server.url);
  await drag(plain.page, 'Inputs/Q/0/1', 60);
  const storedBefore = await plain.page.evaluate((k) => localStorage.getItem(k), KEY);
  const code = new URL(link).hash.slice('#s='.length);
  const broken = {
    'cut short': code.slice(0, code.length / 2),
    'edited by hand': `${code.slice(0, 20)}!!${code.slice(22)}`,
    'of a newer format': `2.${code.slice(2)}`,
    'not compressed': `1.${Buffer.from('{"scenario": {}}').toString('base64url')}`,
    'holding no JSON': new URL(linkOf('{"scenario": ')).hash.slice(3),
    'holding a bad scenario': new URL(linkOf('{"scenario": {"variant": "magic"}}')).hash.slice(3),
    'holding a bad view': new URL(linkOf(JSON.stringify({ scenario: before, view: { panels: ['nope'] } }))).hash.slice(3),
  };
  const clean = await launch();
  contexts.push(clean);
  const defaults = await state((await openExplorer(clean, server.url)).page);
  broken['cut short, with URL options'] = broken['cut short'];
  for (const [what, bad] of Object.entries(broken)) {
    const options = what.endsWith('URL options') ? '?theme=light&scale=1.5' : '';
    const tab = await openExplorer(fresh, `${server.url}${options}#s=${bad}`);
    const said = await message(tab.page);
    check(`a link ${what} says it cannot be opened`, said && said.startsWith('This link cannot be opened (') &&
          said.endsWith('the default scenario opened.'), said);
    check('and opens the default scenario, with no error on the page', isDeepStrictEqual(await state(tab.page), defaults) &&
          tab.errors.length === 0, tab.errors.join());
    await framesPass(tab.page, 3);
    check('and the kept session is untouched', await tab.page.evaluate((k) => localStorage.getItem(k), KEY) === storedBefore);
    await tab.page.close();
  }

  // 7. A state too large for a link: link() refuses, Copy link saves a scenario file instead, and
  //    the address holds no stale link.
  await page.evaluate(() => {
    let seed = 7;
    const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; };
    const matrix = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, random));
    return window.attention.load({ variant: 'scaled_dot', form: 'plain',
                                   matrices: { Q: matrix(4, 128), K: matrix(1000, 128), V: matrix(1000, 128) } });
  });
  await framesPass(page, 3);
  const refusal = await page.evaluate(() => window.attention.link().then(() => null, (e) => e.message));
  check('link() refuses a state too large for a link', refusal && refusal.startsWith('This state is too large for a link'), refusal);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'Options/copy-link')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  check('Copy link saves it as a scenario file instead', isDeepStrictEqual(saved, await state(page)) &&
        (await message(page)).endsWith('It was saved as a scenario file instead.'), await message(page));
  await page.waitForFunction((base) => location.href === base, server.url, { timeout: 30000 });
  check('and the address holds no link', true);
  check('no console errors on the page', errors.length === 0, errors.join('\n'));
}, async () => {
  for (const c of contexts) await c.close();
  await server.close();
  report();
});
