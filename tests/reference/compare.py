#!/usr/bin/python3
"""compare.py — the CLI against the NumPy reference, on random scenarios of every variant.

    /usr/bin/python3 tests/reference/compare.py path/to/attention-cli [--count N] [--seed S]

Generates random scenarios covering every form, score, mask, normaliser, algorithm and use of
the context (each value of each choice at least a few times, the other choices drawn at random
and then repaired into a combination the core accepts), runs the CLI on each, recomputes it with
attention_ref.py, and compares every step and diagnostic they share. Fails when any value
differs by more than 1e-9, when a step of the CLI has no reference counterpart, or when the CLI
refuses a valid scenario. Prints the max abs difference per step id and overall.
"""
import argparse
import json
import os
import random
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attention_ref import reference_trace  # noqa: E402

TOLERANCE = 1e-9
CHOICES = {
    "form": ["plain", "self", "cross", "multi_head", "multi_head_cross"],
    "variant": ["dot", "scaled_dot", "general", "additive"],
    "mask": ["none", "causal", "padding", "local_m", "local_p", "sliding_window", "strided", "fixed", "custom"],
    "normalise": ["softmax", "hard_argmax", "hard_sample"],
    "algorithm": ["standard", "tiled", "linear"],
    "use": ["none", "concat_tanh", "add", "output_projection"],
}


def repair(cfg, fixed):
    """Make a random combination valid, changing any choice but `fixed` (docs/scenario.md lists the rules)."""
    def setv(axis, value):
        if axis != fixed:
            cfg[axis] = value
        return cfg[axis] == value

    multi = cfg["form"].startswith("multi_head")
    if cfg["algorithm"] == "linear":
        if not (setv("variant", "dot") and (cfg["mask"] in ("none", "causal") or setv("mask", "causal"))
                and setv("normalise", "softmax")):
            setv("algorithm", "standard")
    if multi and cfg["variant"] in ("general", "additive"):
        if not setv("variant", "scaled_dot"):
            setv("form", "self")
    multi = cfg["form"].startswith("multi_head")
    if multi and cfg["mask"] == "local_p":
        if not setv("form", "plain"):
            setv("mask", "causal")
    multi = cfg["form"].startswith("multi_head")
    if multi and cfg["use"] in ("concat_tanh", "add"):
        if not setv("use", "none"):
            setv("form", "plain")
    if cfg["mask"] == "local_p":
        if not setv("normalise", "softmax"):
            setv("mask", "local_m")
        if cfg["mask"] == "local_p" and not setv("algorithm", "standard"):
            setv("mask", "causal")
    if cfg["algorithm"] == "tiled" and cfg["normalise"] != "softmax":
        if not setv("normalise", "softmax"):
            setv("algorithm", "standard")
    if cfg["algorithm"] == "linear":  # re-check after the changes above
        assert cfg["variant"] == "dot" and cfg["mask"] in ("none", "causal") and cfg["normalise"] == "softmax"
    return cfg


def random_scenario(rng, cfg, scale=1.0):
    """scale multiplies the sequences (Q, K, V, X, Y): large scales push φ and the softmax to their extremes."""
    r = lambda *shape: np.round(rng.normal(0.0, 1.0, shape), 6).tolist()  # noqa: E731
    big = lambda *shape: (np.round(rng.normal(0.0, 1.0, shape), 6) * scale).tolist()  # noqa: E731
    form = cfg["form"]
    multi = form.startswith("multi_head")
    H = rng.integers(1, 4) if multi else 1
    T = int(rng.integers(1, 8))
    S = T if form in ("self", "multi_head") else int(rng.integers(1, 8))
    d, d_y = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    same_width = cfg["variant"] in ("dot", "scaled_dot")
    d_q = int(rng.integers(1, 5))
    d_k = d_q if same_width else int(rng.integers(1, 5))
    d_v = int(rng.integers(1, 5))
    opts = {"temperature": 1.0 if cfg["algorithm"] == "linear" else float(rng.choice([1.0, 0.5, 2.5])),
            "mask": cfg["mask"], "normalise": cfg["normalise"], "algorithm": cfg["algorithm"], "use": cfg["use"],
            "window": int(rng.integers(1 if cfg["mask"] == "local_p" else 0, 4)), "stride": int(rng.integers(1, 4)),
            "tile": int(rng.integers(1, S + 2)), "seed": int(rng.integers(0, 2**31 - 1)), "heads": int(H)}
    if cfg["mask"] == "padding":
        opts["key_lengths"] = ([int(rng.integers(0, S + 1))] if rng.random() < 0.5
                               else [int(x) for x in rng.integers(0, S + 1, T)])
    m = {}
    if form == "plain":
        m.update(Q=big(T, d_q), K=big(S, d_k), V=big(S, d_v))
    elif multi:
        m.update(X=big(T, d), W_Q=r(d, H * d_q), W_V=r(d_y if form == "multi_head_cross" else d, H * d_v),
                 W_O=r(H * d_v, int(rng.integers(1, 5))))
        if form == "multi_head_cross":
            m.update(Y=big(S, d_y), W_K=r(d_y, H * d_q))
        else:
            m.update(W_K=r(d, H * d_q))
    else:
        dk_src = d_y if form == "cross" else d
        m.update(X=big(T, d), W_Q=r(d, d_q), W_K=r(dk_src, d_k), W_V=r(dk_src, d_v))
        if form == "cross":
            m["Y"] = big(S, d_y)
    if cfg["variant"] == "general":
        m["W_a"] = r(d_q, d_k)
    if cfg["variant"] == "additive":
        d_a = int(rng.integers(1, 5))
        m.update(W_a=r(d_a, d_q), U_a=r(d_a, d_k), v_a=r(d_a))
    if cfg["mask"] == "local_p":
        d_p = int(rng.integers(1, 4))
        m.update(W_p=r(d_p, d_q), v_p=r(d_p))
    if cfg["mask"] == "custom":
        m["mask"] = rng.integers(0, 2, (T, S)).astype(float).tolist()
    if cfg["use"] == "concat_tanh":
        d_h = int(rng.integers(1, 4))
        m.update(H=r(T, d_h), W_c=r(int(rng.integers(1, 4)), d_v + d_h))
    elif cfg["use"] == "add":
        m["H"] = r(T, d_v)
    elif cfg["use"] == "output_projection" and not multi:
        m["W_O"] = r(d_v, int(rng.integers(1, 4)))
    return {"variant": cfg["variant"], "form": "multi_head" if multi else form, "options": opts, "matrices": m}


