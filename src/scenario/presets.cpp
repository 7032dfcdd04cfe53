// presets.cpp — the preset scenarios as JSON data, each small enough to check by hand.
// See presets.hpp. The first stays "One query, three keys": the UI and the browser test start
// from it. The applications follow, from applications/; examples/ holds one scenario per variant
// for the CLI.
#include "presets.hpp"

#include "embedded_files.hpp"

namespace scenario {

namespace {

std::vector<Preset> hand_written() {
    return {
        {"One query, three keys", "Scaled dot-product attention of one query over three keys (Vaswani 2017).",
         R"({"variant": "scaled_dot",
             "tokens": {"queries": ["it"], "keys": ["the", "cat", "sat"]},
             "matrices": {"Q": [[1.0, 0.5]],
                          "K": [[0.2, 0.1], [1.0, 0.8], [-0.5, 0.3]],
                          "V": [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]}})"},
        {"Causal self-attention", "Each token attends only to itself and earlier tokens, as in a decoder.",
         R"({"variant": "scaled_dot", "form": "self", "options": {"mask": "causal"},
             "tokens": {"queries": ["I", "saw", "a", "cat"], "keys": ["I", "saw", "a", "cat"]},
             "matrices": {"X": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "W_Q": [[1, 0], [0, 1]], "W_K": [[1, 0], [0, 1]], "W_V": [[1, 0], [0, 1]]}})"},
        {"Unscaled scores saturate", "Dot-product scores of wide vectors are large, so the softmax puts nearly all "
         "weight on one key and its gradient vanishes; switch the score to scaled_dot to see √d_k undo it.",
         R"({"variant": "dot",
             "tokens": {"queries": ["q"], "keys": ["a", "b", "c"]},
             "matrices": {"Q": [[2, 2, 2, 2, 2, 2, 2, 2]],
                          "K": [[1, 1, 1, 1, 1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
                                [1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5]],
                          "V": [[1, 0], [0, 1], [0.5, 0.5]]}})"},
        {"Self-attention with projections", "Q, K and V are three projections of one sequence X (Vaswani 2017).",
         R"({"variant": "scaled_dot", "form": "self",
             "tokens": {"queries": ["the", "cat", "sat"], "keys": ["the", "cat", "sat"]},
             "matrices": {"X": [[1, 0, 1, 0], [0, 2, 0, 2], [1, 1, 1, 1]],
                          "W_Q": [[1, 0], [0, 1], [1, 0], [0, 1]],
                          "W_K": [[0, 1], [1, 0], [0, 1], [1, 0]],
                          "W_V": [[1, 0], [0, 1], [0.5, 0], [0, 0.5]]}})"},
        {"Cross-attention", "Queries from the decoder's sequence X, keys and values from the encoder's Y.",
         R"({"variant": "scaled_dot", "form": "cross",
             "tokens": {"queries": ["Le", "chat"], "keys": ["The", "cat", "sleeps"]},
             "matrices": {"X": [[1, 0], [0, 1]], "Y": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                          "W_Q": [[1, 0], [0, 1]], "W_K": [[1, 0], [0, 1], [1, 1]],
                          "W_V": [[1, 0], [0, 1], [1, -1]]}})"},
        {"Multi-head, 2 heads", "Two heads of width 2 look at the same tokens through different projections; "
         "their contexts are concatenated and mixed by W_O.",
         R"({"variant": "scaled_dot", "form": "multi_head", "options": {"heads": 2},
             "tokens": {"queries": ["the", "cat", "sat"], "keys": ["the", "cat", "sat"]},
             "matrices": {"X": [[1, 0, 1, 0], [0, 2, 0, 2], [1, 1, 1, 1]],
                          "W_Q": [[1, 0, 0, 1], [0, 1, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]],
                          "W_K": [[1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]],
                          "W_V": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
                          "W_O": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}})"},
        {"Additive attention (Bahdanau)", "A decoder state scores three encoder states through a small tanh "
         "layer: s = v_aᵀ tanh(W_a q + U_a k).",
         R"({"variant": "additive",
             "tokens": {"queries": ["<s>"], "keys": ["le", "chat", "dort"]},
             "matrices": {"Q": [[0.5, -1]],
                          "K": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "V": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                          "W_a": [[1, 0], [0, 1]], "U_a": [[1, 0, 1], [0, 1, -1]], "v_a": [1, -0.5]}})"},
        {"Luong: general score, attentional vector", "Bilinear scores qᵀ W_a k, then h̃ = tanh(W_c [c; h]) "
         "combines the context with the decoder state (Luong 2015).",
         R"({"variant": "general", "options": {"use": "concat_tanh"},
             "tokens": {"queries": ["it", "sat"], "keys": ["the", "cat", "sat"]},
             "matrices": {"Q": [[1, 0], [0, 1]], "K": [[1, 0], [0, 1], [1, 1]], "V": [[1, 2], [3, 4], [5, 6]],
                          "W_a": [[1, 0], [0, 1]], "H": [[1, 0], [0, 1]],
                          "W_c": [[0.5, 0, 1, 0], [0, 0.5, 0, 1]]}})"},
        {"Luong local-p", "Each query predicts where to look, p = S·sigmoid(v_pᵀ tanh(W_p q)), attends within "
         "D = 2 of it, and favours keys near p with a Gaussian.",
         R"({"variant": "general", "options": {"mask": "local_p", "window": 2},
             "tokens": {"queries": ["y0", "y1"], "keys": ["a", "b", "c", "d", "e", "f"]},
             "matrices": {"Q": [[1, 0], [-1, 1]],
                          "K": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5]],
                          "V": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5]],
                          "W_a": [[1, 0], [0, 1]], "W_p": [[1, 0], [0, 1]], "v_p": [2, -1]}})"},
        {"Hard attention (sampled)", "Each query attends to exactly one key, drawn from its softmax with a seed "
         "(Xu 2015); change the seed to draw again.",
         R"({"variant": "scaled_dot", "options": {"normalise": "hard_sample", "seed": 42},
             "tokens": {"queries": ["I", "saw", "a", "cat"], "keys": ["I", "saw", "a", "cat"]},
             "matrices": {"Q": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "K": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "V": [[1, 0], [0, 1], [1, 1], [0.5, -1]]}})"},
        {"Sparse strided pattern", "Child et al. 2019: each token sees the previous 3 tokens and every 3rd token "
         "before them.",
         R"({"variant": "scaled_dot", "options": {"mask": "strided", "stride": 3},
             "tokens": {"queries": ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"],
                        "keys": ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"]},
             "matrices": {"Q": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5], [1, -1], [-0.5, 1]],
                          "K": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5], [1, -1], [-0.5, 1]],
                          "V": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5], [1, -1], [-0.5, 1]]}})"},
        {"Padding and an empty row", "Key padding hides the padded keys; a query with no key left gets all-zero "
         "weights and a flag, never NaN.",
         R"({"variant": "scaled_dot", "options": {"mask": "padding", "key_lengths": [3, 2, 0]},
             "tokens": {"queries": ["q0", "q1", "q2"], "keys": ["I", "saw", "it", "<pad>"]},
             "matrices": {"Q": [[1, 0], [0, 1], [1, 1]],
                          "K": [[1, 0], [0, 1], [1, 1], [0, 0]],
                          "V": [[1, 0], [0, 1], [1, 1], [0, 0]]}})"},
        {"Linear attention (Katharopoulos)", "φ(x) = elu(x) + 1 replaces e^(q·k); set the algorithm to standard "
         "to compare with softmax attention on the same inputs.",
         R"({"variant": "dot", "options": {"algorithm": "linear", "mask": "causal"},
             "tokens": {"queries": ["I", "saw", "a", "cat"], "keys": ["I", "saw", "a", "cat"]},
             "matrices": {"Q": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "K": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "V": [[1, 0], [0, 1], [1, 1], [0.5, -1]]}})"},
        {"Tiled online softmax (FlashAttention)", "Keys in tiles of 2: a running max and sum per query, "
         "rescaled as each tile arrives; the result equals the standard pass.",
         R"({"variant": "scaled_dot", "options": {"algorithm": "tiled", "tile": 2},
             "tokens": {"queries": ["a", "b", "c", "d", "e", "f"], "keys": ["a", "b", "c", "d", "e", "f"]},
             "matrices": {"Q": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5]],
                          "K": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5]],
                          "V": [[1, 0], [0, 1], [1, 1], [-1, 0], [0, -1], [0.5, 0.5]]}})"},
        {"Gradients: which key should it pick?", "The cross-entropy of the weights of \"it\" against a 1 at "
         "\"cat\": ∂L/∂q and ∂L/∂k show how to raise that weight; take a step against them and watch it move.",
         R"({"variant": "scaled_dot", "options": {"loss": "cross_entropy"},
             "tokens": {"queries": ["it"], "keys": ["the", "cat", "sat"]},
             "matrices": {"Q": [[1, 0]], "K": [[1, 0], [0, 1], [1, 1]], "V": [[1, 2], [3, 4], [5, 6]],
                          "target_weights": [[0, 1, 0]]}})"},
    };
}

}  // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = [] {
        std::vector<Preset> list = hand_written();
        for (const EmbeddedFile& file : applications_files()) {
            const nlohmann::json j = nlohmann::json::parse(file.json);
            list.push_back({j.at("title").get<std::string>(), j.at("description").get<std::string>(), file.json, true});
        }
        return list;
    }();
    return all;
}

Scenario preset_scenario(const Preset& preset) {
    Scenario s = *parse_scenario(preset.json).scenario;
    s.title = preset.name;
    if (s.description.empty()) s.description = preset.description;
    return s;
}

Scenario default_scenario() { return preset_scenario(presets().front()); }

}  // namespace scenario
