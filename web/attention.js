// attention.js — loads the explorer and defines window.attention, the page's stable API:
//   attention.ready          Promise, resolved once the first frames are on screen and their layout settled
//   attention.state()        the current scenario (object, same schema as attention-cli's input)
//   attention.trace(ids)     the current trace (object, the same form attention-cli prints); with an
//                            array of step ids, only those steps (e.g. trace(['weights']))
//   attention.load(scenario) replace the scenario (object or JSON text); returns an error message or null
//   attention.open(text, source)  the same as a learner's file or paste: a refusal also shows in the
//                            explorer's message bar, naming `source`
//   attention.message()      the explorer's message to the learner (a refused edit or file), or null
//   attention.rect(name)     a named item's rectangle {x, y, w, h} in page pixels, or null (tests use it
//                            to aim real mouse events, e.g. "Inputs/Q/0/0" or "Trace/weights")
//   attention.framesDrawn()  frames drawn so far; it stays put while nothing changes (idle = no work)
//   attention.hover()        the number under the mouse: {step, row, col, text, sources}, or null
//   attention.error()        why the current edit cannot be computed, or null
//   attention.readings()     the diagnostics in words, one sentence per query
//   attention.compare()      the Compare panel's counterpart {variant, weights, largest, at, error}, or null
//   attention.timings()      {frame_ms, recompute_ms}: CPU time of the last drawn frame and last recompute
//   attention.view()         {ui_scale, light_theme, selected_query, typing_cell}: the view settings and
//                            the input cell open for typing ("Q/0/1"), or null
//   attention.focused()      the named item with keyboard focus (e.g. "Options/Mask"), or null
//   attention.cost()         the Cost panel's measurements {running, points: [{algorithm, n, ms, bytes}]}
//   attention.version()      counts the recomputes: the trace changed when it moved
//   attention.about()        {version}: the release this page is ("1.0.0")
//   attention.undo(), attention.redo()  walk back or forward one edit, as Ctrl+Z and Ctrl+Shift+Z;
//                            false when there is none
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
  // A host that compresses it sends Content-Length for the compressed bytes, while the body reads
  // decompressed: the chunks are collected as they come and the bar stops at full.
  async function fetchWithProgress(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
    const chunks = [];
    const reader = response.body.getReader();
    for (let received = 0; ;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      progress.value = Math.min(received / total, 1);
    }
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((offset, c) => { bytes.set(c, offset); return offset + c.length; }, 0);
    return bytes;
  }

  function defineApi(Module) {
    // Strings go to C through the heap: ccall's 'string' arguments are copied onto the 5 MiB
    // stack, which a large scenario overruns.
    const call = (name, ...args) => {
      const pointers = [];
      try {
        for (const arg of args) {
          const text = String(arg ?? '');
          const size = Module.lengthBytesUTF8(text) + 1;
          const pointer = Module._malloc(size);
          if (!pointer) throw new Error(`Attention Explorer: no memory for ${size} bytes of text`);
          pointers.push(pointer);
          Module.stringToUTF8(text, pointer, size);
        }
        return Module.ccall(name, 'string', args.map(() => 'number'), pointers);
      } finally {
        pointers.forEach((pointer) => Module._free(pointer));
      }
    };
    const callOnce = (name, ...args) => {  // a large reply: parse it, then free it in C
      try { return JSON.parse(call(name, ...args)); } finally { Module.ccall('attention_release_reply', null, [], []); }
    };
    const limit = Module.ccall('attention_text_limit', 'number', [], []);
    const asText = (scenario) => (typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
    // A text over the page's limit is refused before it is copied into the explorer's memory.
    // Sizes in UTF-8 bytes, as C counts them (scenario::parse_scenario words it the same way).
    const overLimit = (bytes) => (bytes > limit
      ? `$: the scenario is ${bytes} bytes of JSON, over the page's limit of ${limit / 1048576} MiB` : null);
    const tooLarge = (text) => overLimit(Module.lengthBytesUTF8(text));
    api.state = () => callOnce('attention_state_json');
    api.trace = (ids) => callOnce('attention_trace_json', Array.isArray(ids) ? ids.join(',') : '');
    api.load = (scenario) => {
      const text = asText(scenario);
      return tooLarge(text) || call('attention_load', text) || null;
    };
    api.open = (scenario, source) => {
      const text = asText(scenario);
      const refused = tooLarge(text);
      if (!refused) return call('attention_open', text, source) || null;
      call('attention_show_message', `${source}: ${refused}`);
      return refused;
    };
    api.message = () => call('attention_message') || null;
    api.rect = (name) => {
      const r = JSON.parse(call('attention_rect_json', name));
      if (!r) return null;
      const box = canvas.getBoundingClientRect();
      return { x: box.left + r.x, y: box.top + r.y, w: r.w, h: r.h };
    };
    // The clipboard for the explorer's fields (main_web.cpp): the text of the last paste. Pasted
    // into the explorer outside any of its fields, a JSON object is a scenario to open (a paste into
    // another element of an embedding page is left alone).
    let textFieldOpen = false;
    document.addEventListener('paste', (e) => {
      const text = e.clipboardData.getData('text/plain');
      Module.clipboardText = text;
      const intoExplorer = e.target === canvas || e.target === document.body || e.target === document.documentElement;
      if (intoExplorer && !textFieldOpen && text.trimStart().startsWith('{')) {
        e.preventDefault();
        api.open(text, 'pasted text');
      }
    }, true);
    // Scenario files: the Options panel's button opens the picker (within the click's user
    // activation, which browsers keep for a few seconds), and a file dropped on the page opens too.
    const fileInput = document.getElementById('scenario-file');
    const openFile = async (file) => {
      const refused = overLimit(file.size);  // refused before the file is read
      if (refused) {
        call('attention_show_message', `${file.name}: ${refused}`);
        return;
      }
      api.open(await file.text(), file.name);
    };
    Module.openScenarioFile = () => fileInput.click();
    // Saving downloads the scenario's JSON (the Options panel's button).
    Module.saveScenarioFile = (text) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      link.download = 'attention-scenario.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    };
    fileInput.addEventListener('change', () => {
      if (fileInput.files[0]) openFile(fileInput.files[0]);
      fileInput.value = '';
    });
    window.addEventListener('dragover', (e) => { e.preventDefault(); });
    window.addEventListener('drop', (e) => {
      e.preventDefault();
      if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]);
    });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    // The time of each press, for double-clicks (platform/click_timer.hpp): the event's own
    // timeStamp, read when Emscripten's GLFW handles the mousedown that follows.
    Module.pressTimeStamp = -1;
    canvas.addEventListener('pointerdown', (e) => { if (e.button === 0) Module.pressTimeStamp = e.timeStamp; }, true);
    // Touch: Emscripten 3.1.6's GLFW presses the mouse button on a touch but reads no position
    // from it (it expects SDL's event.touch), so a finger would press wherever the mouse last was.
    // The first finger becomes mouse events at its position instead: a move first, so the press
    // lands on what the finger touches, then presses, drags and releases.
    const touchAsMouse = { touchstart: 'mousedown', touchmove: 'mousemove', touchend: 'mouseup', touchcancel: 'mouseup' };
    for (const [touchType, mouseType] of Object.entries(touchAsMouse)) {
      window.addEventListener(touchType, (e) => {
        if (e.target !== canvas) return;
        e.stopPropagation();
        e.preventDefault();
        const t = e.changedTouches[0];
        const mouse = (type, buttons) => canvas.dispatchEvent(new MouseEvent(type, {
          clientX: t.clientX, clientY: t.clientY, screenX: t.screenX, screenY: t.screenY, button: 0, buttons, bubbles: true }));
        if (touchType === 'touchstart') mouse('mousemove', 0);
        mouse(mouseType, mouseType === 'mouseup' ? 0 : 1);
      }, { capture: true, passive: false });
    }
    // Touch keyboards: while a text field opened by touch is open, the hidden input has focus, so
    // the device shows its keyboard. Desktop keys reach the explorer as keypresses through GLFW; text that arrives
    // without a keypress (Android's keyboards send none) is forwarded here, Backspace included.
    const touchKeyboard = document.getElementById('touch-keyboard');
    let keypressed = false;
    window.addEventListener('keypress', () => { keypressed = true; setTimeout(() => { keypressed = false; }); }, true);
    touchKeyboard.addEventListener('input', (e) => {
      if (!keypressed) {
        if (e.inputType === 'deleteContentBackward') Module.ccall('attention_backspace', null, [], []);
        else if (e.data) Module.ccall('attention_type_text', null, ['string'], [e.data]);
      }
      touchKeyboard.value = '';
    });
    // Only after a touch: on a desktop the canvas keeps focus (moving it would make GLFW release
    // any key held at that moment).
    let touching = false;
    window.addEventListener('touchstart', () => { touching = true; }, true);
    window.addEventListener('mousedown', (e) => { if (e.isTrusted) touching = false; }, true);
    Module.onTextInput = (open) => {
      textFieldOpen = open;
      if (open && touching) touchKeyboard.focus({ preventScroll: true });
      else if (!open && document.activeElement === touchKeyboard) canvas.focus({ preventScroll: true });
    };
    // The wheel's unit for the explorer's scroll handler (main_web.cpp): 100 pixels, 3 lines or
    // 1 page make one step. A capturing listener on window runs before the canvas's own.
    window.addEventListener('wheel', (e) => { Module.wheelUnitsPerStep = [100, 3, 1][e.deltaMode] || 100; },
                            { capture: true, passive: true });
    api.framesDrawn = () => Module.ccall('attention_frames_drawn', 'number', [], []);
    api.hover = () => JSON.parse(call('attention_hover_json'));
    api.error = () => call('attention_error') || null;
    api.readings = () => JSON.parse(call('attention_readings_json'));
    api.compare = () => JSON.parse(call('attention_compare_json'));
    api.timings = () => JSON.parse(call('attention_timings_json'));
    api.view = () => JSON.parse(call('attention_view_json'));
    api.focused = () => call('attention_focused') || null;
    api.cost = () => JSON.parse(call('attention_cost_json'));
    api.version = () => Module.ccall('attention_trace_version', 'number', [], []);
    api.about = () => JSON.parse(call('attention_about_json'));
    api.undo = () => Module.ccall('attention_undo', 'number', [], []) === 1;
    api.redo = () => Module.ccall('attention_redo', 'number', [], []) === 1;
    window.addEventListener('resize', () => Module.ccall('attention_request_frame', null, [], []));
  }

  // The text view: what the canvas shows, as text for screen readers. Rebuilt shortly after
  // frames are drawn (frames come only on input or change), and only when it reads differently.
  // It reads out the first kTextViewSize queries and keys, as the Pipeline panel shows them.
  const kTextViewSize = 12;
  const textNow = document.getElementById('text-now');
  const textWeights = document.getElementById('text-weights');
  const textReadings = document.getElementById('text-readings');
  let textPending = false;
  let textVersion = -1;
  function updateTextView() {
    textPending = false;
    const hover = api.hover(), error = api.error(), version = api.version();
    const fresh = version !== textVersion;  // the weights and readings change only with the trace
    textVersion = version;
    const view = fresh || !hover
      ? JSON.parse(Module.ccall('attention_text_view_json', 'string', ['number'], [kTextViewSize])) : null;
    const now = hover ? hover.text
      : `${view.variant}: ${view.queries} queries over ${view.keys} keys.${error ? ` Cannot compute the last edit: ${error}` : ''}`;
    if (textNow.textContent !== now) textNow.textContent = now;
    if (!fresh) return;
    const cell = (tag, text) => { const c = document.createElement(tag); c.textContent = text; return c; };
    const rows = [['', ...view.weights[0].map((_, j) => view.key_labels[j] ?? `key ${j}`)]]
      .concat(view.weights.map((row, t) => [view.query_labels[t] ?? `query ${t}`, ...row.map((w) => w.toFixed(3))]));
    textWeights.caption.textContent = 'Attention weights: rows are queries, columns are keys' +
      (view.queries > kTextViewSize || view.keys > kTextViewSize
        ? ` (the first ${Math.min(view.queries, kTextViewSize)} of ${view.queries} queries and ` +
          `${Math.min(view.keys, kTextViewSize)} of ${view.keys} keys)` : '');
    textWeights.replaceChildren(textWeights.caption, ...rows.map((r, i) => {
      const tr = document.createElement('tr');
      r.forEach((text, j) => tr.appendChild(cell(i === 0 || j === 0 ? 'th' : 'td', text)));
      return tr;
    }));
    textReadings.replaceChildren(...view.readings.map((r) => cell('li', r)));
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
      wheelUnitsPerStep: 100,
      onFrameDrawn() {
        if (!textPending) { textPending = true; setTimeout(updateTextView, 150); }
      },
      onAbort: (what) => fail(`Attention Explorer stopped: ${what}`),
    };
    const script = document.createElement('script');
    script.src = 'attention-explorer.js';
    script.onerror = () => fail('Could not load attention-explorer.js');
    document.body.appendChild(script);
  }).catch((error) => fail(`Could not download Attention Explorer: ${error.message}`));
})();
