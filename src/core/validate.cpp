// validate.cpp — the checks, in pipeline order: options, form, score, mask, normaliser,
// algorithm, use of the context, then every value. See validate.hpp.
#include "validate.hpp"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "attention.hpp"
#include "option_names.hpp"

namespace attn {

namespace detail {

// A matrix (or a vector, as one row) with the name the messages use.
struct Named {
    std::string name;
    const Matrix* m;
};

[[noreturn]] void refuse(const std::string& message) { throw ShapeError(message); }
std::string shape_of(const Named& x);
void require_present(const Named& x, const std::string& reader, const char* shape);
void require_equal(const Named& a, int axis_a, const Named& b, int axis_b);
void require_values(const Named& x, bool is_vector);
template <typename Enum, std::size_t N>
std::string quoted(const NameTable<Enum, N>& table, Enum value) {
    return "\"" + std::string(name_of(table, value)) + "\"";
}

}  // namespace detail

void validate_inputs(const Inputs& in, const Options& o) {
    using detail::Named;
    using detail::refuse;
    using detail::require_equal;
    using detail::require_present;
    const std::string form = "form " + detail::quoted(kFormNames, o.form);
    std::vector<Named> used;  // every matrix this variant reads, for the value check at the end
    auto use = [&](const char* name, const Matrix& m, const std::string& reader, const char* shape) {
        Named x{name, &m};
        require_present(x, reader, shape);
        used.push_back(x);
        return x;
    };

    // [SECTION] Option values
    if (!(o.temperature >= kMinTemperature && o.temperature <= kMaxTemperature)) {
        std::ostringstream out;
        out << "options.temperature = " << o.temperature << " is outside its range " << kMinTemperature << " … "
            << kMaxTemperature;
        refuse(out.str());
    }
    if (o.window < 0) refuse("options.window must be ≥ 0 (got " + std::to_string(o.window) + ")");
    if (o.stride < 1) refuse("options.stride must be ≥ 1 (got " + std::to_string(o.stride) + ")");
    if (o.tile < 1) refuse("options.tile must be ≥ 1 (got " + std::to_string(o.tile) + ")");
    if (o.heads < 1) refuse("options.heads must be ≥ 1 (got " + std::to_string(o.heads) + ")");
    if (o.heads > 1 && o.form != Form::multi_head)
        refuse("options.heads = " + std::to_string(o.heads) + " needs form \"multi_head\" (this is " + form + ")");

    // [SECTION] Form: where Q, K, V come from. Widths are named after the matrix that sets them.
    Named queries, keys, values;  // whose rows are T, S, S
    Named q_width, k_width;       // whose columns are the query and key widths
    const std::size_t H = static_cast<std::size_t>(o.heads);
    if (o.form == Form::plain) {
        queries = q_width = use("Q", in.Q, form, "(T, d_k)");
        keys = k_width = use("K", in.K, form, "(S, d_k)");
        values = use("V", in.V, form, "(S, d_v)");
        require_equal(keys, 0, values, 0);
    } else {
        const bool cross = o.form == Form::cross || (o.form == Form::multi_head && is_present(in.Y));
        queries = use("X", in.X, form, "(T, d)");
        keys = values = cross ? use("Y", in.Y, form, "(S, d_y)") : queries;
        q_width = use("W_Q", in.W_Q, form, "(d, d_k)");
        k_width = use("W_K", in.W_K, form, cross ? "(d_y, d_k)" : "(d, d_k)");
        const Named W_V = use("W_V", in.W_V, form, cross ? "(d_y, d_v)" : "(d, d_v)");
        require_equal(queries, 1, q_width, 0);
        require_equal(keys, 1, k_width, 0);
        require_equal(keys, 1, W_V, 0);
        if (o.form == Form::multi_head) {
            const Named W_O = use("W_O", in.W_O, form, "(H·d_v, d_o)");
            const Named* split_by_head[] = {&q_width, &W_V};
            for (const Named* W : split_by_head)
                if (W->m->shape(1) % H != 0)
                    refuse("options.heads = " + std::to_string(H) + " does not divide the " +
                           std::to_string(W->m->shape(1)) + " columns of " + W->name + ": " + W->name + " " +
                           detail::shape_of(*W) + " holds H blocks of equal width side by side");
            require_equal(q_width, 1, k_width, 1);
            require_equal(W_V, 1, W_O, 0);
        }
    }
    const std::size_t T = queries.m->shape(0), S = keys.m->shape(0);

    // [SECTION] Score
    const std::string score = "variant " + detail::quoted(kScoreNames, o.score);
    if (o.form == Form::multi_head && (o.score == Score::general || o.score == Score::additive))
        refuse(form + " scores each head by dot product, as in Vaswani 2017; " + score +
               " would need its own W_a per head: use variant \"dot\" or \"scaled_dot\"");
    switch (o.score) {
        case Score::dot:
        case Score::scaled_dot: require_equal(q_width, 1, k_width, 1); break;
        case Score::general: {
            const Named W_a = use("W_a", in.W_a, score, "(d_k of the queries, d_k of the keys)");
            require_equal(q_width, 1, W_a, 0);
            require_equal(k_width, 1, W_a, 1);
            break;
        }
        case Score::additive: {
            const Named W_a = use("W_a", in.W_a, score, "(d_a, d_k of the queries)");
            const Named U_a = use("U_a", in.U_a, score, "(d_a, d_k of the keys)");
            const Matrix v_a = xt::reshape_view(in.v_a, {std::size_t{1}, in.v_a.size()});
            const Named v{"v_a", &v_a};
            require_present(v, score, "(d_a)");
            detail::require_values(v, true);
            require_equal(q_width, 1, W_a, 1);
            require_equal(k_width, 1, U_a, 1);
            require_equal(W_a, 0, U_a, 0);
            if (v_a.shape(1) != W_a.m->shape(0))
                refuse("v_a has " + std::to_string(v_a.shape(1)) + " entries but W_a has " +
                       std::to_string(W_a.m->shape(0)) + " rows: W_a " + detail::shape_of(W_a) + ", v_a (" +
                       std::to_string(v_a.shape(1)) + ")");
            break;
        }
    }

    // [SECTION] Mask
    const std::string mask = "mask " + detail::quoted(kMaskNames, o.mask);
    switch (o.mask) {
        case Mask::padding: {
            const std::size_t n = o.key_lengths.size();
            if (n != 1 && n != T)
                refuse("options.key_lengths has " + std::to_string(n) + " entries but " + mask + " needs 1 (for every query) or " +
                       std::to_string(T) + " (one per query)");
            for (std::size_t t = 0; t < n; ++t)
                if (o.key_lengths[t] < 0 || static_cast<std::size_t>(o.key_lengths[t]) > S)
                    refuse("options.key_lengths[" + std::to_string(t) + "] = " + std::to_string(o.key_lengths[t]) +
                           " is not between 0 and the " + std::to_string(S) + " keys");
            break;
        }
        case Mask::local_p: {
            if (o.form == Form::multi_head)
                refuse(mask + " predicts one centre per query from W_p; it is defined for a single head, not " + form);
            if (o.window < 1) refuse(mask + " needs options.window D ≥ 1 (its Gaussian has σ = D/2)");
            const Named W_p = use("W_p", in.W_p, mask, "(d_p, d_k of the queries)");
            const Matrix v_p = xt::reshape_view(in.v_p, {std::size_t{1}, in.v_p.size()});
            const Named v{"v_p", &v_p};
            require_present(v, mask, "(d_p)");
            detail::require_values(v, true);
            require_equal(q_width, 1, W_p, 1);
            if (v_p.shape(1) != W_p.m->shape(0))
                refuse("v_p has " + std::to_string(v_p.shape(1)) + " entries but W_p has " +
                       std::to_string(W_p.m->shape(0)) + " rows: W_p " + detail::shape_of(W_p) + ", v_p (" +
                       std::to_string(v_p.shape(1)) + ")");
            break;
        }
        case Mask::custom: {
            const Named M = use("mask", in.mask, mask, "(T, S)");
            require_equal(queries, 0, M, 0);
            require_equal(keys, 0, M, 1);
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t j = 0; j < S; ++j)
                    if (in.mask(t, j) != 0.0 && in.mask(t, j) != 1.0)
                        refuse("mask(" + std::to_string(t) + ", " + std::to_string(j) + ") = " +
                               std::to_string(in.mask(t, j)) + ": a mask holds only 0 (masked) and 1 (may attend)");
            break;
        }
        default: break;
    }

