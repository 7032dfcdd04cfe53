// undo.test.mjs — undo, redo and reset as a learner uses them: real drags, real key presses
// (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y), the Inputs panel's buttons, and attention.undo()/redo().
//   node tests/browser/undo.test.mjs build/web/site
import { serve, launch, checker, openExplorer, press, framesPass, doubleClick, steps, centre } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const context = await launch();
await steps(check, 'the undo test', async () => {
  const { page, errors } = await openExplorer(context, server.url);
  const cdp = await context.newCDPSession(page);
  const state = () => page.evaluate(() => window.attention.state());
  const q = async (r, c) => (await state()).matrices.Q[r][c];
  const keys = async (...k) => { await press(page, ...k); await framesPass(page, 3); };
  const click = async (name) => {
    await page.mouse.click(...centre(await page.evaluate((n) => window.attention.rect(n), name)), { delay: 60 });
    await framesPass(page, 3);
  };
  const start = await state();
  const q0 = start.matrices.Q[0][0];

  // 1. One drag of Q[0][0], in many small moves, is one step.
  const cell = await page.evaluate(() => window.attention.rect('Inputs/Q/0/0'));
  const [x, y] = centre(cell);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) { await page.mouse.move(x + 15 * i, y); await framesPass(page, 1); }
  await page.mouse.up();
  await framesPass(page, 3);
  const dragged = await q(0, 0);
  check('the drag changed Q[0][0]', dragged > q0, `${q0} → ${dragged}`);

  // 2. Keys: Ctrl+Z undoes the whole drag; Ctrl+Shift+Z and Ctrl+Y redo it.
  await keys('Control', 'z');
  check('Ctrl+Z undoes the whole drag at once', (await q(0, 0)) === q0, String(await q(0, 0)));
  const trace = await page.evaluate(() => window.attention.trace(['weights']));
  await keys('Control', 'Shift', 'z');
  check('Ctrl+Shift+Z redoes it', (await q(0, 0)) === dragged, String(await q(0, 0)));
  await keys('Control', 'z');
  await keys('Control', 'y');
  check('Ctrl+Y redoes it too', (await q(0, 0)) === dragged, String(await q(0, 0)));
  await keys('Control', 'z');
  const weightsBack = (await page.evaluate(() => window.attention.trace(['weights']))).steps[0].data;
  check('after the undo the weights are the first ones again', JSON.stringify(weightsBack) === JSON.stringify(trace.steps[0].data));

  // 3. The buttons.
  await click('Inputs/redo');
  check('the Redo button redoes', (await q(0, 0)) === dragged, String(await q(0, 0)));
  await click('Inputs/undo');
  check('the Undo button undoes', (await q(0, 0)) === q0, String(await q(0, 0)));
  await click('Inputs/redo');

  // 4. Reset returns to what was loaded last, and is itself undone by Ctrl+Z.
  await click('Inputs/reset');
  check('Reset returns to the default scenario', JSON.stringify(await state()) === JSON.stringify(start));
  await keys('Control', 'z');
  check('Ctrl+Z undoes the reset', (await q(0, 0)) === dragged, String(await q(0, 0)));

  // 5. In an open cell Ctrl+Z undoes the typing, not an edit.
  const q01 = await q(0, 1);
  await doubleClick(page, cdp, ...centre(await page.evaluate(() => window.attention.rect('Inputs/Q/0/1'))));
  const typing = (await page.evaluate(() => window.attention.view())).typing_cell;
  check('a double-click opens Q[0][1] for typing', typing === 'Q/0/1', String(typing));
  await press(page, 'Control', 'a');
  await page.keyboard.type('3');
  await framesPass(page, 3);
  await keys('Control', 'z');
  await keys('Enter');
  check('in the cell, Ctrl+Z took back the typed 3', (await q(0, 1)) === q01, String(await q(0, 1)));
  check('and undid no edit', (await q(0, 0)) === dragged, String(await q(0, 0)));

  // 6. The API: undo() walks back to the start and then says there is nothing left.
  let walked = 0;
  while (await page.evaluate(() => window.attention.undo())) walked++;
  check('attention.undo() walks back to the first scenario', JSON.stringify(await state()) === JSON.stringify(start),
        `${walked} steps`);
  check('attention.redo() walks forward again', await page.evaluate(() => window.attention.redo()) && (await q(0, 0)) !== q0);
  check('no errors in the console', errors.length === 0, errors.join(' | '));
}, async () => {
  await context.close();
  server.close();
  report();
});
