// embed.js — <attention-explorer>: an explorer inside a tutorial page, with no build step.
//
//   <script src="embed.js"></script>          (from the explorer's folder, on any origin)
//   <attention-explorer src="scenario.json" panels="weights,inputs" lock="mask" theme="light">
//   </attention-explorer>
//
// Each element hosts the explorer's page (index.html, beside this script) in an iframe: the
// explorer's glue is one program per page and GLFW listens on its window, so several explorers on
// one page need one window each. Every attribute but the element's own (src, explorer, id, class,
// style, title) is passed on as a URL option (README.md, "Embedding"), and a changed one opens the
// explorer again; `src` is a scenario fetched by this page and opened in the explorer; `explorer`
// is another folder to take the explorer from. The element talks to its iframe with postMessage, which works
// across origins: the iframe answers this page's origin only (allow=).
//
//   el.ready                      Promise, resolved once the explorer is on screen with `src` open
//                                 (rejected when this page's origin cannot be answered); from then on
//   el.state(), el.trace(ids), el.load(s), el.view(), el.setView(v), el.link(), …
//                                 the members of the page's API that the explorer answers over
//                                 postMessage (it names them when it is ready), each returning a Promise
//   el.call(name, ...args)        the same at any time (it waits for ready)
//   'change' event                once per recompute, with detail {version}
'use strict';
(function () {
  const here = new URL('.', document.currentScript.src);
  // The element's own attributes, and HTML's global ones; every other one is a URL option of the
  // explorer's page.
  const kOwn = new Set(['src', 'explorer', 'id', 'class', 'style', 'title', 'hidden', 'tabindex', 'lang', 'dir', 'role',
                        'slot', 'part', 'draggable', 'inert', 'translate', 'autocapitalize', 'nonce', 'is']);
  const own = (name) => kOwn.has(name) || /^(aria-|data-|on)/.test(name);
  const byWindow = new Map();  // an iframe's window → its element, for the replies
  let count = 0;

  class AttentionExplorer extends HTMLElement {
    constructor() {
      super();
      this.number = ++count;
      this.waiting = new Map();  // request id → {resolve, reject}
      this.nextId = 1;
    }

    connectedCallback() {
      if (this.frame) return;
      this.build();
      // Its options, src or explorer changed: open the explorer again (not for id, class, style, title).
      const opens = (name) => !own(name) || name === 'src' || name === 'explorer';
      this.watch = new MutationObserver((changes) => { if (changes.some((c) => opens(c.attributeName))) this.build(); });
      this.watch.observe(this, { attributes: true });
    }

    disconnectedCallback() {
      if (this.watch) this.watch.disconnect();
      this.close();
    }

    close() {
      if (!this.frame) return;
      this.rejectReady(new Error('the explorer was closed'));  // no effect once it was ready
      for (const { reject } of this.waiting.values()) reject(new Error('the explorer was closed'));
      this.waiting.clear();
      byWindow.delete(this.frame.contentWindow);
      this.frame.remove();
      this.frame = null;
    }

    build() {
      this.close();
      const base = new URL(this.getAttribute('explorer') || here, document.baseURI);
      const url = new URL('index.html', base);
      for (const { name, value } of this.attributes) if (!own(name)) url.searchParams.set(name, value);
      url.searchParams.set('id', this.id || `explorer-${this.number}`);  // its own kept session, with keep=1
      url.searchParams.set('allow', location.origin);
      this.origin = url.origin;
      this.ready = new Promise((resolve, reject) => { this.resolveReady = resolve; this.rejectReady = reject; });
      this.ready.catch(() => {});  // a closed explorer's rejection is news only to those who wait on it
      // A page with no origin of its own (a file:// page, a sandboxed frame) cannot be answered.
      if (location.origin === 'null') {
        this.rejectReady(new Error('<attention-explorer> needs its page served over http(s): this page has no origin'));
      }
      const frame = document.createElement('iframe');
      frame.src = url.href;
      frame.title = this.getAttribute('title') || 'Attention Explorer';
      frame.allow = 'clipboard-write';  // its Copy link button
      frame.style.cssText = 'display:block;width:100%;height:100%;border:0';
      if (!this.style.display) this.style.display = 'block';
      this.appendChild(frame);
      this.frame = frame;
      byWindow.set(frame.contentWindow, this);
    }

    // Post one call to the explorer; resolves with its result.
    call(name, ...args) {
      return this.ready.then(() => this.post(name, args));
    }

    post(name, args) {
      return new Promise((resolve, reject) => {
        const id = this.nextId++;
        this.waiting.set(id, { resolve, reject });
        this.frame.contentWindow.postMessage({ attention: 1, id, call: name, args }, this.origin);
      });
    }

    // What the explorer says: a reply, the ready signal (with the members it answers) or a change.
    heard(m) {
      if (m.event === 'ready') {
        for (const name of m.members) this[name] = (...args) => this.post(name, args);
        this.post('subscribe', []);
        const resolve = this.resolveReady;  // this frame's: a rebuild meanwhile has its own
        this.openSource().then(resolve);
      } else if (m.event === 'change') {
        this.dispatchEvent(new CustomEvent('change', { detail: { version: m.version } }));
      } else if (this.waiting.has(m.id)) {
        const { resolve, reject } = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.result);
      }
    }

    // The `src` scenario, fetched here (the explorer's page fetches nothing from other origins) and
    // opened as a learner's file: a refusal shows in the explorer, naming the file.
    async openSource() {
      const src = this.getAttribute('src');
      if (!src) return;
      try {
        const response = await fetch(new URL(src, document.baseURI));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await this.post('open', [await response.text(), src]);
      } catch (error) {
        await this.post('open', ['', `${src} (${error.message})`]);
      }
    }
  }

  window.addEventListener('message', (e) => {
    const element = byWindow.get(e.source);
    if (element && e.origin === element.origin && e.data && e.data.attention === 1) element.heard(e.data);
  });
  customElements.define('attention-explorer', AttentionExplorer);
})();
