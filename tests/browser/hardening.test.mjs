// hardening.test.mjs — no input kills the page, shows a wrong number or loses a learner's work:
// the Content-Security-Policy holds, large scenarios load through load(), the file picker, a drop
// and a paste, those over the page's limits are refused with a message naming the limit, a cell
// takes only a whole number, double-clicks are timed by the events, and memory stays flat.
//   node tests/browser/hardening.test.mjs build/web/site
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, checker, openExplorer, press, framesPass, doubleClick, centre } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const context = await launch({ viewport: { width: 1400, height: 900 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write']);
const api = (page, f, ...args) => page.evaluate(f, ...args);
const files = mkdtempSync(join(tmpdir(), 'attention-files-'));

// A plain scenario of T queries, S keys and width d, in full precision (17 significant digits at
// most, as a NumPy export writes them): T = S = 384, d = 64 is 1.4 M characters.
function scenario(T, S, d, seed = 1) {
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const m = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, rand));
  return { variant: 'scaled_dot', matrices: { Q: m(T, d), K: m(S, d), V: m(S, d) } };
}
// Multi-head self-attention over T tokens of width 1, one head.
const mhScenario = (T) => ({ form: 'multi_head', options: { heads: 1 }, matrices: {
  X: Array.from({ length: T }, (_, t) => [Math.sin(t)]), W_Q: [[1]], W_K: [[1]], W_V: [[1]], W_O: [[1]] } });
const still = async (page) => {  // every API call still answers, with the scenario it had
  const [version, state] = await api(page, () => [window.attention.version(), window.attention.state()]);
  return typeof version === 'number' && Array.isArray(state.matrices.Q);
};

try {
  const { page, errors, violations } = await openExplorer(context, server.url);

  // 1. The policy: scripts from the page's folder only, no inline script, no eval.
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  check('the page ships a Content-Security-Policy with script-src \'self\' \'wasm-unsafe-eval\'',
        policy && policy.includes("script-src 'self' 'wasm-unsafe-eval'") && !policy.includes('unsafe-inline'), policy);
  check('no inline event handler in the page', await api(page, () =>
    [...document.querySelectorAll('*')].every((e) => [...e.attributes].every((a) => !a.name.startsWith('on')))));

  // 2. A large load(): 1.4 M characters went onto Emscripten's 5 MiB stack and killed the page.
  const large = JSON.stringify(scenario(384, 384, 64));
  check('the T = S = 384, d = 64 scenario is over 1.31 M characters', large.length > 1.31e6, String(large.length));
  const loaded = await api(page, (text) => window.attention.load(text), large);
  check('load() takes it', loaded === null, loaded);
  const back = await api(page, () => {
    const w = window.attention.trace(['weights']).steps[0];
    return { shape: w.shape, sum: w.data[383].reduce((a, b) => a + b, 0), Q: window.attention.state().matrices.Q[383][63] };
  });
  check('its weights are 384 × 384 and sum to 1', back.shape[0] === 384 && Math.abs(back.sum - 1) < 1e-12, JSON.stringify(back));
  check('state() gives back the very numbers loaded', back.Q === JSON.parse(large).matrices.Q[383][63]);

  // Numbers leave the page in their shortest form: nlohmann's dump() wrote 0.24472847105479761.
  await api(page, (s) => window.attention.load(s), '{"matrices": {"Q": [[0.2447284710547976]], "K": [[1]], "V": [[1]]}}');
  const stateText = await api(page, () => window.Module.ccall('attention_state_json', 'string', [], []));
  check('state() writes 0.2447284710547976, its shortest form', stateText.includes('[[0.2447284710547976]]'), stateText);
  check('trace() agrees', (await api(page, () => window.attention.trace(['Q']).steps[0].data[0][0])) === 0.2447284710547976);
  await api(page, (text) => window.attention.load(text), large);

  // 3. Over the page's limits: refused with a message naming the limit, and nothing changes.
  const huge = JSON.stringify({ ...scenario(1, 1, 1), description: 'x'.repeat(33 * 1048576) });
  const refusedText = await api(page, (text) => window.attention.load(text), huge);
  check('a 33 MiB scenario is refused naming the page\'s limit', refusedText && refusedText.includes("page's limit of 32 MiB"),
        refusedText);
  const Y = { form: 'multi_head', options: { heads: 16 }, matrices: { X: Array.from({ length: 1024 }, () => [0]), Y: [[]],
    W_Q: [Array(16).fill(1)], W_K: [Array(16).fill(1)], W_V: [Array(16).fill(1)], W_O: Array.from({ length: 16 }, () => [1]) } };
  const refusedY = await api(page, (s) => window.attention.load(s), Y);
  check('"Y": [[]] counts as absent: T·S·n_h = 1024·1024·16 is refused', refusedY && refusedY.includes('1024·1024·16') &&
        refusedY.includes("page's limit"), refusedY);
  const twoHeads = { ...mhScenario(1024), options: { heads: 2 } };
  twoHeads.matrices = { ...twoHeads.matrices, W_Q: [[1, 1]], W_K: [[1, 1]], W_V: [[1, 1]], W_O: [[1], [1]] };
  const refusedCells = await api(page, (s) => window.attention.load(s), twoHeads);
  check('T·S over the page\'s 2²⁰ score cells is refused', refusedCells && refusedCells.includes("page's limit of 1048576"), refusedCells);
  check('after the refusals the page answers with the scenario it had', await still(page) &&
        (await api(page, () => window.attention.state().matrices.Q.length)) === 384);

  // 4. Within the limits, trace() serialises and the text view reads out only what it shows.
  const mh = mhScenario(1024);
  check('multi-head T = 1024, d = 1 loads', (await api(page, (s) => window.attention.load(s), mh)) === null);
  const mhTrace = await api(page, () => {
    const t = window.attention.trace();
    return { steps: t.steps.length, rows: t.diagnostics.rows.length, cells: t.steps.find((s) => s.id === 'weights').data.flat().length };
  });
  check('its whole trace() serialises', mhTrace.rows === 1024 && mhTrace.cells === 1024 * 1024, JSON.stringify(mhTrace));
  await page.waitForFunction(() => document.querySelectorAll('#text-weights tr').length === 13, null, { timeout: 20000 }).catch(() => {});
  check('the text view reads out 12 of the 1024 queries and says so',
        (await page.textContent('#text-weights caption')).includes('the first 12 of 1024 queries'),
        await page.textContent('#text-weights caption'));

  // An edit past the limits is undone, so the scenario stays one that load() takes.
  const addToken = await api(page, () => window.attention.rect('Inputs/add-token'));
  await page.mouse.click(...centre(addToken));
  await page.waitForFunction(() => window.attention.message() !== null, null, { timeout: 10000 }).catch(() => {});
  const undone = await api(page, () => ({ message: window.attention.message(), rows: window.attention.state().matrices.X.length }));
  check('a token past T·S ≤ 2²⁰ is undone with the limit named', undone.rows === 1024 &&
        undone.message.includes("page's limit of 1048576") && undone.message.endsWith('the edit was undone'), JSON.stringify(undone));

  // 5. File picker, drop and paste.
  const file = join(files, 'week3.json');
  writeFileSync(file, large);
  const open = await api(page, () => window.attention.rect('Options/open-file'));
  check('the Options panel has "Open scenario file…"', open !== null);
  await api(page, (s) => window.attention.load(s), scenario(2, 3, 2));
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await page.mouse.click(...centre(open));
  await (await chooser).setFiles(file);
  await page.waitForFunction(() => window.attention.state().matrices.Q.length === 384, null, { timeout: 20000 }).catch(() => {});
  check('a file chosen in the picker opens', (await api(page, () => window.attention.state().matrices.Q.length)) === 384);
  writeFileSync(join(files, 'broken.json'), '{"matrices": {"Q": [[1, 2], [3]]}}');
  const chooser2 = page.waitForEvent('filechooser', { timeout: 5000 });
  await page.mouse.click(...centre(await api(page, () => window.attention.rect('Options/open-file'))));
  await (await chooser2).setFiles(join(files, 'broken.json'));
  await page.waitForFunction(() => window.attention.message() !== null, null, { timeout: 5000 }).catch(() => {});
  check('a broken file is refused with its name and the field', (await api(page, () => window.attention.message())) ===
        'broken.json: matrices.Q[1]: has 1 entries but row 0 has 2', await api(page, () => window.attention.message()));
  check('and the scenario stays', (await api(page, () => window.attention.state().matrices.Q.length)) === 384);
  const dropped = await api(page, (text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, JSON.stringify(scenario(5, 6, 3)));
  await page.waitForFunction(() => window.attention.state().matrices.Q.length === 5, null, { timeout: 5000 }).catch(() => {});
  check('a file dropped on the page opens', dropped === undefined && (await api(page, () => window.attention.state().matrices.K.length)) === 6);
  await api(page, (text) => navigator.clipboard.writeText(text), large);
  const canvas = await api(page, () => window.attention.rect('Trace'));
  await page.mouse.click(canvas.x + 4, canvas.y + canvas.h - 4);
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
  await page.waitForFunction(() => window.attention.state().matrices.Q.length === 384, null, { timeout: 20000 }).catch(() => {});
  check('1.4 M characters pasted with Ctrl+V outside any field open', (await api(page, () => window.attention.state().matrices.Q.length)) === 384);

  // 6. A cell takes a number only when its whole text is one.
  await api(page, (s) => window.attention.load(s), { variant: 'scaled_dot', matrices: { Q: [[0.5, 1]], K: [[1, 0], [0, 1]], V: [[1], [2]] } });
  await framesPass(page);
  const cdp = await context.newCDPSession(page);
  async function type(text) {
    await framesPass(page);
    const cell = await api(page, () => window.attention.rect('Inputs/Q/0/0'));
    await doubleClick(page, cdp, ...centre(cell));
    await page.waitForFunction(() => window.attention.view().typing_cell === 'Q/0/0', null, { timeout: 10000 }).catch(() => {});
    await press(page, 'Control', 'a');
    await press(page, 'Backspace');
    for (const ch of text) { await page.keyboard.type(ch); await framesPass(page, 1); }
    await press(page, 'Enter');
    await framesPass(page);
    return api(page, () => ({ q: window.attention.state().matrices.Q[0][0], message: window.attention.message(),
                              typing: window.attention.view().typing_cell }));
  }
  const comma = await type('1,5');
  check('typing "1,5" and Enter gives 1.5, says how it was read and closes the cell',
        comma.q === 1.5 && comma.message === 'Q[0][0]: 1,5 read as 1.5' && comma.typing === null,
        JSON.stringify(comma));
  for (const bad of ['2*3', '0x10', 'abc', 'nan', '']) {
    const r = await type(bad);
    check(`typing "${bad}" keeps 1.5 and says why`, r.q === 1.5 && r.message && r.message.startsWith('Q[0][0]: ') &&
          r.message.endsWith('; it keeps 1.5'), JSON.stringify(r));
  }
  const over = await type('1e400');
  check('typing "1e400" keeps 1.5: the scenario never holds a value load() refuses', over.q === 1.5 &&
        over.message.includes('outside the supported range'), JSON.stringify(over));
  check('and load(state()) takes the state back', (await api(page, () => window.attention.load(window.attention.state()))) === null);

  // 7. Double-clicks are timed by the events, not by frames: presses 230 ms apart by their own
  //    timestamps open the cell even when 600 ms pass between the frames that see them, and
  //    presses 500 ms apart do not, however close the frames come.
  async function clicks(gapSeconds, waitMs) {
    await framesPass(page);  // the layout after the last change (a message line may have gone)
    const cell = await api(page, () => window.attention.rect('Inputs/Q/0/1'));
    const [x, y] = centre(cell);
    const t0 = Date.now() / 1000;
    const at = (type, clickCount, t) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount, timestamp: t });
    await at('mousePressed', 1, t0);
    await at('mouseReleased', 1, t0 + 0.03);
    await framesPass(page);  // the presses reach ImGui in different frames
    await page.waitForTimeout(waitMs);
    await at('mousePressed', 2, t0 + gapSeconds);
    await at('mouseReleased', 2, t0 + gapSeconds + 0.03);
    await framesPass(page, 3);
    const typing = await api(page, () => window.attention.view().typing_cell);
    await press(page, 'Escape');
    return typing;
  }
  check('presses 230 ms apart by their timestamps, 600 ms apart in frames, open the cell',
        (await clicks(0.23, 600)) === 'Q/0/1');
  check('presses 500 ms apart by their timestamps, in quick frames, do not', (await clicks(0.5, 0)) === null);

  // 8. Memory stays flat over 10,000 loads and recomputes (the JS API, no waiting for frames).
  const memory = await api(page, () => {
    const a = JSON.stringify({ variant: 'scaled_dot', matrices: { Q: [[1, 2]], K: [[1, 0], [0, 1]], V: [[1], [2]] } });
    const b = JSON.stringify({ variant: 'dot', options: { mask: 'causal' }, matrices: { Q: [[1], [2], [3]], K: [[1], [0], [2]], V: [[1], [2], [3]] } });
    const bytes = () => window.Module.HEAP8.length;
    for (let i = 0; i < 1000; i++) window.attention.load(i % 2 ? a : b);
    const warm = bytes();
    for (let i = 0; i < 10000; i++) { window.attention.load(i % 2 ? a : b); if (i % 100 === 0) window.attention.trace(); }
    return { warm, after: bytes() };
  });
  check('10,000 loads leave the WASM memory where it was', memory.after === memory.warm, JSON.stringify(memory));

  check('every API call still answers', await still(page));
  check('no console errors', errors.length === 0, errors.join(' | '));
  const violated = await violations();
  check('no Content-Security-Policy violation', violated.length === 0, violated.join(' | '));
  // Last, since each refusal is itself reported as a violation: an inline and a remote script.
  const blocked = await api(page, async () => {
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(inline);
    const remote = document.createElement('script');
    remote.src = 'http://127.0.0.2:9/remote.js';
    const loaded = new Promise((ok) => { remote.onload = () => ok(true); remote.onerror = () => ok(false); });
    document.head.appendChild(remote);
    return { inline: window.__inlineRan === true, remote: await loaded };
  });
  check('an inline and a remote script are refused by the policy', !blocked.inline && !blocked.remote, JSON.stringify(blocked));
} catch (e) {
  check('the hardening test ran to the end', false, e.stack);
} finally {
  await context.close();
  server.close();
  report();
}
