// embed.test.mjs — the explorer inside other pages: URL options show, lock and style only what
// they name (checked with rect), an iframe below the fold neither takes the focus nor makes its
// host jump, the wheel scrolls the host where the explorer has nothing to scroll, embedded
// explorers keep apart (or keep nothing), postMessage answers only allowed origins, change events
// come once per recompute, and the example tutorial drives its explorers same-origin and
// cross-site (localhost against 127.0.0.1). The README's tables are checked against the page.
//   node tests/browser/embed.test.mjs build/web/site
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, checker, openExplorer, framesPass, steps, artifactsDir, pixelVariance, centre, itemRect,
         dragItem } from './harness.mjs';

const site = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const { check, report } = checker();
const server = await serve(site);
const explorerAt = server.url;                                  // http://127.0.0.1:PORT/
const hostAt = server.url.replace('127.0.0.1', 'localhost');    // another site, the same server
const rect = (where, name) => where.evaluate((n) => window.attention.rect(n), name);
const panelsShown = (where) => where.evaluate(() => window.attention.about().panels.map((p) => p.id)
  .filter((id) => window.attention.rect(`Panel/${id}`)));

// A frame's explorer, once ready: the frame is found when it has navigated to `urlStart`.
// Chromium draws no frames in a cross-origin iframe out of view (nor runs its animation-frame
// callbacks), so `reveal` scrolls it into view first, and the waits poll on a timer.
async function explorerIn(page, urlStart, { reveal = true } = {}) {
  const frame = () => page.frames().find((f) => f.url().startsWith(urlStart));
  while (!frame()) await page.waitForEvent('framenavigated');
  const f = frame();
  if (reveal) await (await f.frameElement()).scrollIntoViewIfNeeded();
  await f.waitForFunction(() => window.attention && window.attention.ready, null, { timeout: 60000, polling: 100 });
  await f.evaluate(() => window.attention.ready);
  return f;
}
// Host pages that exist only in this test, written to a folder of their own and served from
// another origin of the same site (127.0.0.1, another port), as real responses: Chromium blocks
// loopback iframes in pages that did not come from a loopback address, and this Chromium gives a
// cross-site iframe no storage at all (the tutorial below is the cross-site test).
const hostFolder = mkdtempSync(join(tmpdir(), 'attention-host-'));
const hostServer = await serve(hostFolder);
const hostPage = (name, body) => {
  writeFileSync(join(hostFolder, name), body);
  return `${hostServer.url}${name}`;
};

