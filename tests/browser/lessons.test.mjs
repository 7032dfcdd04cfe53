// lessons.test.mjs — a lesson walked end to end as a presenter and a learner would: opened from
// "Start here" and the Lesson box with the real mouse, stepped with PageDown / PageUp and the
// arrow keys, a choice and a number answered wrong (feedback) and then right, a task completed by
// dragging a cell with the mouse, focus mode; the page API (lessons, openLesson, lesson) and its
// refusals, a lesson file opened as a file, lesson= in the address (a built-in id, a file of the
// page's origin); folding every panel at once. Screenshots of the lesson bar and of focus mode at
// 1920 × 1080 and 200 %.
//   node tests/browser/lessons.test.mjs build/web/site
import { join } from 'node:path';
import { layoutProblems } from '../layout/check_layout.mjs';
import { serve, launch, checker, openExplorer, press, framesPass, steps, itemRect, clickItem, dragItem,
         artifactsDir } from './harness.mjs';

const site = process.argv[2];
const { check, report } = checker();
const server = await serve(site);
const context = await launch({ viewport: { width: 1366, height: 900 } });
let projector = null;
await steps(check, 'the lessons test', async () => {
  const { page, errors } = await openExplorer(context, server.url);
  const api = (f, arg) => page.evaluate(f, arg);
  const lesson = () => api(() => window.attention.lesson());
  const shown = async (name) => (await itemRect(page, name)) !== null;
  const shot = (p, name) => p.screenshot({ path: join(artifactsDir(), name) });

  // 0. For a projector: every panel folded at once, and opened again.
  await clickItem(page, 'Options/Fold all');
  check('"Fold all" folds every panel', (await api(() => window.attention.view().folded)).length ===
        (await api(() => window.attention.about().panels.length)));
  await clickItem(page, 'Panel/options');
  await clickItem(page, 'Options/Open all');
  check('"Open all" opens them again', (await api(() => window.attention.view().folded)).length === 0);

  // The first screen says where to start.
  await clickItem(page, 'Header/start');
  check('"Start here" opens the first lesson', (await lesson())?.id === 'why-attention');
  await api(() => window.attention.openLesson(null));
  await framesPass(page, 3);

  // 1. The page lists the built-in lessons; none is open yet.
  const list = await api(() => window.attention.lessons());
  check('attention.lessons() lists the built-in lessons', list.length >= 3 && list.some((l) => l.id === 'by-hand'),
        JSON.stringify(list));
  check('each with its title and number of steps', list.every((l) => l.title && l.steps > 0));
  check('no lesson is open at first', (await lesson()) === null);
  const view0 = await api(() => window.attention.view());

  // 2. Open "One query, by hand" from the Lesson box with the real mouse.
  await clickItem(page, 'Options/Lesson');
  await clickItem(page, 'Options/Lesson/by-hand');
  let now = await lesson();
  check('the Lesson box opens the lesson at its first step', now && now.id === 'by-hand' && now.step === 0 && now.steps === 5,
        JSON.stringify(now));
  check('the lesson bar shows the step and its question', (await shown('Lesson/text')) && (await shown('Lesson/choice/0')));
  check('the header names the lesson', (await shown('Header/title')));
  check('the page\'s text view reads the step out, for screen readers', await page.waitForFunction(
    () => /^Lesson "One query, by hand", step 1 of 5: A query and three keys\. The word it .* Question: Which key will it attend to most\? Choices: the; cat; sat/
      .test(document.getElementById('text-lesson').textContent), null, { timeout: 10000 }).then(() => true, () => false),
        await api(() => document.getElementById('text-lesson').textContent));
  const stepView = await api(() => window.attention.view());
  check('the step\'s panels are shown and open, the others hidden',
        JSON.stringify(stepView.panels) === JSON.stringify(['inputs', 'geometry']) && !stepView.folded.includes('inputs'),
        JSON.stringify(stepView));
  await shot(page, 'lesson-step1.png');

  // 3. A wrong choice gets its feedback; the right one is answered.
  await clickItem(page, 'Lesson/choice/0');
  check('a wrong choice shows its feedback', await shown('Lesson/feedback'));
  check('and leaves the question unanswered', (await lesson()).answered === false);
  check('"Show the answer" is offered', await shown('Lesson/reveal'));
  await clickItem(page, 'Lesson/choice/1');
  check('the right choice answers it', (await lesson()).answered === true);
  check('and explains', (await shown('Lesson/explain')) && !(await shown('Lesson/feedback')));

  // 4. PageDown, as a presenter's clicker sends it: the next step, with its scenario.
  await press(page, 'PageDown');
  await framesPass(page, 3);
  check('PageDown goes to the next step', (await lesson()).step === 1);
  await press(page, 'PageUp');
  await framesPass(page, 3);
  now = await lesson();
  check('PageUp goes back, and the answered question stays answered', now.step === 0 && now.answered, JSON.stringify(now));
  await press(page, 'ArrowRight');
  await framesPass(page, 3);
  check('the right arrow goes to the next step too', (await lesson()).step === 1);

  // 5. A number question: a wrong number gets the too-high feedback, the right one is answered.
  await clickItem(page, 'Lesson/answer');
  await page.keyboard.type('0.5');
  await press(page, 'Enter');
  await framesPass(page, 3);
  check('a wrong number gets its feedback', (await shown('Lesson/feedback')) && !(await lesson()).answered);
  await clickItem(page, 'Lesson/answer');
  await press(page, 'Control', 'a');
  await page.keyboard.type('0.25');
  await clickItem(page, 'Lesson/check');
  check('the right number answers it', (await lesson()).answered === true);

  // 6. To the last step (clicking Next), whose task is met by dragging Q[0][0] to the right.
  for (let i = 0; i < 3; i++) await clickItem(page, 'Lesson/next');
  now = await lesson();
  check('Next walks to the last step', now.step === 4 && now.task_done === false, JSON.stringify(now));
  await dragItem(page, 'Inputs/Q/0/0', 450);
  const q00 = await api(() => window.attention.state().matrices.Q[0][0]);
  const cat = (await api(() => window.attention.trace(['weights']))).steps[0].data[0][1];
  check('dragging Q[0][0] raised it', q00 > 4, String(q00));
  check('the weight on cat passed 0.9, and the task is ticked off', cat > 0.9 && (await lesson()).task_done === true,
        JSON.stringify({ cat, lesson: await lesson() }));
  await shot(page, 'lesson-task-done.png');
  await clickItem(page, 'Lesson/reset');
  check('"Reset this step" restores its scenario', (await api(() => window.attention.state().matrices.Q[0][0])) === 1);
  check('and the task stays done', (await lesson()).task_done === true);

  // 7. Focus mode: the step's panels in one column at the full width, without the header.
  check('the step shows only its panels', JSON.stringify(await api(() => window.attention.view().panels)) ===
        JSON.stringify(['inputs', 'weights', 'pipeline']));
  await clickItem(page, 'Lesson/focus');
  const inputs = await itemRect(page, 'Panel/inputs'), weights = await itemRect(page, 'Panel/weights');
  check('focus mode lays the panels out one above the other, at the full width',
        inputs && weights && Math.abs(inputs.x - weights.x) < 2 && weights.y > inputs.y && weights.w > 1366 * 0.9,
        JSON.stringify({ inputs, weights }));
  check('without the header', (await itemRect(page, 'Header/title')) === null && (await lesson()).focus === true);
  await clickItem(page, 'Lesson/close');
  check('Close ends the lesson', (await lesson()) === null);
  const view1 = await api(() => window.attention.view());
  check('and the panels and folds from before it are back',
        JSON.stringify([view1.panels, view1.folded]) === JSON.stringify([view0.panels, view0.folded]),
        JSON.stringify([view0.panels, view0.folded, view1.panels, view1.folded]));

  // 8. The API: open by id at a step, a lesson object, and refusals that change nothing.
  check('openLesson(id, step) opens there', (await api(() => window.attention.openLesson('scores', 2))) === null &&
        (await lesson()).step === 2);
  const before = await lesson();
  check('an unknown id is refused', (await api(() => window.attention.openLesson('nope'))).includes('no lesson has the id'));
  check('a step past the end is refused', (await api(() => window.attention.openLesson('scores', 9))).includes('steps 0 to 3'));
  check('a step that is no whole number is refused', (await api(() => window.attention.openLesson('scores', 1.5))) !== null);
  check('a broken lesson names its field', (await api(() => window.attention.openLesson({ id: 'x', title: 'X', summary: 'S',
    steps: [{ text: 'no scenario' }] }))).startsWith('steps[0]: the first step needs a "scenario"'));
  check('and nothing changed', JSON.stringify(await lesson()) === JSON.stringify(before));
  const own = { id: 'own', title: 'A teacher\'s lesson', summary: 'Written without compiling.',
                steps: [{ text: 'Look at *the weights*: {weights[0][1]}.', scenario: await api(() => window.attention.state()) }] };
  check('a lesson object opens', (await api((l) => window.attention.openLesson(l), own)) === null && (await lesson()).id === 'own');
  check('openLesson(null) closes it', (await api(() => window.attention.openLesson(null))) === null && (await lesson()) === null);
  check('a lesson file opened as a file opens as a lesson',
        (await api((l) => window.attention.open(JSON.stringify(l), 'week3.json'), own)) === null && (await lesson()).id === 'own');
  check('a broken one is named in the message bar',
        (await api(() => window.attention.open('{"id": "x", "steps": []}', 'week4.json'))) !== null &&
        (await api(() => window.attention.message())).startsWith('week4.json: '));

  // 8b. The page's address opens a lesson: a built-in one, or a lesson file of the page's origin.
  const opened = async (query) => {
    const p = (await openExplorer(context, `${server.url}?${query}`)).page;
    await p.waitForFunction(() => window.attention.lesson() || window.attention.message(), null, { timeout: 30000 });
    const result = await p.evaluate(() => ({ lesson: window.attention.lesson(), message: window.attention.message() }));
    await p.close();
    return result;
  };
  let got = await opened('lesson=scores&step=1');
  check('lesson=scores&step=1 opens that step', got.lesson?.id === 'scores' && got.lesson.step === 1, JSON.stringify(got));
  got = await opened('lesson=lessons/02-by-hand.json&step=2');
  check('lesson=<a file beside the page> opens it', got.lesson?.id === 'by-hand' && got.lesson.step === 2, JSON.stringify(got));
  got = await opened('lesson=lessons/nope.json');
  check('a lesson file that is not there is named', /lessons\/nope\.json: cannot read it \(404/.test(got.message), JSON.stringify(got));
  got = await opened('lesson=https://elsewhere.example/l.json');
  check('another origin\'s lesson is refused', /own origin/.test(got.message), JSON.stringify(got));

  check('no console errors', errors.length === 0, errors.join('\n'));

  // 9. Focus mode on a 1080p projector at 200 %, in a browser window of that size.
  await context.close();
  projector = await launch({ viewport: { width: 1920, height: 1080 } });
  const p2 = (await openExplorer(projector, server.url)).page;

  // A page of its own keeps the open lesson: a reload comes back to the same step.
  await p2.evaluate(() => window.attention.openLesson('masks', 1));
  await framesPass(p2, 3);
  await p2.reload();
  await p2.evaluate(() => window.attention.ready);
  const back = await p2.evaluate(() => window.attention.lesson());
  check('a reload comes back to the open lesson\'s step', back?.id === 'masks' && back.step === 1, JSON.stringify(back));
  for (const [id, step] of [['why-attention', 1], ['by-hand', 4], ['scores', 3]]) {
    await p2.evaluate(() => window.attention.setView({ ui_scale: 2 }));
    await p2.evaluate(([i, s]) => window.attention.openLesson(i, s), [id, step]);
    await framesPass(p2, 3);
    if (!(await p2.evaluate(() => window.attention.lesson().focus))) await clickItem(p2, 'Lesson/focus');
    await framesPass(p2, 3);
    const rects = await p2.evaluate(() => window.attention.rects());
    check(`${id}: on a projector at 200 % the lesson bar and the step's panels are drawn`,
          rects['Lesson/text'] && Object.keys(rects).some((n) => n.startsWith('Panel/')), Object.keys(rects).join(' '));
    const problems = layoutProblems(rects, { width: 1920, height: 1080 });
    check(`${id}: and nothing overlaps or leaves its panel`, problems.length === 0, problems.slice(0, 5).join('; '));
    await shot(p2, `lesson-focus-${id}-1920x1080-200.png`);
  }
}, async () => {
  await context.close();
  await projector?.close();
  await server.close();
  report();
});
