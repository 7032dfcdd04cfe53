// diagnostics.cpp — entropy, peak and spread of each row of weights. See diagnostics.hpp.
//
// The obvious versions, −Σ w ln w and "sort the row, add the largest until 90 %", cost a log per
// weight and n log n per row; for n = 1024 that is most of a recompute. Both have O(n) forms
// with the same results, written out below: the entropy of a softmax from its scores, and a
// bucketed count of the heaviest keys.
#include "diagnostics.hpp"

#include <algorithm>
#include <functional>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "row_reductions.hpp"
#include "softmax.hpp"

namespace attn {

namespace detail {
double row_entropy(const double* w_t, std::size_t S, double mass, double w_max, std::size_t argmax, const double* s_t);
}  // namespace detail


// weights, scaled: (T, S)
void compute_diagnostics(const Matrix& weights, const std::vector<bool>& empty_rows, std::vector<RowDiagnostics>& rows,
                         const Matrix* scaled, Scratch& scratch) {
    const std::size_t T = weights.shape(0), S = weights.shape(1);
    constexpr double kMassShare = 0.9;  // keys_for_90 counts the keys holding 90 % of the mass
    // A row of exactly 0.9 should count as reaching it despite rounding in the sums.
    constexpr double kMassSlack = 1e-12;
    rows.assign(T, RowDiagnostics{});
    for (std::size_t t = 0; t < T; ++t) {
        RowDiagnostics& row = rows[t];
        row.empty = empty_rows[t];
        if (row.empty) continue;
        const double* w_t = &weights(t, 0);
        auto weight = [w_t](std::size_t j) { return w_t[j]; };
        const double mass = sum_of(S, weight), max_weight = max_of(S, 0.0, weight);
        row.max_weight = max_weight;
        row.argmax = static_cast<std::size_t>(std::find(w_t, w_t + S, max_weight) - w_t);  // the first
        if (mass <= 0.0) continue;
        row.entropy = detail::row_entropy(w_t, S, mass, max_weight, row.argmax, scaled ? &(*scaled)(t, 0) : nullptr);
        row.keys_for_90 = keys_for_mass(w_t, S, mass, max_weight, kMassShare * mass - kMassSlack, scratch);
    }
}

// probabilities: (T, S)
void add_jacobian_norms(const Matrix& probabilities, double share, std::vector<RowDiagnostics>& rows) {
    const std::size_t T = probabilities.shape(0), S = probabilities.shape(1);
    for (std::size_t t = 0; t < T; ++t) rows[t].jacobian_norm += share * softmax_jacobian_norm(&probabilities(t, 0), S);
}

// w: (n)
std::size_t keys_for_mass(const double* w, std::size_t n, double total, double heaviest, double target,
                          Scratch& scratch) {
    if (!(target > 0.0)) return 0;
    // Sorted from the heaviest, the key that completes the target has the others after it
    // holding more than total − target together, so it weighs at least (total − target) / n.
    // Lighter keys can be ignored; half that bound leaves a margin for rounding.
    const double lower = 0.5 * (total - target) / static_cast<double>(n);
    // Buckets by value, without sorting: a non-negative double's IEEE-754 bit pattern, read as
    // an integer, is ordered like the value itself. Its top bits (exponent and 3 mantissa bits)
    // cut the values into ranges a factor of at most 2^(1/8) wide, in increasing order.
    auto bucket_of = [](double x) {
        std::uint64_t bits;
        std::memcpy(&bits, &x, sizeof bits);
        return bits >> 49;
    };
    if (heaviest < lower) return 0;
    // Bucket 0 collects the keys lighter than `lower`, which are never counted; bucket i ≥ 1
    // holds the bit patterns from first + i − 1. Routing the light keys there instead of
    // skipping them keeps the loop free of a branch that random weights would mispredict.
    const std::uint64_t first = bucket_of(lower) - 1, last = bucket_of(heaviest);
    const std::size_t buckets = static_cast<std::size_t>(last - first) + 1;
    auto index_of = [&](double x) { return x < lower ? std::size_t{0} : static_cast<std::size_t>(bucket_of(x) - first); };
    // Two histograms, one per half of the row, filled in the same loop: consecutive weights often
    // fall in the same bucket, and each addition would otherwise wait for the previous one.
    const std::size_t half = n / 2;
    scratch.work.assign(4 * buckets + n, 0.0);
    double* mass_a = scratch.work.data();
    double* count_a = mass_a + buckets;
    double* mass_b = count_a + buckets;
    double* count_b = mass_b + buckets;
    for (std::size_t j = 0; j < half; ++j) {
        const std::size_t a = index_of(w[j]), b = index_of(w[half + j]);
        mass_a[a] += w[j];
        count_a[a] += 1.0;
        mass_b[b] += w[half + j];
        count_b[b] += 1.0;
    }
    if (n % 2) {
        const std::size_t b = index_of(w[n - 1]);
        mass_b[b] += w[n - 1];
        count_b[b] += 1.0;
    }
    // Take whole buckets from the heaviest down, until one would reach the target; within that
    // bucket, the same again on a finer split, then count by selection.
    double mass = 0.0;
    std::size_t taken = 0;
    for (std::size_t b = buckets; b-- > 1;) {
        const double bucket_mass = mass_a[b] + mass_b[b];
        if (mass + bucket_mass < target) {
            mass += bucket_mass;
            taken += static_cast<std::size_t>(count_a[b] + count_b[b]);
            continue;
        }
        // The bucket's weights are those between its first bit pattern and the next bucket's.
        auto value_of = [](std::uint64_t bucket) {
            const std::uint64_t bits = bucket << 49;
            double x;
            std::memcpy(&x, &bits, sizeof x);
            return x;
        };
        const double lo = value_of(first + b), hi = value_of(first + b + 1);
        double* candidates = count_b + buckets;
        std::size_t found = 0;
        for (std::size_t j = 0; j < n; ++j) {  // branch-free: write always, advance when inside
            candidates[found] = w[j];
            found += static_cast<std::size_t>((w[j] >= lo) & (w[j] < hi));
        }
        // The next 6 bits of the pattern split the bucket 64 ways, each at most a factor
        // 2^(1/512) wide; only the part that reaches the target is left to count by selection.
        constexpr std::size_t kParts = 64;
        auto part_of = [](double x) {
            std::uint64_t bits;
            std::memcpy(&bits, &x, sizeof bits);
            return static_cast<std::size_t>(bits >> 43) % kParts;
        };
        double part_mass[kParts] = {}, part_count[kParts] = {};
        for (std::size_t c = 0; c < found; ++c) {
            part_mass[part_of(candidates[c])] += candidates[c];
            part_count[part_of(candidates[c])] += 1.0;
        }
        for (std::size_t q = kParts; q-- > 0;) {
            if (mass + part_mass[q] < target) {
                mass += part_mass[q];
                taken += static_cast<std::size_t>(part_count[q]);
                continue;
            }
            std::size_t in_part = 0;
            for (std::size_t c = 0; c < found; ++c) {  // gathered to the front, branch-free again
                candidates[in_part] = candidates[c];
                in_part += static_cast<std::size_t>(part_of(candidates[c]) == q);
            }
            return taken + count_heaviest(candidates, in_part, target - mass);
        }
        return taken;
    }
    // Rounding kept the sum just short of the target: every key ≥ lower was needed, and the
    // lighter ones are too small to matter within the slack.
    return taken;
}

// w: (n)
std::size_t keys_for_mass_plain(const double* w, std::size_t n, double target) {
    std::vector<double> sorted(w, w + n);
    std::sort(sorted.begin(), sorted.end(), std::greater<double>());
    double sum = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        sum += sorted[k];
        if (sum >= target) return k + 1;
    }
    return n;
}

