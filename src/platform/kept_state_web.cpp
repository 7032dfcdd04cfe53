// kept_state_web.cpp — the session in the browser's localStorage, under the key web/attention.js
// chose (Module.keptKey: one per explorer id; none for an embedded explorer without keep=1), and
// the link the page was opened with (Module.openedLink). setItem replaces the value whole, so two
// tabs never tear it: the last write wins. A browser with storage full or disabled (private modes,
// policies) throws; the message says so and the explorer works on.
#include <cstdlib>
#include <string>

#include <emscripten.h>

#include "kept_state.hpp"
#include "page_api.hpp"

namespace {

// Each returns a malloc'd string for C++ to free: for reads "\x01" + text (found), "" (nothing
// there) or "\x02" + error; for writes and set-asides "" or the outcome.
EM_JS(char*, kept_read, (), {
    let reply = "";
    try {
        const text = Module.keptKey ? window.localStorage.getItem(Module.keptKey) : null;
        reply = text === null ? "" : String.fromCharCode(1) + text;
    } catch (e) { reply = String.fromCharCode(2) + (e && e.name ? e.name : String(e)); }
    const n = lengthBytesUTF8(reply) + 1, p = _malloc(n);
    stringToUTF8(reply, p, n);
    return p;
});

// The page's own address follows the state too (attention.js: Module.onStateKept).
EM_JS(char*, kept_write, (const char* text), {
    let reply = "";
    const state = UTF8ToString(text);
    try { if (Module.keptKey) window.localStorage.setItem(Module.keptKey, state); }
    catch (e) { reply = 'the browser refused to store it: ' + (e && e.name ? e.name : String(e)); }
    if (Module.onStateKept) Module.onStateKept(state);
    const n = lengthBytesUTF8(reply) + 1, p = _malloc(n);
    stringToUTF8(reply, p, n);
    return p;
});

EM_JS(char*, kept_set_aside, (), {
    let reply = "";
    try {
        const key = Module.keptKey, aside = key + '.unreadable-' + new Date().toISOString();
        window.localStorage.setItem(aside, window.localStorage.getItem(key));
        reply = 'localStorage["' + aside + '"]';
    } catch (e) { reply = ""; }
    const n = lengthBytesUTF8(reply) + 1, p = _malloc(n);
    stringToUTF8(reply, p, n);
    return p;
});

// Module.openedLink: undefined (no link), {text} or {error}.
EM_JS(char*, opened_link, (), {
    const link = Module.openedLink;
    const reply = !link ? "" : link.error !== undefined ? String.fromCharCode(2) + link.error : String.fromCharCode(1) + link.text;
    const n = lengthBytesUTF8(reply) + 1, p = _malloc(n);
    stringToUTF8(reply, p, n);
    return p;
});

std::string Take(char* reply) {
    std::string text(reply);
    std::free(reply);
    return text;
}

}  // namespace

namespace platform {

KeptText ReadKeptText() {
    const std::string reply = Take(kept_read());
    KeptText kept;
    if (reply.empty()) return kept;
    if (reply[0] == '\x02') kept.error = "the browser's storage: " + reply.substr(1);
    else {
        kept.found = true;
        kept.text = reply.substr(1);
    }
    return kept;
}

std::string WriteKeptText(const std::string& text) { return Take(kept_write(text.c_str())); }

std::string SetKeptTextAside() { return Take(kept_set_aside()); }

OpenedLink ReadOpenedLink() {
    const std::string reply = Take(opened_link());
    OpenedLink link;
    if (reply.empty()) return link;
    link.given = true;
    (reply[0] == '\x02' ? link.error : link.text) = reply.substr(1);
    return link;
}

}  // namespace platform
