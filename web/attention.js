// attention.js — loads the explorer and defines window.attention, the page's stable API:
//   attention.ready          Promise, resolved after the first frame is on screen
//   attention.state()        the current scenario (object, same schema as attention-cli's input)
//   attention.trace()        the current trace (object, the same form attention-cli prints)
//   attention.load(scenario) replace the scenario (object or JSON text); returns an error message or null
//   attention.rect(name)     a named item's rectangle {x, y, w, h} in page pixels, or null (tests use it
//                            to aim real mouse events, e.g. "Inputs/Q/0/0" or "Trace/weights")
//   attention.framesDrawn()  frames drawn so far; it stays put while nothing changes (idle = no work)
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const progress = document.getElementById('progress');
  const failure = document.getElementById('failure');

  let resolveReady, rejectReady;
  const api = {
    ready: new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; }),
  };
  window.attention = api;

  function fail(message) {
    loading.hidden = true;
    failure.hidden = false;
    failure.textContent = message;
    rejectReady(new Error(message));
  }

  if (!document.createElement('canvas').getContext('webgl2')) {
    fail('Attention Explorer needs WebGL2, which this browser or device does not provide. ' +
         'Try a current Firefox, Chrome, Edge or Safari, or enable hardware acceleration.');
    return;
  }

  // Download the wasm ourselves so the progress bar can follow it, then start Emscripten's glue.
  async function fetchWithProgress(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
    const bytes = new Uint8Array(total);
    const reader = response.body.getReader();
    for (let offset = 0; ;) {
      const { done, value } = await reader.read();
      if (done) return bytes.subarray(0, offset);
      bytes.set(value, offset);
      offset += value.length;
      progress.value = offset / total;
    }
  }

  function defineApi(Module) {
    const call = (name, ...args) => Module.ccall(name, 'string', args.map(() => 'string'), args);
    api.state = () => JSON.parse(call('attention_state_json'));
    api.trace = () => JSON.parse(call('attention_trace_json'));
    api.load = (scenario) => {
      const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario);
      return call('attention_load', text) || null;
    };
    api.rect = (name) => {
      const r = JSON.parse(call('attention_rect_json', name));
      if (!r) return null;
      const box = canvas.getBoundingClientRect();
      return { x: box.left + r.x, y: box.top + r.y, w: r.w, h: r.h };
    };
    api.framesDrawn = () => Module.ccall('attention_frames_drawn', 'number', [], []);
    window.addEventListener('resize', () => Module.ccall('attention_request_frame', null, [], []));
  }

  fetchWithProgress('attention-explorer.wasm').then((wasmBinary) => {
    window.Module = {
      canvas,
      wasmBinary,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onRuntimeInitialized() { defineApi(window.Module); },
      onFirstFrame() {
        loading.hidden = true;
        canvas.focus();
        resolveReady();
      },
      onAbort: (what) => fail(`Attention Explorer stopped: ${what}`),
    };
    const script = document.createElement('script');
    script.src = 'attention-explorer.js';
    script.onerror = () => fail('Could not load attention-explorer.js');
    document.body.appendChild(script);
  }).catch((error) => fail(`Could not download Attention Explorer: ${error.message}`));
})();
