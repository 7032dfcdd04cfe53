// attention.js — loads the explorer and defines window.attention, the page's stable API (README.md
// lists its members in one table), and everything around the canvas: the page's URL options
// (README.md, "Embedding"), links that carry the state (#s=…), the kept session's storage key, the
// postMessage API for other origins, files, the clipboard, touch and the wheel.
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

  // URL options (README.md, "Embedding") come in the query string, a link's state in the fragment
  // (#s=1.…). Inside an iframe the explorer takes no keyboard focus on load (the host page would
  // jump to it), keeps nothing unless keep=1, and lets the wheel scroll the host page where it has
  // nothing to scroll itself.
  const options = new URLSearchParams(location.search);
  const embedded = window.parent !== window;
  const flag = (value) => ({ 1: true, true: true, 0: false, false: false })[value];  // undefined: not a flag
  const explorerId = options.get('id');
  const keeping = flag(options.get('keep')) ?? !embedded;
  const keptKey = keeping ? `attention-explorer/state${explorerId ? `/${explorerId}` : ''}` : null;
  const autofocus = flag(options.get('autofocus')) ?? !embedded;
  const originOf = (text) => { try { return new URL(text).origin; } catch { return 'null'; } };
  // An origin that cannot be read is left out (never "null": sandboxed frames have that origin).
  const allowed = (options.get('allow') || '').split(',').map(originOf).filter((origin) => origin !== 'null');

  // Links: the state (the scenario and the view, ui/kept_state.hpp) compressed with raw DEFLATE,
  // in base64url, after its format: #s=1.<letters>. scenario/link.hpp reads the same links on the
  // desktop. Past about 2 MB a browser's address bar gives up, so a larger state is a file.
  const kLinkFormat = '1.';
  const kLinkLimit = 2e6;  // characters of the whole link
  const pageAddress = () => location.href.split('#')[0];
  async function encodeState(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return kLinkFormat + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  // The state's text in a link's s= value, at most maxBytes of it; throws an Error saying why not.
  async function decodeState(code, maxBytes) {
    if (code === '') throw new Error('it holds no explorer state (nothing after s=)');
    if (!code.startsWith(kLinkFormat)) {
      throw new Error(`it was made by a newer explorer (its format is "${code.split('.')[0].slice(0, 8)}")`);
    }
    const letters = code.slice(kLinkFormat.length);
    if (!/^[A-Za-z0-9_-]*$/.test(letters) || letters.length % 4 === 1 || letters.length > 2 * maxBytes) {
      throw new Error('it is not an explorer link (damaged letters after s=1.)');
    }
    const bytes = Uint8Array.from(atob(letters.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const chunks = [];
    for (let size = 0; ;) {
      let next;
      try { next = await reader.read(); } catch { throw new Error('its data is damaged or cut short (was the whole link copied?)'); }
      if (next.done) break;
      size += next.value.length;
      if (size > maxBytes) {
        reader.cancel();
        throw new Error(`it holds more than ${maxBytes / 1048576} MiB`);
      }
      chunks.push(next.value);
    }
    let text;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks).arrayBuffer()); } catch {
      throw new Error('its data is damaged');
    }
    if (text === '') throw new Error('it holds an empty state');
    return text;
  }
  // The link in the page's address: {text} or {error}, or undefined when there is none.
  async function openedLink(maxBytes) {
    const code = new URLSearchParams(location.hash.slice(1)).get('s');
    if (code === null) return undefined;
    try { return { text: await decodeState(code, maxBytes) }; } catch (e) { return { error: e.message }; }
  }

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
    // A lesson file (an object with "steps", docs/lessons.md) opens as a lesson, anything else as a
    // scenario; a refusal also shows in the message bar.
    const isLesson = (text) => { try { return Array.isArray(JSON.parse(text).steps); } catch { return false; } };
    api.open = (scenario, source) => {
      const text = asText(scenario);
      const refused = tooLarge(text) || (isLesson(text) ? api.openLesson(text) : null);
      if (!refused && !isLesson(text)) return call('attention_open', text, source) || null;
      if (refused) call('attention_show_message', `${source}: ${refused}`);
      return refused;
    };
    api.message = () => call('attention_message') || null;
    api.rect = (name) => {
      const r = JSON.parse(call('attention_rect_json', name));
      if (!r) return null;
      const box = canvas.getBoundingClientRect();
      return { x: box.left + r.x, y: box.top + r.y, w: r.w, h: r.h };
    };
    // Every named item with its kind, panel and reach, in page coordinates (ui/item_rects.hpp).
    api.rects = () => {
      const all = JSON.parse(call('attention_rects_json'));
      const box = canvas.getBoundingClientRect();
      for (const r of Object.values(all)) {
        r.x += box.left;
        r.y += box.top;
        r.reach = [r.reach[0] + box.left, r.reach[1] + box.left];
        r.shown = [r.shown[0] + box.left, r.shown[1] + box.top, r.shown[2] + box.left, r.shown[3] + box.top];
      }
      return all;
    };
    // With any option kind locked (lock=), a learner's file or pasted scenario would change it: refused.
    const lockedOut = (source) => {
      const { locked } = api.view();
      if (locked.length) call('attention_show_message', `${source}: this page locks ${locked.join(', ')}, so it opens no other scenario`);
      return locked.length > 0;
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
        if (!lockedOut('pasted text')) api.open(text, 'pasted text');
      }
    }, true);
    // Scenario files: the Options panel's button opens the picker (within the click's user
    // activation, which browsers keep for a few seconds), and a file dropped on the page opens too.
    const fileInput = document.getElementById('scenario-file');
    const openFile = async (file) => {
      if (lockedOut(file.name)) return;
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
    // Module.touchInput tells the explorer too: a finger's swipe scrolls (ui/app.cpp, SwipeScroll).
    // Module.coarsePointer: a finger is the main pointer (a phone, a tablet), so every control is
    // at least 44 px square (ui/style.cpp).
    let touching = false;
    const coarse = window.matchMedia('(pointer: coarse)');
    Module.coarsePointer = coarse.matches;
    coarse.addEventListener('change', (e) => {
      Module.coarsePointer = e.matches;
      Module.ccall('attention_request_frame', null, [], []);
    });
    window.addEventListener('touchstart', () => { touching = true; Module.touchInput = true; }, true);
    window.addEventListener('mousedown', (e) => { if (e.isTrusted) { touching = false; Module.touchInput = false; } }, true);
    // The ± key: beside the cell a finger opened, pressed without taking the focus from the
    // hidden input (so the keyboard stays up).
    const signKey = document.getElementById('sign-key');
    const placeSignKey = () => {
      const cell = api.view().typing_cell;
      const r = cell && api.rect(`Inputs/${cell}`);
      signKey.hidden = !r;
      if (r) Object.assign(signKey.style, { left: `${Math.min(r.x + r.w + 8, innerWidth - 56)}px`, top: `${Math.max(r.y + r.h / 2 - 24, 0)}px` });
    };
    signKey.addEventListener('pointerdown', () => Module.ccall('attention_toggle_sign', null, [], []));
    for (const type of ['touchstart', 'mousedown']) signKey.addEventListener(type, (e) => e.preventDefault(), { passive: false });
    const drawn = Module.onFrameDrawn;  // it follows its cell as the explorer scrolls
    Module.onFrameDrawn = () => {
      drawn();
      if (!signKey.hidden) placeSignKey();
    };
    Module.onTextInput = (open) => {
      textFieldOpen = open;
      if (open && touching) touchKeyboard.focus({ preventScroll: true });
      else if (!open && document.activeElement === touchKeyboard) canvas.focus({ preventScroll: true });
      if (open && touching) requestAnimationFrame(placeSignKey);  // once the frame has placed the cell
      else signKey.hidden = true;
    };
    // The wheel's unit for the explorer's scroll handler (main_web.cpp): 100 pixels, 3 lines or
    // 1 page make one step. A capturing listener on window runs before the canvas's own.
    // Inside an iframe, a wheel the explorer would not scroll with (main_web.cpp sets
    // Module.wheelScrolls = [up, down] each frame) is kept from GLFW's listener, which would cancel
    // it, so that the browser scrolls the host page instead.
    window.addEventListener('wheel', (e) => {
      Module.wheelUnitsPerStep = [100, 3, 1][e.deltaMode] || 100;
      const [up, down] = Module.wheelScrolls || [false, false];
      const vertical = e.deltaX === 0 && !e.shiftKey && !e.ctrlKey;
      if (embedded && vertical && ((e.deltaY < 0 && !up) || (e.deltaY > 0 && !down))) e.stopImmediatePropagation();
    }, { capture: true, passive: true });
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
    api.lessons = () => JSON.parse(call('attention_lessons_json'));
    // A built-in lesson's id, or a lesson (an object or its JSON text, docs/lessons.md); null closes it.
    api.openLesson = (lesson, step = 0) => {
      if (!Number.isInteger(step)) return 'the step is a whole number, counting from 0';
      const text = lesson === null ? '' : typeof lesson === 'string' && !lesson.trim().startsWith('{') ? lesson : asText(lesson);
      return tooLarge(text) || call('attention_open_lesson', text, Math.trunc(Number(step))) || null;
    };
    api.lesson = () => JSON.parse(call('attention_lesson_json'));
    api.undo = () => Module.ccall('attention_undo', 'number', [], []) === 1;
    api.redo = () => Module.ccall('attention_redo', 'number', [], []) === 1;
    api.setView = (view) => call('attention_set_view', JSON.stringify(view)) || null;
    window.addEventListener('resize', () => Module.ccall('attention_request_frame', null, [], []));
    const say = (text) => call('attention_show_message', text);

    // Links. attention.link() makes one; the Options panel's "Copy link" copies it, or saves a
    // scenario file when the state is too large; the address bar follows the state as it is kept
    // (kept_state_web.cpp calls onStateKept), and a link pasted into it opens.
    api.link = async () => {
      const url = `${pageAddress()}#s=${await encodeState(call('attention_state_text'))}`;
      if (url.length > kLinkLimit) {
        throw new Error(`This state is too large for a link (${(url.length / 1e6).toFixed(1)} MB; a link holds about 2 MB).`);
      }
      return url;
    };
    Module.copyLink = () => api.link().then(async (url) => {
      Module.clipboardText = url;  // Ctrl+V in the explorer's own fields pastes it too
      try {
        await navigator.clipboard.writeText(url);
        say(`Link copied (${url.length} characters): it opens this scenario and this view.`);
      } catch (e) {
        say(`The browser would not copy the link (${e.name || e}); attention.link() gives it to a page.`);
      }
    }, (error) => {
      say(`${error.message} It was saved as a scenario file instead.`);
      Module.saveScenarioFile(`${JSON.stringify(api.state(), null, 1)}\n`);
    });
    let addressTurn = 0;  // the latest state wins when two compressions overlap
    Module.onStateKept = (text) => {
      if (embedded) return;
      const turn = ++addressTurn;
      encodeState(text).then((code) => {
        if (turn !== addressTurn) return;
        const url = `${pageAddress()}#s=${code}`;
        history.replaceState(history.state, '', url.length <= kLinkLimit ? url : pageAddress());
      }, () => {});
    };

    // Change events, once per recompute (main_web.cpp calls onTraceChanged), never per frame.
    const listeners = { change: new Set() };
    api.on = (type, f) => {
      if (!listeners[type]) throw new Error(`attention.on: no event "${type}"; the events are ${Object.keys(listeners).join(', ')}`);
      listeners[type].add(f);
    };
    api.off = (type, f) => { listeners[type]?.delete(f); };

    // Other origins: an outer page drives the explorer with postMessage,
    //   {attention: 1, id, call: 'state', args: []} → {attention: 1, id, result} or {attention: 1, id, error},
    // and after {attention: 1, call: 'subscribe'} hears {attention: 1, event: 'change', version}.
    // The explorer says {attention: 1, event: 'ready', members: [the calls it answers]} to its parent. Only the origins named by
    // allow= are answered; messages from any other are ignored.
    const kRemote = ['state', 'trace', 'load', 'open', 'view', 'setView', 'link', 'readings', 'error', 'message',
                     'version', 'about', 'undo', 'redo', 'lessons', 'openLesson', 'lesson'];
    const subscribers = [];
    // Only the page that embeds the explorer is heard, and only from an origin allow= names: a page
    // that opened the explorer in a window of its own can neither read nor change its state.
    const answer = async (e) => {
      const m = e.data;
      if (!embedded || e.source !== window.parent || !allowed.includes(e.origin)) return;
      if (!m || m.attention !== 1 || typeof m.call !== 'string') return;
      const reply = (fields) => e.source.postMessage({ attention: 1, id: m.id, ...fields }, e.origin);
      if (m.call === 'subscribe') {
        if (!subscribers.some((s) => s.source === e.source)) subscribers.push({ source: e.source, origin: e.origin });
        reply({ result: api.version() });
      } else if (!kRemote.includes(m.call)) {
        reply({ error: `attention: "${m.call}" is not answered over postMessage; these are: subscribe, ${kRemote.join(', ')}` });
      } else {
        try { reply({ result: await api[m.call](...(Array.isArray(m.args) ? m.args : [])) }); } catch (error) {
          reply({ error: error.message });
        }
      }
    };
    // Once main() has run (the explorer's state and limits are set): the outer page's calls, and a
    // link pasted into the address bar of an open page, which opens with the URL's options over it.
    Module.listen = () => {
      window.addEventListener('message', answer);
      window.addEventListener('hashchange', async () => {
        const link = await openedLink(limit);
        if (link && !call('attention_open_link', link.text ?? '', link.error ?? '')) Module.applyUrlOptions();
      });
    };
    Module.onTraceChanged = (version) => {
      for (const f of listeners.change) {
        try { f({ version }); } catch (error) { console.error(error); }
      }
      for (const { source, origin } of subscribers) source.postMessage({ attention: 1, event: 'change', version }, origin);
    };
    Module.announceReady = () => {
      const ready = { attention: 1, event: 'ready', members: kRemote };
      if (embedded) for (const origin of allowed) window.parent.postMessage(ready, origin);
    };

    // The URL's view options, each applied on its own as a part of a view (ui/view.hpp): a wrong
    // one is named in the message bar, and the others still apply.
    Module.applyUrlOptions = () => {
      const list = (value) => value.split(',').map((x) => x.trim()).filter(Boolean);
      const ids = api.about().panels.map((p) => p.id);
      const views = {
        panels: (value) => ({ panels: list(value).filter((id) => !list(options.get('hide') || '').includes(id)) }),
        hide: (value) => {
          const unknown = list(value).filter((id) => !ids.includes(id));
          if (unknown.length) return `unknown panel "${unknown[0]}"; the panels are ${ids.join(', ')}`;
          return options.has('panels') ? null : { panels: ids.filter((id) => !list(value).includes(id)) };
        },
        lock: (value) => ({ locked: list(value) }),
        scale: (value) => ({ ui_scale: Number(value) }),
        theme: (value) => (value === 'light' || value === 'dark' ? { light_theme: value === 'light' } : 'expected light or dark'),
        compact: (value) => (flag(value) === undefined ? 'expected 1 or 0' : { compact: flag(value) }),
      };
      // lesson=by-hand (a built-in lesson) or lesson=week3.json (a lesson file beside the page, or
      // any address of the page's own origin), at step= (from 0).
      const step = Number(options.get('step') ?? 0);
      const lesson = (value) => {
        if (!Number.isInteger(step) || step < 0) return 'step= is a whole number, counting from 0';
        if (api.lessons().some((l) => l.id === value)) return api.openLesson(value, step);
        const url = new URL(value, location.href);
        if (url.origin !== location.origin) return `a lesson is read from this page's own origin, ${location.origin}`;
        fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
          .then((text) => { const error = api.openLesson(text, step); if (error) say(`lesson=${value}: ${error}`); })
          .catch((error) => say(`lesson=${value}: cannot read it (${error.message})`));
        return null;
      };
      const checked = {
        autofocus: (value) => (flag(value) === undefined ? 'expected 1 or 0' : null),
        keep: (value) => (flag(value) === undefined ? 'expected 1 or 0' : null),
        allow: (value) => {
          const wrong = value.split(',').filter((o) => originOf(o) === 'null');
          return wrong.length ? `"${wrong[0]}" is not an origin (such as https://example.org)` : null;
        },
        id: () => null,
        lesson,
        step: () => (options.has('lesson') ? null : 'belongs with lesson='),
      };
      const wrong = [];
      for (const [name, value] of options) {
        const made = views[name] ? views[name](value) : checked[name] ? checked[name](value) : 'not a URL option of the explorer';
        const error = typeof made === 'string' ? made : made && api.setView(made);
        if (error) wrong.push(`${name}=${value}: ${error}`);
      }
      if (wrong.length) say(`This page's address asks for what the explorer cannot do: ${wrong.join('; ')}.`);
    };
  }

  // The text view: what the canvas shows, as text for screen readers. Rebuilt shortly after
  // frames are drawn (frames come only on input or change), and only when it reads differently.
  // It reads out the first kTextViewSize queries and keys, as the Pipeline panel shows them.
  const kTextViewSize = 12;
  const textNow = document.getElementById('text-now');
  const textWeights = document.getElementById('text-weights');
  const textReadings = document.getElementById('text-readings');
  const textLesson = document.getElementById('text-lesson');
  let textPending = false;
  let textVersion = -1;
  function updateTextView() {
    textPending = false;
    const hover = api.hover(), error = api.error(), version = api.version();
    const fresh = version !== textVersion;  // the weights and readings change only with the trace
    textVersion = version;
    const view = JSON.parse(Module.ccall('attention_text_view_json', 'string', ['number'], [kTextViewSize]));
    if (textLesson.textContent !== view.lesson) textLesson.textContent = view.lesson;  // an answer needs no recompute
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
      // main() waits for the link in the address to be read (its decompression is asynchronous):
      // main_web.cpp's RestoreKept reads Module.openedLink, then the URL's options apply.
      noInitialRun: true,
      keptKey,
      onRuntimeInitialized() {
        defineApi(window.Module);
        openedLink(window.Module.ccall('attention_text_limit', 'number', [], [])).then((link) => {
          window.Module.openedLink = link;
          window.Module.callMain([]);
          window.Module.listen();
        });
      },
      onFirstFrame() {
        loading.hidden = true;
        if (autofocus) canvas.focus({ preventScroll: true });
        resolveReady();
        window.Module.announceReady();
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
