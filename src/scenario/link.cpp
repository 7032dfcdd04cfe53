// link.cpp — base64url, then raw DEFLATE through zlib, with every size bounded. See link.hpp.
#include "link.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include <zlib.h>

namespace scenario {

namespace {

constexpr std::string_view kFormatPrefix = "1.";

// The value of `s=` in the fragment ("" when there is none).
std::string_view StateParameter(std::string_view link) {
    if (const std::size_t hash = link.find('#'); hash != std::string_view::npos) link.remove_prefix(hash + 1);
    while (!link.empty()) {
        const std::size_t amp = link.find('&');
        const std::string_view part = link.substr(0, amp);
        if (part.substr(0, 2) == "s=") return part.substr(2);
        if (amp == std::string_view::npos) break;
        link.remove_prefix(amp + 1);
    }
    return {};
}

// base64url (RFC 4648 §5) without padding, as the page writes it; "" and false on a bad letter.
bool Base64UrlDecode(std::string_view text, std::string& bytes) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    };
    if (text.size() % 4 == 1) return false;  // no whole byte ends there
    bytes.clear();
    bytes.reserve(text.size() * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = value(c);
        if (v < 0) return false;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<char>((buffer >> bits) & 0xFFu));
        }
    }
    return true;
}

// Raw DEFLATE (no zlib header: windowBits −15), at most max_bytes out; "" or why not.
std::string Inflate(const std::string& in, std::size_t max_bytes, std::string& out) {
    if (in.size() > std::numeric_limits<uInt>::max()) return "it is too long to read";
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK) return "the decompressor could not start";
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    std::array<char, 65536> chunk{};
    int status = Z_OK;
    std::string error;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk.data());
        z.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&z, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            error = status == Z_BUF_ERROR ? "it ends too early (was it cut short when copied?)" : "its data is damaged";
            break;
        }
        out.append(chunk.data(), chunk.size() - z.avail_out);
        if (out.size() > max_bytes) {
            error = "it holds more than " + (max_bytes % 1048576 == 0 ? std::to_string(max_bytes / 1048576) + " MiB"
                                                                      : std::to_string(max_bytes) + " bytes");
            break;
        }
    }
    if (error.empty() && z.avail_in != 0) error = "it has bytes after its end";
    inflateEnd(&z);
    return error;
}

}  // namespace

LinkText decode_link(std::string_view link, std::size_t max_bytes) {
    LinkText result;
    std::string_view state = StateParameter(link);
    if (state.empty()) {
        result.error = "it holds no explorer state (no s= in the part after #)";
        return result;
    }
    if (state.substr(0, kFormatPrefix.size()) != kFormatPrefix) {
        result.error = "it was made by a newer explorer (its format is \"" +
                       std::string(state.substr(0, std::min<std::size_t>(state.find('.'), 8))) + "\")";
        return result;
    }
    state.remove_prefix(kFormatPrefix.size());
    std::string compressed;
    if (state.size() / 2 > max_bytes || !Base64UrlDecode(state, compressed)) {
        result.error = "it is not an explorer link (damaged letters after s=1.)";
        return result;
    }
    std::string text;
    if (std::string why = Inflate(compressed, max_bytes, text); !why.empty()) {
        result.error = why;
        return result;
    }
    if (text.empty()) {
        result.error = "it holds an empty state";
        return result;
    }
    result.text = std::move(text);
    return result;
}

}  // namespace scenario