    // [SECTION] Normaliser and algorithm
    const std::string normalise = "normalise " + detail::quoted(kNormaliseNames, o.normalise);
    if (o.normalise != Normalise::softmax && o.mask == Mask::local_p)
        refuse(mask + " multiplies softmax weights by a Gaussian (Luong 2015); it needs normalise \"softmax\", not " +
               normalise);
    if (o.algorithm == Algorithm::tiled) {
        if (o.normalise != Normalise::softmax)
            refuse("algorithm \"tiled\" computes the softmax online, tile by tile; it cannot make " + normalise +
                   "'s one-hot choice: use algorithm \"standard\"");
        if (o.mask == Mask::local_p)
            refuse("algorithm \"tiled\" computes plain softmax attention; " + mask +
                   " reweights it with a Gaussian afterwards: use algorithm \"standard\"");
    }
    if (o.algorithm == Algorithm::linear) {
        const std::string why = "algorithm \"linear\" replaces the softmax's e^(q·k) by φ(q)·φ(k) (Katharopoulos 2020)";
        if (o.score != Score::dot) refuse(why + ", so it takes variant \"dot\", not " + score);
        if (o.temperature != 1.0) refuse(why + ", which has no temperature: set options.temperature to 1");
        if (o.normalise != Normalise::softmax) refuse(why + " and has no probabilities to choose from: use normalise \"softmax\"");
        if (o.mask != Mask::none && o.mask != Mask::causal)
            refuse(why + "; its sums run over all keys or over a causal prefix, so it takes mask \"none\" or \"causal\", not " +
                   mask);
    }

