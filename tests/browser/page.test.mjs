// page.test.mjs — the page as a learner meets it: it loads, shows the explorer, and dragging a
// query value with the mouse changes the attention weights (read back through window.attention).
//   node tests/browser/page.test.mjs build/web/site
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { serve, launch, artifactsDir, pixelVariance, checker, doubleClick, framesPass, press } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const context = await launch();
try {
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url()); });

  // 1. It loads and signals ready after its first frame.
  await page.goto(server.url);
  const ready = await page.evaluate(() => window.attention.ready.then(() => 'resolved', (e) => `rejected: ${e.message}`));
  check('the page signals ready', ready === 'resolved' && (await page.evaluate(() => window.attention.framesDrawn())) > 0, ready);
  check('the loading indicator is gone', await page.locator('#loading').isHidden());

  // 2. The API returns the default scenario and its trace.
  const before = await page.evaluate(() => window.attention.trace());
  const weightsOf = (trace) => trace.steps.find((s) => s.id === 'weights').data[0];
  const w0 = weightsOf(before);
  check('trace() has weights over three keys', w0.length === 3, JSON.stringify(w0));
  const state0 = await page.evaluate(() => window.attention.state());
  check('state() returns the scenario', Array.isArray(state0.matrices.Q), JSON.stringify(state0.matrices.Q));

  // 3. Drag Q[0][0] to the right with real mouse events.
  const cell = await page.evaluate(() => window.attention.rect('Inputs/Q/0/0'));
  check('the Q[0][0] cell is on screen', cell && cell.w > 0, JSON.stringify(cell));
  const x = cell.x + cell.w / 2, y = cell.y + cell.h / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 60, y, { steps: 6 });
  await page.mouse.move(x + 120, y, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction((old) => window.attention.state().matrices.Q[0][0] !== old, state0.matrices.Q[0][0],
                             { timeout: 5000 }).catch(() => {});
  const state1 = await page.evaluate(() => window.attention.state());
  const w1 = weightsOf(await page.evaluate(() => window.attention.trace()));
  check('dragging increased Q[0][0]', state1.matrices.Q[0][0] > state0.matrices.Q[0][0],
        `${state0.matrices.Q[0][0]} → ${state1.matrices.Q[0][0]}`);
  check('the weights changed', w1.some((w, j) => Math.abs(w - w0[j]) > 1e-6), `${w0} → ${w1}`);
  const sum = w1.reduce((a, b) => a + b, 0);
  check('the weights still sum to 1', Math.abs(sum - 1) < 1e-12, String(sum));

  // 4. Bad input is refused with a message and changes nothing.
  const error = await page.evaluate(() => window.attention.load('{"variant": "magic"}'));
  check('load() refuses an unknown variant with a message', typeof error === 'string' && error.includes('variant'), error);
  const state2 = await page.evaluate(() => window.attention.state());
  check('a refused load changes nothing', JSON.stringify(state2) === JSON.stringify(state1));

  // 5. Idle means idle: no frames while nothing happens.
  await page.waitForTimeout(300);
  const idle0 = await page.evaluate(() => window.attention.framesDrawn());
  await page.waitForTimeout(1000);
  const idle1 = await page.evaluate(() => window.attention.framesDrawn());
  check('no frames are drawn while idle', idle1 === idle0, `${idle0} → ${idle1}`);

  // 6. The canvas follows the window's size.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1024, null, { timeout: 5000 }).catch(() => {});
  const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  check('the canvas follows a resize to 1024×700', size[0] === 1024 && size[1] === 700, String(size));

  // … and up to a 4K screen.
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 3840, null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(300);
  const png4k = await page.screenshot();
  writeFileSync(join(artifactsDir(), 'page-4k.png'), png4k);
  check('at 3840×2160 the canvas fills the window and shows the explorer',
        (await page.evaluate(() => document.getElementById('canvas').width)) === 3840 && (await pixelVariance(page, png4k)) > 100);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(300);

  // 7. What a learner sees: a screenshot that is not blank; nothing went wrong along the way.
  await page.mouse.move(5, 5);
  await page.waitForTimeout(100);
  const png = await page.screenshot();
  writeFileSync(join(artifactsDir(), 'page.png'), png);
  const variance = await pixelVariance(page, png);
  check('the screenshot is not blank', variance > 100, `luma variance ${variance.toFixed(1)}`);
  check('no console errors', errors.length === 0, errors.join(' | '));
  check('no requests leave the page\'s own host', foreign.length === 0, foreign.join(' '));

  // 8. On a hi-DPI screen the canvas has devicePixelRatio × its CSS size in pixels, and dragging
  //    still lands on the cell the learner sees.
  const hidpi = await launch({ deviceScaleFactor: 2 });
  try {
    const p2 = await hidpi.newPage();
    await p2.goto(server.url);
    await p2.evaluate(() => window.attention.ready);
    const [pixels, css] = await p2.evaluate(() => [document.getElementById('canvas').width,
                                                   document.getElementById('canvas').clientWidth]);
    check('at devicePixelRatio 2 the canvas has twice its CSS width in pixels', pixels === 2 * css, `${pixels} px / ${css} css`);
    const k = await p2.evaluate(() => window.attention.rect('Inputs/K/1/0'));
    const k0 = (await p2.evaluate(() => window.attention.state())).matrices.K[1][0];
    await p2.mouse.move(k.x + k.w / 2, k.y + k.h / 2);
    await p2.mouse.down();
    await p2.mouse.move(k.x + k.w / 2 - 80, k.y + k.h / 2, { steps: 8 });
    await p2.mouse.up();
    await p2.waitForTimeout(100);
    const k1 = (await p2.evaluate(() => window.attention.state())).matrices.K[1][0];
    check('at devicePixelRatio 2 dragging K[1][0] left lowers it', k1 < k0, `${k0} → ${k1}`);
    await p2.mouse.move(5, 5);
    await p2.waitForTimeout(100);
    writeFileSync(join(artifactsDir(), 'page-hidpi.png'), await p2.screenshot());
  } finally {
    await hidpi.close();
  }

  // 9. A finger drags a cell too (touch screens in classrooms), as raw touch events from the device.
  const touch = await launch({ hasTouch: true });
  try {
    const p4 = await touch.newPage();
    await p4.goto(server.url);
    await p4.evaluate(() => window.attention.ready);
    // A finger's 44 px controls make the options taller than the screen: folded, Q is in view.
    await p4.evaluate(() => window.attention.setView({ folded: ['options'] }));
    await framesPass(p4, 3);
    const cdp = await touch.newCDPSession(p4);
    const q = await p4.evaluate(() => window.attention.rect('Inputs/Q/0/0'));
    const q0 = (await p4.evaluate(() => window.attention.state())).matrices.Q[0][0];
    const finger = (type, x) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: q.y + q.h / 2 }] });
    await finger('touchStart', q.x + q.w / 2);
    await p4.waitForTimeout(80);
    for (let dx = 10; dx <= 100; dx += 10) {
      await finger('touchMove', q.x + q.w / 2 + dx);
      await p4.waitForTimeout(30);
    }
    await finger('touchEnd');
    await p4.waitForTimeout(150);
    const q1 = (await p4.evaluate(() => window.attention.state())).matrices.Q[0][0];
    check('dragging Q[0][0] with a finger raises it', q1 > q0, `${q0} → ${q1}`);

    // A double tap opens the cell for typing and focuses the page's input, which brings up the
    // device's keyboard; its text arrives without keypresses (as Android's does) and is typed in.
    await doubleClick(p4, cdp, q.x + q.w / 2, q.y + q.h / 2, { touch: true });
    check('a double tap on a cell focuses the input that summons the touch keyboard',
          await p4.evaluate(() => document.activeElement.id === 'touch-keyboard'));
    for (let i = 0; i < 8; i++) {  // the keyboard's Backspace, until the field is empty
      await p4.evaluate(() => document.getElementById('touch-keyboard').dispatchEvent(
        new InputEvent('input', { inputType: 'deleteContentBackward', bubbles: true })));
      await framesPass(p4);  // each Backspace is held for a frame
    }
    for (const ch of '0.25') {
      await p4.evaluate((c) => document.getElementById('touch-keyboard').dispatchEvent(
        new InputEvent('input', { inputType: 'insertText', data: c, bubbles: true })), ch);
      await framesPass(p4, 1);
    }
    await press(p4, 'Enter');
    const typed = (await p4.evaluate(() => window.attention.state())).matrices.Q[0][0];
    check('text and Backspace from a touch keyboard edit the cell', typed === 0.25, String(typed));
  } finally {
    await touch.close();
  }

  // 10. Without WebGL2 the page says so plainly, and ready rejects instead of hanging.
  const no_webgl2 = await launch({}, ['--disable-webgl']);
  try {
    const p3 = await no_webgl2.newPage();
    await p3.goto(server.url);
    const outcome = await p3.evaluate(() => window.attention.ready.then(() => 'resolved', (e) => `rejected: ${e.message}`));
    const message = await p3.textContent('#failure');
    check('without WebGL2, ready rejects', outcome.startsWith('rejected'), outcome);
    check('without WebGL2, the page explains what is missing', await p3.isVisible('#failure') && message.includes('WebGL2'), message);
    writeFileSync(join(artifactsDir(), 'page-no-webgl2.png'), await p3.screenshot());
  } finally {
    await no_webgl2.close();
  }
} catch (e) {
  check('the browser test ran to the end', false, e.stack);
} finally {
  await context.close();
  server.close();
  report();
}
