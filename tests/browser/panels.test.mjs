// panels.test.mjs — the explorer's panels as a learner uses them, with real mouse and keyboard
// events, checked through window.attention (hover, state, trace, readings) and the page's text view.
//   node tests/browser/panels.test.mjs build/web/site
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { serve, launch, artifactsDir, checker, meanLuma, openExplorer, press, framesPass, doubleClick, centre } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const context = await launch({ viewport: { width: 1400, height: 900 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write']);
const shot = async (page, name) => writeFileSync(join(artifactsDir(), name), await page.screenshot());
const settle = (page) => framesPass(page, 3);  // input seen and its result drawn, however slow the frames
const api = (page, f, ...args) => page.evaluate(f, ...args);

// Scroll a column ("Trace", the right one, or "Edit", the left) with the mouse wheel until the
// named item lies inside the column's visible part.
async function scrollIntoView(page, name, column = 'Trace') {
  for (let i = 0; i < 40; i++) {
    const [r, c] = await api(page, ([n, col]) => [window.attention.rect(n), window.attention.rect(col)], [name, column]);
    if (r && r.y > c.y && r.y + r.h < c.y + c.h) return r;
    await page.mouse.move(c.x + c.w / 2, c.y + c.h / 2);
    await page.mouse.wheel(0, r && r.y < c.y ? -120 : 120);
    await settle(page);
  }
  return null;
}
const scrollIntoViewLeft = (page, name) => scrollIntoView(page, name, 'Edit');

// Open a combo of the Options panel and click one of its values.
async function pick(page, combo, value) {
  const box = await api(page, (n) => window.attention.rect(n), `Options/${combo}`);
  await page.mouse.click(...centre(box));
  await settle(page);
  const item = await api(page, (n) => window.attention.rect(n), `Options/${combo}/${value}`);
  if (!item) return false;
  await page.mouse.click(...centre(item));
  await settle(page);
  return true;
}

try {
  const { page, errors, violations } = await openExplorer(context, server.url);
  const cdp = await context.newCDPSession(page);  // double-clicks whose events carry their own times
  const weightsOf = async () => (await api(page, () => window.attention.trace())).steps.find((s) => s.id === 'weights').data;

  // 1. Pipeline: hovering a weight shows its formula with the numbers and names its sources.
  const cell = await scrollIntoView(page, 'Pipeline/weights/0/1');
  check('the pipeline\'s weights cell can be scrolled into view', cell !== null);
  await page.mouse.move(...centre(cell));
  await settle(page);
  const hover = await api(page, () => window.attention.hover());
  check('hovering w₀,₁ in the pipeline explains it', hover && hover.step === 'weights' && hover.row === 0 && hover.col === 1,
        JSON.stringify(hover));
  check('the explanation fills in the softmax with the numbers',
        hover && hover.text.startsWith('w₀,₁ = e^(s\'₀,₁ − m₀) / Σₖ e^(s\'₀,ₖ − m₀) = e^(') && hover.text.includes('= 0.577'),
        hover && hover.text);
  const sourceSteps = hover ? hover.sources.map((s) => `${s.step}[${s.rows}][${s.cols}]`) : [];
  check('its sources are its score, its score row and its mask row',
        ['scaled[0,1][1,2]', 'scaled[0,1][0,3]', 'mask[0,1][0,3]'].every((s) => sourceSteps.includes(s)), sourceSteps.join(' '));
  // Hovering must not move the layout: after more frames the same cell is still under the mouse.
  await api(page, () => window.Module.ccall('attention_request_frame', null, [], []));
  await settle(page);
  const still = await api(page, () => window.attention.hover());
  check('the hover is stable over further frames (no layout shift)', still && still.step === 'weights' && still.col === 1,
        JSON.stringify(still && [still.step, still.row, still.col]));
  await page.waitForFunction(() => document.getElementById('text-now').textContent.startsWith('w₀,₁ ='), null,
                             { timeout: 3000 }).catch(() => {});
  check('the text view reads the explanation out', (await page.textContent('#text-now')).startsWith('w₀,₁ ='),
        await page.textContent('#text-now'));
  // The tooltip covers none of the cells it names as sources, nor the hovered one.
  const tooltip = await api(page, () => window.attention.rect('Tooltip'));
  const covered = [];
  for (const source of hover ? hover.sources : []) {
    for (let r = source.rows[0]; r < source.rows[1]; r++) {
      for (let c = source.cols[0]; c < source.cols[1]; c++) {
        const box = await api(page, (n) => window.attention.rect(n), `Pipeline/${source.step}/${r}/${c}`);
        if (box && tooltip && box.x < tooltip.x + tooltip.w && tooltip.x < box.x + box.w && box.y < tooltip.y + tooltip.h && tooltip.y < box.y + box.h) {
          covered.push(`${source.step}[${r}][${c}]`);
        }
      }
    }
  }
  const overCell = tooltip && cell.x < tooltip.x + tooltip.w && tooltip.x < cell.x + cell.w && cell.y < tooltip.y + tooltip.h && tooltip.y < cell.y + cell.h;
  const viewport = page.viewportSize();
  const onScreen = tooltip && tooltip.x >= 0 && tooltip.y >= 0 && tooltip.x + tooltip.w <= viewport.width &&
                   tooltip.y + tooltip.h <= viewport.height;
  check('the tooltip lies on screen and covers none of its sources, nor the hovered value', onScreen && covered.length === 0 && !overCell,
        `${JSON.stringify(tooltip)} covers ${covered.join(' ')}${overCell ? ' and the cell' : ''}`);
  await shot(page, 'pipeline-hover.png');

  // 2. A context entry points at its weight row and value column.
  const ctx = await scrollIntoView(page, 'Pipeline/context/0/0');
  await page.mouse.move(...centre(ctx));
  await settle(page);
  const h2 = await api(page, () => window.attention.hover());
  check('hovering c₀,₀ names its weight row and V column',
        h2 && h2.text.startsWith('c₀,₀ = Σⱼ w₀ⱼ vⱼ,₀ = ') && h2.sources.some((s) => s.step === 'V' && s.cols[0] === 0),
        h2 && h2.text);

  // 3. Back to the top: the heatmap explains a cell too; the mouse leaving clears the hover.
  await scrollIntoView(page, 'Trace/weights');
  const heat = await api(page, () => window.attention.rect('Trace/weights'));
  await page.mouse.move(heat.x + heat.w * (2.5 / 3), heat.y + heat.h / 2);
  await settle(page);
  const h3 = await api(page, () => window.attention.hover());
  check('hovering the weights heatmap explains w₀,₂', h3 && h3.step === 'weights' && h3.col === 2, JSON.stringify(h3));
  await shot(page, 'heatmap-hover.png');
  await page.mouse.move(5, 890);
  await settle(page);
  check('moving away clears the hover', (await api(page, () => window.attention.hover())) === null);

  // 4. Options by keyboard: arrows walk to the Mask combo, Space opens it, Down and Space
  //    pick the next value, "causal". The causal mask leaves the only query just the first key.
  // A click on the combo above it (closed again with Escape) puts the keyboard focus there; each
  // press then walks towards the Mask combo.
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Options/Score bias'))));
  await settle(page);
  await press(page, 'Escape');
  let walked = 0;
  for (;;) {
    const [focus, from, to] = await api(page, () => {
      const name = window.attention.focused();
      return [name, name && window.attention.rect(name), window.attention.rect('Options/Mask')];
    });
    if (focus === 'Options/Mask' || walked++ >= 10) break;
    await press(page, from && to && from.y > to.y ? 'ArrowUp' : 'ArrowDown');
  }
  check('the arrow keys reach the Mask combo', (await api(page, () => window.attention.focused())) === 'Options/Mask',
        `${walked} presses, focus on ${await api(page, () => window.attention.focused())}`);
  await press(page, 'Space');
  await settle(page);
  await press(page, 'ArrowDown');
  await press(page, 'Space');
  await settle(page);
  const state4 = await api(page, () => window.attention.state());
  const w4 = await weightsOf();
  check('picking causal sets the mask', state4.options.mask === 'causal', state4.options.mask);
  check('causal: the first query attends only to the first key', w4[0][0] === 1 && w4[0][1] === 0 && w4[0][2] === 0,
        JSON.stringify(w4));

  // 5. Clicking a mask cell toggles it: the mask becomes custom, the key is allowed again.
  const mask = await api(page, () => window.attention.rect('Trace/mask'));
  await page.mouse.click(mask.x + mask.w * (1.5 / 3), mask.y + mask.h / 2);
  await settle(page);
  const state5 = await api(page, () => window.attention.state());
  const w5 = await weightsOf();
  check('clicking mask cell (0, 1) makes the mask custom with that cell allowed',
        state5.options.mask === 'custom' && JSON.stringify(state5.matrices.mask) === '[[1,1,0]]', JSON.stringify(state5.matrices.mask));
  check('key 1 now has weight, and the row still sums to 1',
        w5[0][1] > 0 && w5[0][2] === 0 && Math.abs(w5[0].reduce((a, b) => a + b) - 1) < 1e-12, JSON.stringify(w5));
  await shot(page, 'mask-toggled.png');

  // 6. The form: self-attention projects the keys' sequence X; the explorer computes it at once.
  check('the Form combo offers "self"', await pick(page, 'Form', 'self'));
  const state6 = await api(page, () => window.attention.state());
  const trace6 = await api(page, () => window.attention.trace());
  check('self-attention brings X and its projections', ['X', 'W_Q', 'W_K', 'W_V'].every((m) => m in state6.matrices),
        Object.keys(state6.matrices).join(' '));
  check('and computes without an error', (await api(page, () => window.attention.error())) === null &&
        trace6.variant.startsWith('self/'), trace6.variant);

  // 7. Typing a value: double-click a cell, select its text, type, Enter.
  await api(page, () => window.attention.load(JSON.stringify({ variant: 'scaled_dot',
    tokens: { queries: ['it'], keys: ['the', 'cat', 'sat'] },
    matrices: { Q: [[1, 0.5]], K: [[0.2, 0.1], [1, 0.8], [-0.5, 0.3]], V: [[1, 0], [0, 1], [0.5, 0.5]] } })));
  await settle(page);
  const q = await api(page, () => window.attention.rect('Inputs/Q/0/0'));
  // A person's double-click spans animation frames; ImGui sees one press per frame.
  await doubleClick(page, cdp, ...centre(q));
  await press(page, 'Control', 'a');
  await page.keyboard.type('2.5');
  await press(page, 'Enter');
  await settle(page);
  const typed = (await api(page, () => window.attention.state())).matrices.Q[0][0];
  check('typing 2.5 into Q[0][0] sets it', typed === 2.5, String(typed));

  // 8. Inputs: add a key; paste into a cell with Ctrl+V; paste a whole row; rename a token.
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Inputs/add-key'))));
  await settle(page);
  const state8 = await api(page, () => window.attention.state());
  const w8 = await weightsOf();
  check('"+ key" adds a key to K, V and the labels', state8.matrices.K.length === 4 && state8.matrices.V.length === 4 &&
        state8.tokens.keys.length === 4 && w8[0].length === 4, JSON.stringify(state8.tokens.keys));
  check('the weights over four keys still sum to 1', Math.abs(w8[0].reduce((a, b) => a + b) - 1) < 1e-12);

  await page.evaluate(() => navigator.clipboard.writeText('0.75'));
  const k = await api(page, () => window.attention.rect('Inputs/K/0/1'));
  await doubleClick(page, cdp, ...centre(k));
  await press(page, 'Control', 'a');
  await press(page, 'Control', 'v');
  await settle(page);
  await press(page, 'Enter');
  await settle(page);
  const pastedCell = (await api(page, () => window.attention.state())).matrices.K[0][1];
  check('Ctrl+V pastes the browser clipboard into a cell', pastedCell === 0.75, String(pastedCell));

  async function rowMenu(name) {
    await page.mouse.click(...centre(await api(page, (n) => window.attention.rect(n), name)));
    await settle(page);
  }
  await page.evaluate(() => navigator.clipboard.writeText('[0.5, -0.25]'));
  await press(page, 'Control', 'v');  // the page learns the clipboard's text from a paste
  await rowMenu('Inputs/Q/row/0');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Inputs/row-menu/paste'))));
  await settle(page);
  const q8 = (await api(page, () => window.attention.state())).matrices.Q[0];
  check('"Paste row" reads a NumPy-style row into Q[0]', JSON.stringify(q8) === '[0.5,-0.25]', JSON.stringify(q8));

  await page.evaluate(() => navigator.clipboard.writeText('1 2 3'));
  await press(page, 'Control', 'v');
  await rowMenu('Inputs/Q/row/0');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Inputs/row-menu/paste'))));
  await settle(page);
  const q8b = (await api(page, () => window.attention.state())).matrices.Q[0];
  check('pasting three numbers into a row of two changes nothing', JSON.stringify(q8b) === '[0.5,-0.25]', JSON.stringify(q8b));

  await rowMenu('Inputs/K/row/1');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Inputs/row-menu/token'))));
  await press(page, 'Control', 'a');
  await page.keyboard.type('dog');
  await press(page, 'Enter');
  await press(page, 'Escape');
  await settle(page);
  const keys8 = (await api(page, () => window.attention.state())).tokens.keys;
  check('renaming key 1 in its row menu', keys8[1] === 'dog', JSON.stringify(keys8));
  await shot(page, 'inputs-edited.png');

  // 9. Geometry: drag the tip of key "the" and its row of K follows the mouse.
  const tip = await scrollIntoViewLeft(page, 'Geometry/K/0');
  check('the Geometry panel shows the tip of key 0', tip !== null);
  const k9 = (await api(page, () => window.attention.state())).matrices.K[0];
  const w9 = (await weightsOf())[0];
  await page.mouse.move(...centre(tip));
  await page.mouse.down();
  await page.mouse.move(tip.x + tip.w / 2 + 40, tip.y + tip.h / 2 - 60, { steps: 8 });
  await page.mouse.up();
  await settle(page);
  const k9b = (await api(page, () => window.attention.state())).matrices.K[0];
  const w9b = (await weightsOf())[0];
  check('dragging the tip right and up raises K[0]\'s two coordinates', k9b[0] > k9[0] && k9b[1] > k9[1],
        `${JSON.stringify(k9)} → ${JSON.stringify(k9b)}`);
  check('and the weights follow', w9b.some((w, j) => Math.abs(w - w9[j]) > 1e-6), `${w9} → ${w9b}`);
  await shot(page, 'geometry-dragged.png');

  // 10. Compare: tick the box, pick "causal vs none"; B masks the keys after the query.
  await scrollIntoView(page, 'Compare/on');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Compare/contrast'))));
  await settle(page);
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Compare/contrast/causal vs none'))));
  await settle(page);
  const cmp = await api(page, () => window.attention.compare());
  check('comparing with a causal mask gives B = all weight on the first key',
        cmp && cmp.variant === 'scaled_dot+causal' && cmp.weights[0][0] === 1 && cmp.largest > 0, JSON.stringify(cmp));
  await shot(page, 'compare.png');

  // 11. Multi-head: one heatmap per head, and the concatenation and output.
  await api(page, () => window.attention.load(document.querySelector('body') && JSON.stringify({
    variant: 'scaled_dot', form: 'multi_head', options: { heads: 2 },
    tokens: { queries: ['the', 'cat', 'sat'], keys: ['the', 'cat', 'sat'] },
    matrices: { X: [[1, 0, 1, 0], [0, 2, 0, 2], [1, 1, 1, 1]],
                W_Q: [[1, 0, 0, 1], [0, 1, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]],
                W_K: [[1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]],
                W_V: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
                W_O: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] } })));
  await settle(page);
  const heads = await api(page, () => ['Trace/head0.weights', 'Trace/head1.weights', 'Trace/output'].map((n) => window.attention.rect(n)));
  check('the multi-head panel shows both heads and the output', heads.every((r) => r && r.w > 0), JSON.stringify(heads));
  await shot(page, 'multi-head.png');

  // 12. Weights per query: clicking a row of the weights heatmap shows that query as bars; token
  //     links are drawn; copying a row reaches the browser's clipboard.
  await scrollIntoView(page, 'Trace/weights');
  const wm = await api(page, () => window.attention.rect('Trace/weights'));
  await page.mouse.click(wm.x + wm.w / 2, wm.y + wm.h * (2.5 / 3), { delay: 80 });
  await settle(page);
  check('clicking row 2 of the weights heatmap selects query 2 for the bars',
        (await api(page, () => window.attention.view())).selected_query === 2);
  check('the token links are drawn', (await api(page, () => window.attention.rect('Trace/links'))) !== null);
  await scrollIntoViewLeft(page, 'Inputs/X/row/1');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Inputs/X/row/1'))));
  await settle(page);
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Inputs/row-menu/copy'))));
  await settle(page);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check('"Copy row" puts X[1] on the browser clipboard', copied.split(',').map(Number).join() === '0,2,0,2', copied);

  // 12b. Using the context: Luong's attentional vector, explained on hover.
  await api(page, () => window.attention.load(JSON.stringify({ variant: 'general', options: { use: 'concat_tanh' },
    tokens: { queries: ['it', 'sat'], keys: ['the', 'cat', 'sat'] },
    matrices: { Q: [[1, 0], [0, 1]], K: [[1, 0], [0, 1], [1, 1]], V: [[1, 2], [3, 4], [5, 6]], W_a: [[1, 0], [0, 1]],
                H: [[1, 0], [0, 1]], W_c: [[0.5, 0, 1, 0], [0, 0.5, 0, 1]] } })));
  await settle(page);
  const use = await scrollIntoView(page, 'Use/attentional');
  await page.mouse.move(use.x + use.w * 0.25, use.y + use.h * 0.25);
  await settle(page);
  const h12 = await api(page, () => window.attention.hover());
  check('hovering the attentional vector explains h̃ = tanh(W_c [c; h])',
        h12 && h12.step === 'attentional' && h12.text.startsWith('h̃₀,₀ = tanh('), h12 && h12.text);

  // 13. The diagnostics in words, on screen and in the text view.
  const readings = await api(page, () => window.attention.readings());
  const queries = (await api(page, () => window.attention.state())).tokens.queries;
  check('readings() has one sentence per query, each naming it',
        readings.length === queries.length && readings.every((r, t) => r.startsWith(`"${queries[t]}" `)), readings.join(' | '));
  await page.waitForFunction((n) => document.querySelectorAll('#text-readings li').length === n, queries.length,
                             { timeout: 3000 }).catch(() => {});
  check('the text view lists the readings and the weights table',
        (await page.textContent('#text-readings')).includes(readings[0]) &&
        (await page.locator('#text-weights tr').count()) === queries.length + 1);

  // 13. Cost: in view, it starts measuring on its own, a slice per frame, until n = 4096; memory
  //     grows as n², n and not at all, and standard attention's time grows faster than linear
  //     attention's. "Measure again" measures anew.
  await scrollIntoView(page, 'Panel/cost');
  await page.waitForFunction(() => window.attention.cost().running || window.attention.cost().points.length > 0, null,
                             { timeout: 30000 }).catch(() => {});
  const firstPoints = await page.waitForFunction(() => window.attention.cost().points.length >= 3, null, { timeout: 60000 })
    .then(() => true, () => false);
  check('the Cost panel in view measures on its own: never an empty plot', firstPoints);
  await page.waitForFunction(() => !window.attention.cost().running, null, { timeout: 180000 }).catch(() => {});
  await scrollIntoView(page, 'Cost/measure');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Cost/measure'))));
  check('"Measure again" measures anew', await page.waitForFunction(() => window.attention.cost().running, null,
                                                                     { timeout: 30000 }).then(() => true, () => false));
  await page.waitForFunction(() => !window.attention.cost().running && window.attention.cost().points.length > 0, null,
                             { timeout: 180000 }).catch(() => {});
  const cost = await api(page, () => window.attention.cost());
  const at = (algorithm, n) => cost.points.find((p) => p.algorithm === algorithm && p.n === n);
  check('the sweep measures 3 algorithms × 9 sizes', cost.points.length === 27, String(cost.points.length));
  if (cost.points.length === 27) {
    check('standard memory grows 16× from n = 1024 to 4096, linear not at all',
          at('standard', 4096).bytes === 16 * at('standard', 1024).bytes && at('linear', 4096).bytes === at('linear', 1024).bytes);
    const growth = (a) => at(a, 4096).ms / at(a, 1024).ms;
    check('standard time grows faster with n than linear time', growth('standard') > growth('linear'),
          `standard ×${growth('standard').toFixed(1)}, linear ×${growth('linear').toFixed(1)}`);
  }
  await scrollIntoView(page, 'Cost/time');
  await shot(page, 'cost.png');

  // 14. Classroom: the light high-contrast theme and 300 % scale, by mouse.
  await scrollIntoViewLeft(page, 'Options/Light theme');
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Options/Light theme'))));
  await settle(page);
  const light = await page.screenshot();
  writeFileSync(join(artifactsDir(), 'light-theme.png'), light);
  check('the light theme is on', (await api(page, () => window.attention.view())).light_theme === true);
  check('and the page is mostly white', (await meanLuma(page, light)) > 180, String(await meanLuma(page, light)));
  const slider = await api(page, () => window.attention.rect('Options/UI scale'));
  await page.mouse.click(slider.x + slider.w - 2, slider.y + slider.h / 2, { delay: 80 });  // held, as by a person
  await settle(page);  // the font atlas is rebuilt for the new size within these frames
  const view = await api(page, () => window.attention.view());
  check('clicking the UI scale slider\'s right end sets 300 %', view.ui_scale > 2.9, String(view.ui_scale));
  await shot(page, 'scale-300.png');
  check('no console errors', errors.length === 0, errors.join(' | '));
  const violated = await violations();
  check('no Content-Security-Policy violation while every panel is used', violated.length === 0, violated.join(' | '));
} catch (e) {
  check('the panels test ran to the end', false, e.stack);
} finally {
  await context.close();
  server.close();
  report();
}
