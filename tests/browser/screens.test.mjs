// screens.test.mjs — every screen a class has: a phone (390 × 844, touch, 3× pixels), a small
// iframe (800 × 500), a laptop (1366 × 768) and a 1080p projector, each at 100 % and 200 %. One
// column below the breakpoint, two above; every panel's header inside its column; a screenshot of
// each (looked at, and never blank). On the phone, real touch events (through the DevTools
// protocol: Playwright has no swipe) scroll the column, and a double tap opens a cell for typing
// with the numeric keyboard.
//   node tests/browser/screens.test.mjs build/web/site
import { join } from 'node:path';
import { serve, launch, checker, openExplorer, framesPass, steps, artifactsDir, pixelVariance, doubleClick,
         centre, itemRect } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const screens = [
  { name: 'phone', width: 390, height: 844, options: { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } },
  { name: 'iframe', width: 800, height: 500, options: {} },
  { name: 'laptop', width: 1366, height: 768, options: {} },
  { name: 'projector', width: 1920, height: 1080, options: {} },
];
const panelIds = (page) => page.evaluate(() => window.attention.about().panels.map((p) => p.id));

const contexts = [];
await steps(check, 'the screens test', async () => {
  for (const screen of screens) {
    const context = await launch({ viewport: { width: screen.width, height: screen.height }, ...screen.options });
    contexts.push(context);
    const { page, errors } = await openExplorer(context, server.url);
    for (const scale of [1, 2]) {
      const at = `${screen.name} ${screen.width}×${screen.height} at ${scale * 100} %`;
      await page.evaluate((s) => window.attention.setView({ ui_scale: s }), scale);
      await framesPass(page, 3);
      const edit = await itemRect(page, 'Edit'), trace = await itemRect(page, 'Trace');
      // One column below 56 ems of the font (17 px at 100 %), two above.
      const oneColumn = screen.width < 56 * 17 * scale;
      const same = JSON.stringify(edit) === JSON.stringify(trace);
      check(`${at}: ${oneColumn ? 'one column' : 'two columns'}`, oneColumn ? same && edit.w > screen.width * 0.9
                                                                            : !same && edit.x + edit.w <= trace.x,
            JSON.stringify({ edit, trace }));
      // Every panel header drawn lies within its column's width.
      let inside = true, detail = '';
      for (const id of await panelIds(page)) {
        const header = await itemRect(page, `Panel/${id}`);
        const column = ['options', 'inputs', 'geometry'].includes(id) ? edit : trace;
        if (header && (header.x < column.x - 1 || header.x + header.w > column.x + column.w + 1)) {
          inside = false;
          detail += `${id} ${JSON.stringify(header)} `;
        }
      }
      check(`${at}: every panel's header lies within its column`, inside, detail);
      const title = await itemRect(page, 'Header/title');
      check(`${at}: the header shows the title of what is open, whole`, title && title.x >= 0 && title.x + title.w <= screen.width &&
            (await page.evaluate(() => window.attention.state().title)) === 'One query, three keys', JSON.stringify(title));
      const png = await page.screenshot({ path: join(artifactsDir(), `screen-${screen.name}-${scale * 100}.png`) });
      check(`${at}: the screen is drawn`, await pixelVariance(page, png) > 100);
    }
    await page.evaluate(() => window.attention.setView({ ui_scale: 1 }));
    await framesPass(page, 3);

    if (screen.name === 'phone') {
      // A swipe up, where no item is, scrolls the column down; swipes
      // bring Q's first cell into view.
      const cdp = await context.newCDPSession(page);
      // In the narrow layout a label has a line of its own: right of it, above its combo, is no item.
      let y0 = null;
      for (const kind of ['Use', 'Algorithm', 'Normalise', 'Mask', 'Score bias', 'Score', 'Form']) {
        const combo = await itemRect(page, `Options/${kind}`);
        if (combo && combo.y > screen.height * 0.45 && combo.y < screen.height * 0.85) y0 = combo.y - 12;
      }
      const x0 = screen.width - 60;
      const swipe = async () => {
        const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: x0, y }] });
        await touch('touchStart', y0);
        await framesPass(page, 1);
        for (let i = 1; i <= 6; i++) {
          await touch('touchMove', y0 - 40 * i);
          await framesPass(page, 1);
        }
        await touch('touchEnd', y0 - 240);
        await framesPass(page, 3);
      };
      const before = await itemRect(page, 'Panel/inputs');
      await swipe();
      const after = await itemRect(page, 'Panel/inputs');
      check('phone: a swipe up scrolls the column', after.y < before.y - 100, `${before.y} → ${after.y}`);
      const column = await itemRect(page, 'Edit');
      for (let i = 0; i < 6; i++) {
        const q = await itemRect(page, 'Inputs/Q/0/0');
        if (q && q.y > column.y && q.y + q.h < column.y + column.h * 0.6) break;
        await swipe();
      }
      check('phone: and edits nothing', JSON.stringify(await page.evaluate(() => window.attention.state().matrices.Q)) ===
            JSON.stringify([[1, 0.5]]), JSON.stringify(await page.evaluate(() => window.attention.state().matrices.Q)));
      // A double tap on a cell opens it for typing, with the page's numeric keyboard.
      const q = await itemRect(page, 'Inputs/Q/0/0');
      await doubleClick(page, cdp, ...centre(q), { touch: true });
      check('phone: a double tap opens the cell for typing', (await page.evaluate(() => window.attention.view())).typing_cell === 'Q/0/0');
      check('phone: with the numeric keyboard', await page.evaluate(() => document.activeElement.id === 'touch-keyboard' &&
            document.activeElement.inputMode === 'decimal'));
      // The ± key beside the cell flips its sign, and the keyboard stays up.
      const sign = await page.locator('#sign-key').boundingBox();
      check('phone: a ± key of at least 44 × 44 px sits beside the open cell', sign && sign.width >= 44 && sign.height >= 44 &&
            Math.abs(sign.y + sign.height / 2 - (q.y + q.h / 2)) < 30, JSON.stringify(sign));
      const q00 = () => page.evaluate(() => window.attention.state().matrices.Q[0][0]);
      for (const expected of [-1, 1]) {
        await page.touchscreen.tap(sign.x + sign.width / 2, sign.y + sign.height / 2);
        await page.waitForFunction((v) => window.attention.state().matrices.Q[0][0] === v, expected, { timeout: 30000 }).catch(() => {});
        check(`phone: the ± key makes the cell ${expected}`, await q00() === expected, String(await q00()));
      }
      check('phone: and the cell stays open, with the keyboard', (await page.evaluate(() => window.attention.view())).typing_cell ===
            'Q/0/0' && await page.evaluate(() => document.activeElement.id === 'touch-keyboard'));
    }
    check(`${screen.name}: no console errors`, errors.length === 0, errors.join('\n'));
  }
}, async () => {
  for (const c of contexts) await c.close();
  await server.close();
  report();
});
