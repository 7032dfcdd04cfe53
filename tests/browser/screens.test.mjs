// screens.test.mjs — every screen a class has: a phone (390 × 844, touch, 3× pixels, and turned
// to landscape), a small iframe (800 × 500, also in the compact layout), a laptop (1366 × 768)
// and a 1080p projector, each at 100 % and 200 %. One column below the breakpoint, two above;
// every panel's header inside its column; a screenshot of each (looked at, and never blank).
// Every preset, opened from the Preset box with the mouse (a finger on the phone), with the
// Compare panel on, keeps the layout rules at every size (tests/layout/check_layout.mjs: nothing
// leaves its panel, no text covers text, and on the phone every control is 44 px square); a
// label too long for its place ends in an ellipsis and shows whole on hover. On the phone, real
// touch events (through the DevTools protocol: Playwright has no swipe) scroll the column, and a
// double tap opens a cell for typing with the numeric keyboard and its ± key.
//   node tests/browser/screens.test.mjs build/web/site [screen,…]
// The screens named (by default all): CTest runs the phone, the phone turned and the others as
// three tests, side by side.
import { join } from 'node:path';
import { serve, launch, checker, openExplorer, framesPass, steps, artifactsDir, pixelVariance, doubleClick,
         centre, itemRect } from './harness.mjs';
import { layoutProblems } from '../layout/check_layout.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const screens = [
  { name: 'phone', width: 390, height: 844, options: { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } },
  { name: 'phone-landscape', width: 844, height: 390, options: { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } },
  { name: 'iframe', width: 800, height: 500, options: {} },
  { name: 'laptop', width: 1366, height: 768, options: {} },
  { name: 'projector', width: 1920, height: 1080, options: {} },
];
const panelIds = (page) => page.evaluate(() => window.attention.about().panels.map((p) => p.id));

// A press where a person presses: the mouse, or on a touch screen a finger (through the DevTools
// protocol), with frames between down and up so that ImGui sees both.
async function press(page, cdp, touch, [x, y]) {
  if (touch) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await framesPass(page, 2);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } else {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await framesPass(page, 2);
    await page.mouse.up();
  }
  await framesPass(page, 3);
}

// A finger's swipe from (x, y) by dy, a frame drawn after each step.
async function swipe(page, cdp, x, y, dy) {
  const touch = (type, to) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: to }] });
  await touch('touchStart', y);
  await framesPass(page, 1);
  for (let i = 1; i <= 6; i++) {
    await touch('touchMove', y + (dy * i) / 6);
    await framesPass(page, 1);
  }
  await touch('touchEnd');
  await framesPass(page, 3);
}

// Open a preset from the Preset box, as a learner does. Where the list is taller than the screen
// (a phone in landscape), a finger swipes it until the preset is in view, starting on another
// preset (a swipe that starts on a button scrolls).
async function openPreset(page, cdp, touch, name) {
  await press(page, cdp, touch, centre(await itemRect(page, 'Options/Preset')));
  const id = `Options/Preset/${name}`;
  let item = null;
  for (let i = 0; i < 10; i++) {
    item = await page.evaluate((n) => window.attention.rects()[n], id);
    if (!item) return false;
    const [, y] = centre(item), [, top, , bottom] = item.shown;
    if (y > top && y < bottom) break;
    await swipe(page, cdp, item.x + item.w / 2, (top + bottom) / 2, y > bottom ? -(bottom - top) / 2 : (bottom - top) / 2);
  }
  await press(page, cdp, touch, centre(item));
  return (await page.evaluate(() => window.attention.state().title)) === name;
}

