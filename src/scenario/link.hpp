// link.hpp — reading an explorer link: the state (ui/kept_state.hpp's text) in a URL's fragment,
//   https://host/path/index.html#s=1.<deflate-raw of the text, in base64url>
// "1" is the link's format: the page writes it (web/attention.js, with the browser's
// CompressionStream) and both the page and this decoder read it; a later format gets a new
// number and this one keeps reading. The desktop app opens links with it (--link), over the
// system zlib; the page decodes in the browser, so this file is not part of the WebAssembly build.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace scenario {

// The text in a link (or in its fragment alone, "#s=1.…" or "s=1.…"), at most `max_bytes` of it.
struct LinkText {
    std::string text;   // the state, when it could be read
    std::string error;  // else why not, in words for the learner
};
LinkText decode_link(std::string_view link, std::size_t max_bytes);

}  // namespace scenario