std::size_t count_heaviest(double* w, std::size_t n, double target) {
    // Quickselect-style: the candidates w[lo, hi) are all lighter than every key taken so far.
    // Partition them around a pivot into heavier | equal | lighter: if the heavier part alone
    // reaches the target, the answer lies inside it; otherwise take it whole, then pivots one by
    // one, then continue among the lighter ones.
    std::size_t taken = 0, lo = 0, hi = n;
    double mass = 0.0;
    while (lo < hi && mass < target) {
        const double pivot = w[lo + (hi - lo) / 2];
        std::size_t heavy_end = lo, equal_end = lo, light_begin = hi;  // [lo, heavy_end) > pivot, …
        while (equal_end < light_begin) {
            if (w[equal_end] > pivot) std::swap(w[heavy_end++], w[equal_end++]);
            else if (w[equal_end] < pivot) std::swap(w[equal_end], w[--light_begin]);
            else ++equal_end;
        }
        double heavy = 0.0;
        for (std::size_t j = lo; j < heavy_end; ++j) heavy += w[j];
        if (mass + heavy >= target) {
            hi = heavy_end;
            continue;
        }
        mass += heavy;
        taken += heavy_end - lo;
        for (std::size_t j = heavy_end; j < equal_end && mass < target; ++j) {
            mass += pivot;
            ++taken;
        }
        lo = light_begin;
    }
    return taken;
}

namespace detail {

// The entropy of row t: −Σ pⱼ ln pⱼ with pⱼ = wⱼ / mass (local-p rows sum to less than 1, so they
// are rescaled to a distribution first). w_max = w_t[argmax], the row's largest weight.
double row_entropy(const double* w_t, std::size_t S, double mass, double w_max, std::size_t argmax, const double* s_t) {
    if (s_t == nullptr) {
        // −Σ pⱼ ln pⱼ = ln mass − (Σ wⱼ ln wⱼ) / mass: one log per weight.
        double w_log_w = 0.0;
        for (std::size_t j = 0; j < S; ++j)
            if (w_t[j] > 0.0) w_log_w += w_t[j] * std::log(w_t[j]);
        return std::max(0.0, std::log(mass) - w_log_w / mass);
    }
    // A softmax has ln wⱼ = s'ⱼ − m − ln Z (m the largest allowed score, Z = Σ e^(s' − m)), and
    // its largest weight is e⁰ / Z = 1 / Z. So the entropy −Σ wⱼ ln wⱼ = −ln w_max + Σ wⱼ (m − s'ⱼ):
    // two non-negative terms (no cancellation, even for scores of 1e30) and one log per row.
    // The largest weight sits at the largest allowed score, so m = s'[argmax]. Masked-out keys
    // need no test: their weight is exactly 0, and m − s' is finite (inputs of at most 1e30
    // keep every score far inside the double range), so their terms are 0.
    const double m = s_t[argmax];
    const double spread = sum_of(S, [&](std::size_t j) { return w_t[j] * (m - s_t[j]); });
    return std::max(0.0, -std::log(w_max) + spread);
}

}  // namespace detail

}  // namespace attn