const contexts = [];
const chosen = process.argv[3] ? process.argv[3].split(',') : screens.map((s) => s.name);
await steps(check, 'the screens test', async () => {
  check(`the screens named are known: ${chosen.join(', ')}`, chosen.every((n) => screens.some((s) => s.name === n)));
  for (const screen of screens.filter((s) => chosen.includes(s.name))) {
    const context = await launch({ viewport: { width: screen.width, height: screen.height }, ...screen.options });
    contexts.push(context);
    const { page, errors } = await openExplorer(context, server.url);
    const touch = Boolean(screen.options.hasTouch);
    const cdp = await context.newCDPSession(page);
    if (touch) check(`${screen.name}: a finger is the main pointer`, await page.evaluate(() => matchMedia('(pointer: coarse)').matches));

    // Every preset, with the Compare panel on, at 100 % and 200 % (and the small iframe also in the
    // compact layout).
    const views = [{ ui_scale: 1, compact: false }, { ui_scale: 2 }];
    if (screen.name === 'iframe') views.push({ ui_scale: 1, compact: true });
    // The applications at 100 % only: applications.test.mjs lays each out at 200 % on the projector.
    const listed = await page.evaluate(() => window.attention.about().presets);
    const presets = listed.map((p) => p.name);
    const viewsOf = (preset) => (listed.find((p) => p.name === preset).application ? views.slice(0, 1) : views);
    const layouts = listed.reduce((n, p) => n + viewsOf(p.name).length, 0);
    await page.evaluate(() => window.attention.setView({ comparing: true }));
    let laidOut = 0;
    const broken = [];
    for (const preset of [...presets.slice(1), presets[0]]) {  // the default last: the checks below start from it
      await page.evaluate(() => window.attention.setView({ ui_scale: 1 }));
      await framesPass(page, 3);
      if (!await openPreset(page, cdp, touch, preset)) {
        broken.push(`${preset}: cannot be opened from the Preset box`);
        continue;
      }
      for (const view of viewsOf(preset)) {
        await page.evaluate((v) => window.attention.setView(v), view);
        await framesPass(page, 3);
        await framesPass(page, 3);  // tables and tooltips size themselves from the frame before
        const problems = layoutProblems(await page.evaluate(() => window.attention.rects()),
                                        { width: screen.width, height: screen.height, touch });
        if (problems.length) broken.push(`${preset} with ${JSON.stringify(view)}:\n  ${problems.slice(0, 8).join('\n  ')}`);
        laidOut++;
      }
    }
    check(`${screen.name}: all ${presets.length} presets keep the layout rules with ${views.map((v) => JSON.stringify(v)).join(', ')} ` +
          `(${laidOut} layouts)`, broken.length === 0 && laidOut === layouts, broken.join('\n'));
    await page.evaluate(() => window.attention.setView({ comparing: false, compact: false }));

    if (screen.name === 'iframe') {
      // A label too long for its place ends in an ellipsis, and the mouse over it shows it whole.
      const long = 'extraordinarily';
      await page.evaluate((k) => {
        const s = window.attention.state();
        s.tokens.keys[0] = k;
        window.attention.load(s);
        window.attention.setView({ panels: ['heatmaps'], ui_scale: 1 });
      }, long);
      await framesPass(page, 3);
      const cut = await itemRect(page, 'Trace/weights/col/0');
      check('iframe: a key name too long for its column has its place, no more',
            cut && cut.w <= (await itemRect(page, 'Trace/weights')).w / 3 + 1, JSON.stringify(cut));
      await page.mouse.move(...centre(cut));
      await framesPass(page, 3);
      const whole = await itemRect(page, 'Trace/weights/col/0/whole');
      check('iframe: it is shortened, and shown whole on hover', whole && whole.w > cut.w * 1.5, JSON.stringify({ cut, whole }));
      await page.mouse.move(1, 1);
      await page.evaluate((ids) => window.attention.setView({ panels: ids }), await panelIds(page));
      await framesPass(page, 3);
      check('iframe: the preset opens again', await openPreset(page, cdp, touch, 'One query, three keys'));
    }
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
    // The light theme too (a projector in a bright room), looked at like the others.
    await page.evaluate(() => window.attention.setView({ ui_scale: 1, light_theme: true }));
    await framesPass(page, 3);
    const light = await page.screenshot({ path: join(artifactsDir(), `screen-${screen.name}-light.png`) });
    check(`${screen.name}: the light theme is drawn`, await pixelVariance(page, light) > 100);
    await page.evaluate(() => window.attention.setView({ light_theme: false }));
    await framesPass(page, 3);

    if (screen.name === 'phone') {  // (in portrait)
      // A swipe up, where no item is, scrolls the column down; swipes
      // bring Q's first cell into view.
      // A swipe from where no control is (at the right of the column, at a height that no
      // control, header or plot covers) scrolls the column.
      const x0 = screen.width - 60;
      const column = await itemRect(page, 'Edit');
      const freeY = async () => {
        const items = Object.values(await page.evaluate(() => window.attention.rects()))
          .filter((r) => ['control', 'header', 'plot'].includes(r.kind));
        for (let y = column.y + column.h * 0.85; y > column.y + column.h * 0.45; y -= 4)
          if (!items.some((r) => x0 >= r.x && x0 <= r.x + r.w && y >= r.y - 4 && y <= r.y + r.h + 4)) return y;
        return null;
      };
      const swipeColumn = async () => {
        const y0 = await freeY();
        if (y0 === null) check('phone: a free spot in the column to swipe from', false);
        await swipe(page, cdp, x0, y0 ?? column.y + column.h / 2, -240);
      };
      const before = await itemRect(page, 'Panel/inputs');
      await swipeColumn();
      const after = await itemRect(page, 'Panel/inputs');
      check('phone: a swipe up scrolls the column', after.y < before.y - 100, `${before.y} → ${after.y}`);
      // A swipe that starts on a combo scrolls too, and opens nothing.
      const combos = Object.entries(await page.evaluate(() => window.attention.rects()))
        .filter(([n, r]) => /^Options\/(Form|Score|Score bias|Mask|Normalise|Algorithm|Use)$/.test(n) &&
                            r.y > column.y + column.h * 0.4 && r.y + r.h < column.y + column.h * 0.9);
      if (combos.length) {
        const [kind, combo] = combos[0];
        const options = JSON.stringify(await page.evaluate(() => window.attention.state()));
        const y0 = (await itemRect(page, 'Panel/inputs')).y;
        await swipe(page, cdp, ...centre(combo), -150);
        const y1 = (await itemRect(page, 'Panel/inputs')).y;
        const opened = Object.keys(await page.evaluate(() => window.attention.rects())).filter((n) => n.startsWith(`${kind}/`) && n !== `${kind}/label`);
        check(`phone: a swipe that starts on the ${kind} combo scrolls the column`, y1 < y0 - 60, `${y0} → ${y1}`);
        check('phone: and opens and changes nothing', opened.length === 0 &&
              JSON.stringify(await page.evaluate(() => window.attention.state())) === options, opened.join());
      } else {
        check('phone: a combo lies in the middle of the column, to swipe from', false);
      }
      for (let i = 0; i < 12; i++) {  // until Q's title is in the column's upper third
        const title = await itemRect(page, 'Inputs/Q/title');
        if (title && title.y > column.y && title.y < column.y + column.h * 0.33) break;
        await swipeColumn();
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
