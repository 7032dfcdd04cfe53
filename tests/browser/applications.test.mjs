// applications.test.mjs — every application opens from the Preset box with the real mouse and
// draws its view: the named items of each (attention.rects()) are on screen inside the Application
// panel; a caption word chosen by its button and a graph node chosen by a click select that query;
// hovering the picture explains a weight. Screenshots of every view at 1920 × 1080 and 200 %,
// checked against the layout rules.
//   node tests/browser/applications.test.mjs build/web/site
import { join } from 'node:path';
import { layoutProblems } from '../layout/check_layout.mjs';
import { serve, launch, checker, openExplorer, framesPass, steps, itemRect, clickItem, artifactsDir } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const context = await launch({ viewport: { width: 1920, height: 1080 } });

// What each view must show: its items by name, as the layout checks read them.
const kItems = {
  translation: ['Application/translation/matrix', 'Application/translation/links', 'Application/translation/input/0',
                'Application/translation/output/4'],
  image: ['Application/image', 'Application/image/legend', 'Application/query/0', 'Application/query/4'],
  speech: ['Application/speech/spectrogram', 'Application/speech/alignment', 'Application/speech/char/2'],
  graph: ['Application/graph', 'Application/graph/node/0', 'Application/graph/node/4', 'Application/graph/label/2'],
  sentiment: ['Application/sentiment/review', 'Application/sentiment/word/0', 'Application/sentiment/word/8',
              'Application/sentiment/context'],
  series: ['Application/series', 'Application/series/forecast', 'Application/series/bar/0', 'Application/series/bar/11'],
};
const inside = (r, box) => r.x >= box.x - 1 && r.x + r.w <= box.x + box.w + 1 && r.w > 0 && r.h > 0;

await steps(check, 'the applications test', async () => {
  const { page, errors } = await openExplorer(context, server.url);
  const api = (f, arg) => page.evaluate(f, arg);
  const apps = (await api(() => window.attention.about().presets)).filter((p) => p.application);
  check('the Preset box offers one application of each view',
        Object.keys(kItems).every((v) => apps.some((a) => a.application === v)) && apps.length === 6, JSON.stringify(apps));
  for (const app of apps) {
    await clickItem(page, 'Options/Preset');
    await clickItem(page, `Options/Preset/${app.name}`);
    const state = await api(() => window.attention.state());
    check(`${app.application}: the Preset box opens "${app.name}"`, state.application?.view === app.application,
          JSON.stringify(state.application));
    const rects = await api(() => window.attention.rects());
    const panel = rects['Panel/application'];
    const missing = kItems[app.application].filter((n) => !rects[n] || !inside(rects[n], panel));
    check(`${app.application}: its view's items are drawn inside the Application panel`, panel && missing.length === 0,
          missing.join(' '));
    if (app.application === 'image') {
      await clickItem(page, 'Application/query/1');
      check('image: a caption word\'s button selects it', (await api(() => window.attention.view().selected_query)) === 1);
      const box = await itemRect(page, 'Application/image');
      await page.mouse.move(box.x + box.w * 5 / 6, box.y + box.h / 6);  // the region of the sun
      await framesPass(page, 3);
      const hover = await api(() => window.attention.hover());
      check('image: hovering a region explains the selected word\'s weight on it',
            hover?.step === 'weights' && hover.row === 1 && hover.col === 2 && /^w₁,₂ = /.test(hover.text), JSON.stringify(hover));
    }
    if (app.application === 'graph') {
      await clickItem(page, 'Application/graph/node/2');
      check('graph: a click on a node selects it', (await api(() => window.attention.view().selected_query)) === 2);
    }
    // 200 % on the 1080p screen: the view stays within its panel and no text covers another.
    await api(() => window.attention.setView({ ui_scale: 2 }));
    await framesPass(page, 3);
    const big = await api(() => window.attention.rects());
    const problems = layoutProblems(big, { width: 1920, height: 1080 });
    check(`${app.application}: at 200 % nothing overlaps or leaves its panel`, problems.length === 0,
          problems.slice(0, 5).join('; '));
    await page.mouse.move(5, 1075);  // no hover over the view in the picture
    await framesPass(page, 3);
    await page.screenshot({ path: join(artifactsDir(), `application-${app.application}-1920x1080-200.png`) });
    await api(() => window.attention.setView({ ui_scale: 1 }));
    await framesPass(page, 3);
  }
  check('no errors in the console', errors.length === 0, errors.join('\n'));
}, async () => {
  await context.close();
  await server.close();
  report();
});
