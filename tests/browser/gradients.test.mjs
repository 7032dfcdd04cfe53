// gradients.test.mjs — the Gradients panel as a learner uses it: each ∂L/∂x beside its x, "take
// one step" pressed with the real mouse (exactly x − η·∂L/∂x on the ticked inputs, a lower loss,
// the weight moving towards its target, undone by Ctrl+Z), one head at a time in multi-head
// attention, the saturation of unscaled scores, and no panel without a loss.
//   node tests/browser/gradients.test.mjs build/web/site
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, checker, openExplorer, press, framesPass, steps, centre, itemRect, clickItem,
         artifactsDir } from './harness.mjs';

const site = process.argv[2];
const examples = join(new URL('.', import.meta.url).pathname, '..', '..', 'examples');
const example = (name) => readFileSync(join(examples, `${name}.json`), 'utf8');
const { check, report } = checker();
const server = await serve(site);
const context = await launch({ viewport: { width: 1366, height: 900 } });
await steps(check, 'the gradients test', async () => {
  const { page, errors } = await openExplorer(context, server.url);
  const api = (f, arg) => page.evaluate(f, arg);
  const state = () => api(() => window.attention.state());
  const step = async (id) => (await api((i) => window.attention.trace([i]), id)).steps[0]?.data;
  const load = async (name) => {
    const error = await api((text) => window.attention.load(text), example(name));
    await framesPass(page, 3);
    return error;
  };

  // 1. No loss, no backward pass: the panel is not drawn.
  await api(() => window.attention.setView({ panels: ['inputs', 'gradients'] }));
  await framesPass(page, 3);
  check('without a loss there is no Gradients panel', (await itemRect(page, 'Panel/gradients')) === null);

  // 2. "Which key should it have picked?": each gradient beside its x.
  check('grad_plain loads', (await load('grad_plain')) === null);
  check('the Gradients panel is drawn', (await itemRect(page, 'Panel/gradients')) !== null);
  for (const id of ['weights', 'scaled', 'scores', 'Q', 'K', 'V']) {
    const x = await itemRect(page, `Gradients/${id}`), g = await itemRect(page, `Gradients/grad.${id}`);
    check(`∂L/∂${id} is drawn beside ${id}`, x && g && g.y < x.y + x.h && x.y < g.y + g.h && g.x > x.x + x.w,
          JSON.stringify({ x, g }));
  }
  const loss0 = (await step('loss'))[0];
  const cat0 = (await step('weights'))[0][1];

  // 3. Hold V; one step on Q and K with the real mouse is exactly x − η·∂L/∂x.
  await clickItem(page, 'Gradients/move/V');
  const before = await state();
  const gradQ = await step('grad.Q'), gradK = await step('grad.K');
  await clickItem(page, 'Gradients/step');
  const after = await state();
  const eta = 0.5;
  const stepped = (x, g) => x.map((row, r) => row.map((v, c) => v - eta * g[r][c]));
  check('the step moved Q by −η·∂L/∂Q', JSON.stringify(after.matrices.Q) === JSON.stringify(stepped(before.matrices.Q, gradQ)),
        JSON.stringify([after.matrices.Q, stepped(before.matrices.Q, gradQ)]));
  check('and K by −η·∂L/∂K', JSON.stringify(after.matrices.K) === JSON.stringify(stepped(before.matrices.K, gradK)));
  check('the held V did not move', JSON.stringify(after.matrices.V) === JSON.stringify(before.matrices.V));
  const loss1 = (await step('loss'))[0];
  check('the loss fell', loss1 < loss0, `${loss0} → ${loss1}`);
  check('the panel says what the step did', (await itemRect(page, 'Gradients/stepped')) !== null);

  // 4. More steps: the weight on "cat" climbs towards its target of 1.
  let cat = (await step('weights'))[0][1];
  let climbing = cat > cat0;
  for (let i = 0; i < 5; i++) {
    await clickItem(page, 'Gradients/step');
    const next = (await step('weights'))[0][1];
    climbing = climbing && next > cat;
    cat = next;
  }
  check('each step raised the weight on "cat"', climbing, `${cat0} → ${cat}`);

  // 5. A step is an edit like any other: Ctrl+Z takes back the last one, and another edit hides
  // what the step did.
  const beforeLast = (await step('weights'))[0][1];
  await press(page, 'Control', 'z');
  await framesPass(page, 3);
  const undone = (await step('weights'))[0][1];
  check('Ctrl+Z undoes one step', undone < beforeLast && undone > cat0, `${beforeLast} → ${undone}`);
  for (let i = 0; i < 5; i++) await api(() => window.attention.undo());
  check('five more undos return to the loaded scenario, one step each',
        JSON.stringify((await state()).matrices) === JSON.stringify(before.matrices));
  await framesPass(page, 3);
  check('an undo is not the step: the panel no longer reports one', (await itemRect(page, 'Gradients/stepped')) === null);

  // 6. Multi-head attention: one head's gradients at a time, picked with the head slider.
  check('grad_multi_head loads', (await load('grad_multi_head')) === null);
  check('head 0 is shown', (await itemRect(page, 'Gradients/grad.head0.weights')) !== null &&
        (await itemRect(page, 'Gradients/grad.head1.weights')) === null);
  check('the heads together are shown', (await itemRect(page, 'Gradients/grad.W_Q')) !== null);
  const slider = await itemRect(page, 'Gradients/head');
  await page.mouse.click(slider.x + slider.w - 2, slider.y + slider.h / 2, { delay: 60 });
  await framesPass(page, 3);
  check('the slider shows head 1', (await itemRect(page, 'Gradients/grad.head1.weights')) !== null &&
        (await itemRect(page, 'Gradients/grad.head0.weights')) === null);

  // 7. Why scale: unscaled scores of wide vectors all but stop the gradient of the scores.
  const norm = (m) => Math.sqrt(m.flat().reduce((a, v) => a + v * v, 0));
  check('grad_saturation loads', (await load('grad_saturation')) === null);
  const unscaled = norm(await step('grad.scores'));
  const s = await state();
  s.variant = 'scaled_dot';
  await api((x) => window.attention.load(x), s);
  await framesPass(page, 3);
  const scaled = norm(await step('grad.scores'));
  check('‖∂L/∂s‖ is 10× larger with √d_k scaling', scaled > 10 * unscaled, `${unscaled} vs ${scaled}`);

  await page.screenshot({ path: join(artifactsDir(), 'gradients.png') });
  check('no errors in the console', errors.length === 0, errors.join(' | '));
}, async () => {
  await context.close();
  server.close();
  report();
});