def as_array(data):
    """JSON data to float array; null (tiled running max of −∞) back to −∞."""
    def fix(x):
        return [fix(v) for v in x] if isinstance(x, list) else (-np.inf if x is None else x)
    return np.array(fix(data), dtype=float)


def max_diff(a, b):
    if a.shape != b.shape:
        return np.inf
    both_inf = np.isinf(a) & np.isinf(b) & (np.sign(a) == np.sign(b))
    with np.errstate(invalid="ignore"):
        d = np.where(both_inf, 0.0, np.abs(a - b))
    return float(d.max()) if d.size else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--count", type=int, default=1000, help="random scenarios after the sweep")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    pick = random.Random(args.seed)

    configs = []
    for axis, values in CHOICES.items():  # the sweep: every value of every choice, 4 times
        for value in values:
            for _ in range(4):
                cfg = {a: pick.choice(v) for a, v in CHOICES.items()}
                cfg[axis] = value
                configs.append(repair(cfg, axis))
    for _ in range(args.count):
        configs.append(repair({a: pick.choice(v) for a, v in CHOICES.items()}, None))
    # Linear attention at the extremes: entries of ±40 and ±1000 make φ underflow (x < −745).
    scales = [1.0] * len(configs)
    for n in range(60):
        cfg = {a: pick.choice(v) for a, v in CHOICES.items()}
        cfg["algorithm"] = "linear"
        configs.append(repair(cfg, "algorithm"))
        scales.append([40.0, 1000.0][n % 2])

    worst, compared = {}, {}  # per step id (without the head prefix)
    failures = []
    covered = {a: set() for a in CHOICES}
    for n, cfg in enumerate(configs):
        sc = random_scenario(rng, cfg, scales[n])
        text = json.dumps(sc)
        run = subprocess.run([args.cli, "-"], input=text, capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"scenario {n} {cfg}: CLI exit {run.returncode}: {run.stderr.strip()}")
            continue
        for a in CHOICES:
            covered[a].add(cfg[a])
        out = json.loads(run.stdout)
        ref_steps, ref_rows = reference_trace(sc)
        for step in out["steps"]:
            sid = step["id"]
            key = sid.split(".", 1)[1] if sid.startswith("head") else sid
            if sid not in ref_steps:
                failures.append(f"scenario {n} ({out['variant']}): step {sid} has no reference value")
                continue
            ref = np.asarray(ref_steps[sid], dtype=float)
            diff = max_diff(as_array(step["data"]), ref)
            if scales[n] != 1.0:  # sums of numbers up to 1e6: relative to the step's largest value
                finite = np.abs(ref[np.isfinite(ref)])
                diff /= max(1.0, finite.max(initial=0.0))
            worst[key] = max(worst.get(key, 0.0), diff)
            compared[key] = compared.get(key, 0) + 1
            if not diff <= TOLERANCE:
                failures.append(f"scenario {n} ({out['variant']}): step {sid} differs by {diff:.3g}")
        for t, (row, ref) in enumerate(zip(out["diagnostics"]["rows"], ref_rows)):
            for field in ("entropy", "max_weight", "jacobian_norm"):
                diff = abs(row[field] - ref[field])
                worst["diag." + field] = max(worst.get("diag." + field, 0.0), diff)
                if not diff <= TOLERANCE:
                    failures.append(f"scenario {n} ({out['variant']}): row {t} {field} {row[field]} vs {ref[field]}")
            for field in ("argmax", "keys_for_90", "empty"):
                if row[field] != ref[field]:
                    failures.append(f"scenario {n} ({out['variant']}): row {t} {field} {row[field]} vs {ref[field]}")
        if len(out["diagnostics"]["rows"]) != len(ref_rows):
            failures.append(f"scenario {n}: {len(out['diagnostics']['rows'])} diagnostic rows, expected {len(ref_rows)}")

    print(f"{len(configs)} scenarios; max abs difference per step id (tolerance {TOLERANCE:g}), times compared:")
    for key in sorted(worst):
        print(f"  {key:<22} {worst[key]:<10.3g} {compared.get(key, len(configs))}")
    overall = max(worst.values()) if worst else float("nan")
    print(f"overall max abs difference: {overall:.3g}")
    missing = {a: sorted(set(v) - covered[a]) for a, v in CHOICES.items() if set(v) - covered[a]}
    if missing:
        failures.append(f"choices never exercised: {missing}")
    for f in failures[:40]:
        print("FAIL", f)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
