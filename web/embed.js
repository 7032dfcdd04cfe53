// embed.js — <attention-explorer>: an explorer inside a tutorial page, with no build step.
//
//   <script src="embed.js"></script>          (from the explorer's folder, on any origin)
//   <attention-explorer src="scenario.json" panels="weights,inputs" lock="mask" theme="light">
//   </attention-explorer>
//
// Each element hosts the explorer's page (index.html, beside this script) in an iframe: the
// explorer's glue is one program per page and GLFW listens on its window, so several explorers on
// one page need one window each. The URL options (README.md, "Embedding") are the element's attributes;
// `src` is a scenario fetched by this page and opened in the explorer; `explorer` is another
// folder to take the explorer from. The element talks to its iframe with postMessage, which works
// across origins: the iframe answers this page's origin only (allow=).
//
//   el.ready                      Promise, resolved once the explorer is on screen; from then on
//   el.state(), el.trace(ids), el.load(s), el.view(), el.setView(v), el.link(), …
//                                 the members of the page's API that the explorer answers over
//                                 postMessage (it names them when it is ready), each returning a Promise
//   el.call(name, ...args)        the same at any time (it waits for ready)
//   'change' event                once per recompute, with detail {version}
'use strict';
(function () {
  const here = new URL('.', document.currentScript.src);
  // The attributes passed on to the explorer's page as URL options (README.md, "Embedding").
  const kOptions = ['panels', 'hide', 'lock', 'scale', 'theme', 'compact', 'keep', 'autofocus'];
  const byWindow = new Map();  // an iframe's window → its element, for the replies
  let count = 0;

  class AttentionExplorer extends HTMLElement {
    static get observedAttributes() { return ['src', 'explorer', ...kOptions]; }

    constructor() {
      super();
      this.number = ++count;
      this.waiting = new Map();  // request id → {resolve, reject}
      this.nextId = 1;
    }

    connectedCallback() { if (!this.frame) this.build(); }

    disconnectedCallback() {
      if (!this.frame) return;
      byWindow.delete(this.frame.contentWindow);
      this.frame.remove();
      this.frame = null;
    }

    // A changed attribute opens the explorer again with it.
    attributeChangedCallback() { if (this.frame) this.build(); }

    build() {
      if (this.frame) this.disconnectedCallback();
      const base = new URL(this.getAttribute('explorer') || here, document.baseURI);
      const url = new URL('index.html', base);
      for (const name of kOptions) if (this.hasAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
      url.searchParams.set('id', this.id || `explorer-${this.number}`);  // its own kept session, with keep=1
      url.searchParams.set('allow', location.origin);
      this.origin = url.origin;
      this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
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
        this.resolveReady();
        this.openSource();
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
        await this.call('open', await response.text(), src);
      } catch (error) {
        await this.call('open', '', `${src} (${error.message})`);
      }
    }
  }

  window.addEventListener('message', (e) => {
    const element = byWindow.get(e.source);
    if (element && e.origin === element.origin && e.data && e.data.attention === 1) element.heard(e.data);
  });
  customElements.define('attention-explorer', AttentionExplorer);
})();