    // [SECTION] Use of the context
    const std::size_t d_v = o.form == Form::plain ? in.V.shape(1) : in.W_V.shape(1) / H;
    const std::string use_name = "use " + detail::quoted(kContextUseNames, o.use);
    if (o.form == Form::multi_head && (o.use == ContextUse::concat_tanh || o.use == ContextUse::add))
        refuse(form + " already ends with its output projection W_O; " + use_name +
               " is defined for a single head: use \"none\"");
    if (o.use == ContextUse::concat_tanh) {
        const Named Hd = use("H", in.H_dec, use_name, "(T, d_h)");
        const Named W_c = use("W_c", in.W_c, use_name, "(d_o, d_v + d_h)");
        require_equal(queries, 0, Hd, 0);
        if (W_c.m->shape(1) != d_v + Hd.m->shape(1))
            refuse("W_c has " + std::to_string(W_c.m->shape(1)) + " columns but [c; h] has " +
                   std::to_string(d_v + Hd.m->shape(1)) + " entries (d_v = " + std::to_string(d_v) + " plus H's " +
                   std::to_string(Hd.m->shape(1)) + "): W_c " + detail::shape_of(W_c) + ", H " + detail::shape_of(Hd));
    } else if (o.use == ContextUse::add) {
        const Named Hd = use("H", in.H_dec, use_name, "(T, d_v)");
        const Matrix context = xt::zeros<double>({T, d_v});  // stands in for C in the messages
        require_equal({"the context C", &context}, 0, Hd, 0);
        require_equal({"the context C", &context}, 1, Hd, 1);
    } else if (o.use == ContextUse::output_projection && o.form != Form::multi_head) {
        const Named W_O = use("W_O", in.W_O, use_name, "(d_v, d_o)");
        const Matrix context = xt::zeros<double>({T, d_v});
        require_equal({"the context C", &context}, 1, W_O, 0);
    }

    // [SECTION] Values
    for (const Named& x : used) detail::require_values(x, false);
}

namespace detail {

std::string shape_of(const Named& x) {
    std::ostringstream out;
    out << "(" << x.m->shape(0) << ", " << x.m->shape(1) << ")";
    return out.str();
}

void require_present(const Named& x, const std::string& reader, const char* shape) {
    if (!is_present(*x.m))
        refuse(x.name + " is missing or empty: " + reader + " reads " + x.name + " " + shape);
}

// "<b> has n <axis> but <a> has m <axis>: a (…), b (…)"
void require_equal(const Named& a, int axis_a, const Named& b, int axis_b) {
    const std::size_t n_a = a.m->shape(static_cast<std::size_t>(axis_a)), n_b = b.m->shape(static_cast<std::size_t>(axis_b));
    if (n_a == n_b) return;
    const char* axis[] = {"rows", "columns"};
    refuse(b.name + " has " + std::to_string(n_b) + " " + axis[axis_b] + " but " + a.name + " has " +
           std::to_string(n_a) + " " + axis[axis_a] + ": " + a.name + " " + shape_of(a) + ", " + b.name + " " +
           shape_of(b));
}

void require_values(const Named& x, bool is_vector) {
    const Matrix& m = *x.m;
    const double* values = m.data();
    // |v| ≤ 1e30 is false for NaN and ±∞ too, so one test per value covers all three. Scan
    // without an early exit (the compiler vectorises it), and look for the culprit only on failure.
    bool all_fit = true;
    for (std::size_t i = 0; i < m.size(); ++i) all_fit &= std::fabs(values[i]) <= kMaxAbsInput;
    if (all_fit) return;
    std::size_t i = 0;
    while (std::fabs(values[i]) <= kMaxAbsInput) ++i;
    const double v = values[i];
    const std::size_t r = i / m.shape(1), c = i % m.shape(1);
    std::ostringstream out;
    out << x.name << "(" << (is_vector ? "" : std::to_string(r) + ", ") << c << ") = " << v
        << (std::isfinite(v) ? " is outside the supported range |x| ≤ 1e30" : " is not a finite number");
    static_assert(kMaxAbsInput == 1e30, "update the message above");
    refuse(out.str());
}

}  // namespace detail

}  // namespace attn
