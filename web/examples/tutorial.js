// tutorial.js — the tutorial page's own script: buttons that drive the first explorer, and a
// sentence that follows the second. Everything goes through the elements' API (embed.js), so it
// works as well when the explorer is served from another origin (?explorer=<its folder URL>).
'use strict';
(function () {
  const driven = document.getElementById('driven');
  const yours = document.getElementById('yours');
  const from = new URLSearchParams(location.search).get('explorer');
  if (from) for (const element of [driven, yours]) element.setAttribute('explorer', from);

  customElements.whenDefined('attention-explorer').then(async () => {
    await Promise.all([driven.ready, yours.ready]);
    // "4× larger": every query times 4 makes every score q·k four times larger.
    let start = null;
    document.getElementById('larger').addEventListener('click', async () => {
      const scenario = await driven.state();
      start = start || JSON.parse(JSON.stringify(scenario));
      scenario.matrices.Q = scenario.matrices.Q.map((row) => row.map((x) => 4 * x));
      const refused = await driven.load(scenario);
      document.getElementById('driven-status').textContent = refused || 'Scores ×4: see how the weights sharpen.';
    });
    document.getElementById('again').addEventListener('click', async () => {
      if (start) await driven.load(start);
      document.getElementById('driven-status').textContent = '';
    });

    // The live number: the weight the first query gives its favourite key, after each change.
    const live = document.getElementById('live');
    const update = async () => {
      const trace = await yours.trace(['weights']);
      const scenario = await yours.state();
      const row = trace.steps[0].data[0];
      const best = row.indexOf(Math.max(...row));
      const tokens = scenario.tokens || {};
      const query = (tokens.queries || [])[0] || 'query 0', key = (tokens.keys || [])[best] || `key ${best}`;
      live.textContent = `"${query}" gives ${(100 * row[best]).toFixed(1)} % of its attention to "${key}".`;
    };
    yours.addEventListener('change', update);
    update();
  });
})();