const context = await launch();
await steps(check, 'the embed test', async () => {
  // 1. URL options in a page of its own.
  const only = (await openExplorer(context, `${explorerAt}index.html?panels=weights,inputs`)).page;
  check('panels= shows only the panels it names', (await panelsShown(only)).join() === 'inputs,weights',
        (await panelsShown(only)).join());
  check('and not what the others draw', await rect(only, 'Trace/weights') === null && await rect(only, 'Options/Mask') === null);
  const hidden = (await openExplorer(context, `${explorerAt}index.html?hide=options,cost`)).page;
  const rest = await panelsShown(hidden);
  check('hide= leaves out the panels it names', !rest.includes('options') && !rest.includes('cost') && rest.includes('inputs'),
        rest.join());
  const styled = (await openExplorer(context, `${explorerAt}index.html?scale=2&theme=light&compact=1`)).page;
  const v = await styled.evaluate(() => window.attention.view());
  check('scale=, theme= and compact= set the view', v.ui_scale === 2 && v.light_theme === true && v.compact === true,
        JSON.stringify(v));
  const locked = (await openExplorer(context, `${explorerAt}index.html?lock=mask,score&panels=options,heatmaps`)).page;
  const stateBefore = await locked.evaluate(() => window.attention.state());
  await locked.mouse.click(...centre(await rect(locked, 'Options/Mask')), { delay: 60 });
  await framesPass(locked, 3);
  check('lock= keeps a locked combo shut', await rect(locked, 'Options/Mask/causal') === null);
  await locked.evaluate(() => window.attention.setView({ panels: ['heatmaps'] }));
  await framesPass(locked, 3);
  const cell = await rect(locked, 'Trace/mask');
  if (cell) {
    await locked.mouse.click(cell.x + 4, cell.y + 4, { delay: 60 });
    await framesPass(locked, 3);
  }
  check('and a locked mask cannot be clicked', JSON.stringify(await locked.evaluate(() => window.attention.state())) ===
        JSON.stringify(stateBefore) && (await locked.evaluate(() => window.attention.view())).locked.join() === 'mask,score');
  const wrong = (await openExplorer(context, `${explorerAt}index.html?panels=weights,nope&scale=9&colour=red&theme=light`)).page;
  const said = await wrong.evaluate(() => window.attention.message());
  check('wrong URL options are named in the message bar', said && said.includes('panels=weights,nope: view.panels: unknown panel "nope"') &&
        said.includes('scale=9') && said.includes('colour=red: not a URL option'), said);
  check('and the others still apply', (await wrong.evaluate(() => window.attention.view())).light_theme === true);
  for (const tab of [hidden, styled, locked, wrong]) await tab.close();

  // 2. An iframe at the fold of a page from another origin: no jump, no focus taken.
  const page = await context.newPage();
  const hostOrigin = new URL(hostServer.url).origin;
  const iframe = (query, style) => `<iframe src="${explorerAt}index.html?${query}" style="${style}"></iframe>`;
  // The first iframe starts 100 pixels above the bottom of the host's window: it is drawn, and
  // taking the focus would scroll it into view.
  const foldPage = (first) => `<!doctype html><body style="margin:0">
    <div style="height:700px">A tutorial's text.</div>
    ${first}
    <div style="height:200px"></div>
    ${iframe('id=b&keep=1', 'width:700px;height:400px;border:0;display:block')}
    ${iframe('id=c', 'width:700px;height:400px;border:0;display:block')}
    <div style="height:2000px"></div></body>`;
  const focusing = await context.newPage();
  await focusing.goto(hostPage('focusing.html', foldPage(iframe('autofocus=1&id=f', 'width:700px;height:400px;border:0;display:block'))));
  const focused = await explorerIn(focusing, `${explorerAt}index.html?autofocus=1`, { reveal: false });
  check('with autofocus=1 an iframe takes the keyboard focus (and its host still does not jump)',
        await focused.evaluate(() => document.activeElement === document.getElementById('canvas')) &&
        await focusing.evaluate(() => window.scrollY) === 0);
  await focusing.close();
  await page.goto(hostPage('below-the-fold.html', foldPage(
    iframe(`panels=weights&id=a&keep=1&allow=${encodeURIComponent(hostOrigin)}`, 'width:700px;height:400px;border:0;display:block'))));
  const a = await explorerIn(page, `${explorerAt}index.html?panels=weights&id=a`, { reveal: false });
  await framesPass(a, 3);
  check('an iframe at the fold does not make its host jump', await page.evaluate(() => window.scrollY) === 0);
  check('and takes no keyboard focus', await a.evaluate(() => document.activeElement !== document.getElementById('canvas')));
  const b = await explorerIn(page, `${explorerAt}index.html?id=b`);
  const c = await explorerIn(page, `${explorerAt}index.html?id=c`);

  // 3. The wheel: over an explorer with nothing to scroll, the host page scrolls; over one with
  //    a long column, the column scrolls and the host stays.
  await (await a.frameElement()).scrollIntoViewIfNeeded();
  await framesPass(a, 2);
  const aBox = await (await a.frameElement()).boundingBox();
  await page.mouse.move(aBox.x + aBox.width * 0.5, aBox.y + aBox.height * 0.4);
  await framesPass(a, 3);
  const y0 = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 240);
  await page.waitForFunction((y) => window.scrollY > y, y0, { timeout: 30000 }).catch(() => {});
  check('the wheel over an explorer with nothing to scroll scrolls the host page', await page.evaluate(() => window.scrollY) > y0);
  const trace = await itemRect(page, 'Trace', b);
  await page.evaluate((top) => window.scrollTo(0, window.scrollY + top - 50), trace.y);
  await framesPass(b, 2);
  const bTrace = await itemRect(page, 'Trace', b);
  await page.mouse.move(bTrace.x + bTrace.w / 2, bTrace.y + bTrace.h / 2);
  await framesPass(b, 3);
  const y1 = await page.evaluate(() => window.scrollY);
  const pipelineBefore = await rect(b, 'Panel/pipeline');
  await page.mouse.wheel(0, 240);
  await framesPass(b, 3);
  const pipelineAfter = await rect(b, 'Panel/pipeline');
  check('the wheel over a long column scrolls the column', pipelineBefore && pipelineAfter && pipelineAfter.y < pipelineBefore.y,
        `${pipelineBefore?.y} → ${pipelineAfter?.y}`);
  check('and the host page stays', await page.evaluate(() => window.scrollY) === y1);

  // 4. Kept apart: keep=1 with an id keeps under its own key; without keep=1 nothing is kept, and
  //    an embedded explorer's address never changes.
  await a.evaluate(() => window.attention.setView({ light_theme: true }));
  await b.evaluate(() => window.attention.load({ variant: 'dot', form: 'plain', matrices: { Q: [[2]], K: [[1]], V: [[3]] } }));
  await c.evaluate(() => window.attention.setView({ light_theme: true }));
  for (const f of [a, b, c]) {  // each drawn in view, where it keeps its session
    await (await f.frameElement()).scrollIntoViewIfNeeded();
    await framesPass(f, 3);
  }
  const stored = await a.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k))])));
  check('keep=1&id=a keeps its session under its own key', stored['attention-explorer/state/a']?.view.light_theme === true,
        Object.keys(stored).join());
  check('and id=b under its own', stored['attention-explorer/state/b']?.scenario.matrices.Q[0][0] === 2 &&
        stored['attention-explorer/state/b']?.view.light_theme === false);
  check('an embedded explorer without keep=1 keeps nothing', !Object.keys(stored).some((k) => k.endsWith('/c')),
        Object.keys(stored).join());
  check('and no embedded explorer changes its address', (await Promise.all([a, b, c].map((f) => f.evaluate(() => location.hash))))
    .every((h) => h === ''));

  // 5. postMessage: answered for an allowed origin, ignored for any other.
  const asked = await page.evaluate(async () => {
    const frames = [...document.querySelectorAll('iframe')];
    const ask = (frame, call) => new Promise((resolve) => {
      const heard = (e) => { if (e.source === frame.contentWindow && e.data.id === 7) { removeEventListener('message', heard); resolve(e.data); } };
      addEventListener('message', heard);
      frame.contentWindow.postMessage({ attention: 1, id: 7, call, args: [['weights']] }, '*');
    });
    return (await ask(frames[0], 'trace')).result.steps[0].id;
  });
  check('an allowed origin gets its answer', asked === 'weights', asked);
  // The iframe b allows no origin: its message is seen and ignored. Anything it said would come
  // before a marker it posts afterwards (one sender's messages arrive in order).
  await b.evaluate(() => { window.seen = 0; addEventListener('message', () => { window.seen++; }); });
  await page.evaluate(() => {
    window.heardFromB = [];
    const frame = document.querySelectorAll('iframe')[1];
    addEventListener('message', (e) => { if (e.source === frame.contentWindow) window.heardFromB.push(e.data); });
    frame.contentWindow.postMessage({ attention: 1, id: 8, call: 'state', args: [] }, '*');
  });
  await b.waitForFunction(() => window.seen === 1);
  await b.evaluate(() => parent.postMessage({ marker: true }, '*'));
  await page.waitForFunction(() => window.heardFromB.some((m) => m.marker));
  check('an origin not allowed gets no answer', (await page.evaluate(() => window.heardFromB)).length === 1);

  // A page that opens the explorer in a window of its own, naming itself in allow=, is not heard.
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((u) => {
    window.opened = window.open(u);
  }, `${explorerAt}index.html?allow=${encodeURIComponent(hostOrigin)}`)]);
  await popup.waitForFunction(() => window.attention && window.attention.ready, null, { timeout: 60000 });
  await popup.evaluate(() => window.attention.ready);
  await popup.evaluate(() => { window.seen = 0; addEventListener('message', () => { window.seen++; }); });
  await page.evaluate(() => {
    window.heardFromPopup = [];
    addEventListener('message', (e) => { if (e.source === window.opened) window.heardFromPopup.push(e.data); });
    window.opened.postMessage({ attention: 1, id: 9, call: 'state', args: [] }, '*');
  });
  await popup.waitForFunction(() => window.seen === 1);
  await popup.evaluate(() => opener.postMessage({ marker: true }, '*'));
  await page.waitForFunction(() => window.heardFromPopup.some((m) => m.marker));
  check('a page that opened the explorer in a window of its own gets no answer, even when allowed',
        (await page.evaluate(() => window.heardFromPopup)).length === 1);
  await popup.close();

  // 6. The tutorial page, same-origin and cross-site: a button drives one explorer, a drag in the
  //    other moves the live number, and change events come once per recompute.
  for (const [how, url] of [['same-origin', `${explorerAt}examples/tutorial.html`],
                            ['cross-site', `${hostAt}examples/tutorial.html?explorer=${encodeURIComponent(explorerAt)}`]]) {
    const tab = await context.newPage();
    await tab.setViewportSize({ width: 1280, height: 1400 });  // both explorers in view, so both are drawn
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(url);
    await tab.waitForFunction(() => document.getElementById('live').textContent.includes('%'), null, { timeout: 60000 });
    const driven = await explorerIn(tab, `${explorerAt}index.html?panels=heatmaps`);
    const yours = await explorerIn(tab, `${explorerAt}index.html?panels=inputs`);
    check(`${how}: the tutorial's explorers show only their panels`, (await panelsShown(driven)).join() === 'heatmaps' &&
          (await panelsShown(yours)).join() === 'inputs,weights', `${await panelsShown(driven)} / ${await panelsShown(yours)}`);
    const q = (await driven.evaluate(() => window.attention.state())).matrices.Q;
    await tab.click('#larger');
    await tab.waitForFunction(() => document.getElementById('driven-status').textContent.startsWith('Scores ×4'));
    const q4 = (await driven.evaluate(() => window.attention.state())).matrices.Q;
    check(`${how}: "Make the scores 4× larger" multiplies Q by 4`, JSON.stringify(q4) === JSON.stringify(q.map((r) => r.map((x) => 4 * x))));
    await tab.evaluate(() => {
      window.changes = 0;
      document.getElementById('yours').addEventListener('change', () => { window.changes++; });
    });
    const live = await tab.evaluate(() => document.getElementById('live').textContent);
    const v0 = await yours.evaluate(() => window.attention.version());
    await dragItem(tab, 'Inputs/Q/0/1', 90, yours);
    await tab.waitForFunction((t) => document.getElementById('live').textContent !== t, live, { timeout: 30000 });
    check(`${how}: a drag in the other explorer moves the live number`, true,
          await tab.evaluate(() => document.getElementById('live').textContent));
    const v1 = await yours.evaluate(() => window.attention.version());
    await framesPass(yours, 3);  // frames with nothing new bring no events
    await tab.waitForFunction((n) => window.changes >= n, v1 - v0);
    check(`${how}: one change event per recompute, none per frame`, await tab.evaluate(() => window.changes) === v1 - v0,
          `${await tab.evaluate(() => window.changes)} events, ${v1 - v0} recomputes`);
    const png = await tab.screenshot({ path: join(artifactsDir(), `tutorial-${how}.png`), fullPage: true });
    check(`${how}: the tutorial page is drawn`, await pixelVariance(tab, png) > 100 && errors.length === 0, errors.join());
    await tab.close();
  }

  // 7. The README's tables are the page's own lists.
  const readme = readFileSync(join(here, '../../README.md'), 'utf8');
  const about = await only.evaluate(() => window.attention.about());
  const table = readme.slice(readme.indexOf('| panel id | panel |'));
  const rows = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| `([a-z_]+)` \| ([^|]+) \|$/gm)]
    .map((m) => `${m[1]}=${m[2].trim()}`);
  check('the README lists the panels as the page has them', rows.join() === about.panels.map((p) => `${p.id}=${p.title}`).join(),
        rows.join());
  const locks = readme.match(/^Lockable option kinds: (.*)\.$/m)?.[1].split(', ').map((x) => x.replace(/`/g, ''));
  check('and the lockable option kinds', locks?.join() === about.locks.join(), locks?.join());
  const calls = readme.match(/The calls are ([^.]*), as in/s)?.[1].replace(/\s+/g, ' ').split(/, | and /).map((x) => x.replace(/`/g, ''));
  const members = await page.evaluate(() => new Promise((resolve) => {
    addEventListener('message', (e) => { if (e.data.event === 'ready') resolve(e.data.members); });
    const f = document.createElement('iframe');
    f.src = `${document.querySelector('iframe').src.split('?')[0]}?allow=${encodeURIComponent(location.origin)}`;
    document.body.prepend(f);  // in view, so that it is drawn
    scrollTo(0, 0);
  }));
  check('and the calls answered over postMessage', calls?.join() === members.join(), `${calls} vs ${members}`);
}, async () => {
  await context.close();
  await server.close();
  await hostServer.close();
  rmSync(hostFolder, { recursive: true, force: true });
  report();
});
