#!/usr/bin/python3
"""compare.py — the CLI against the NumPy reference, on random scenarios of every variant.

    /usr/bin/python3 tests/reference/compare.py path/to/attention-cli [--count N] [--seed S]

Generates random scenarios covering every value of every kind of choice, as the CLI's
descriptors list them (`attention-cli --choices`): each value at least a few times, the other
choices drawn at random and then repaired into a combination the descriptors accept, the
matrices drawn in the shapes the chosen values read. Runs the CLI on each, recomputes it with
attention_ref.py, and compares every step and diagnostic they share. Fails when any value
differs by more than 1e-9, when a step of the CLI has no reference counterpart, or when the CLI
refuses a valid scenario. Prints the max abs difference per step id and overall. The loss, its
targets and the gradients ("loss", "target_…", "grad.…", the tiled backward's "delta") are grad_compare.py's
to check, against PyTorch.
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


class Variants:
    """Every choice's descriptor, as `attention-cli --choices` prints them (core/choices.hpp)."""

    def __init__(self, cli):
        run = subprocess.run([cli, "--choices"], capture_output=True, text=True, check=True)
        described = json.loads(run.stdout)
        self.kinds = described["kinds"]                                    # in pipeline order
        self.choices = {k["key"]: [v["name"] for v in k["values"]] for k in self.kinds}
        self.values = {k["key"]: {v["name"]: v for v in k["values"]} for k in self.kinds}
        self.int_options = {o["name"]: o for o in described["int_options"]}

    def chosen(self, cfg):
        """The chosen value's descriptor of each kind, in pipeline order."""
        return [self.values[k["key"]][cfg[k["key"]]] for k in self.kinds]

    def draw(self, pick):
        return {key: pick.choice(names) for key, names in self.choices.items()}

    def repair(self, cfg, fixed):
        """Make a combination one the core accepts, changing any choice but `fixed`: while a chosen
        value refuses another kind's value, change that other value (or, when it is `fixed`, this one)."""
        for _ in range(4 * len(self.kinds)):
            refused = next(((k["key"], r) for k, c in zip(self.kinds, self.chosen(cfg)) for r in c["refuses"]
                            if (cfg[r["kind"]] in r["values"]) != r["except"]), None)
            if refused is None:
                return cfg
            key, r = refused
            if r["kind"] != fixed:
                names = self.choices[r["kind"]]
                cfg[r["kind"]] = r["values"][0] if r["except"] else next(v for v in names if v not in r["values"])
            else:
                cfg[key] = self.choices[key][0]
        raise AssertionError(f"no accepted combination near {cfg} with {fixed} fixed")


def eval_shape(shape, letters, H):
    """'(d_a, d_q)' → [d_a, d_q]; 'n_h·d_q' is n_h blocks of d_q, 'd_c + d_h' two blocks side by side."""
    def axis(text):
        return sum(H * letters[t.strip()[4:]] if t.strip().startswith("n_h·") else letters[t.strip()]
                   for t in text.split("+"))
    return [axis(a) for a in shape.strip("()").split(",")]


def random_scenario(variants, rng, cfg, scale=1.0):
    """Random matrices of the shapes the chosen values read. scale multiplies the sequences the
    learner gives (Q, K, V, X, Y): large scales push φ and the softmax to their extremes."""
    chosen = variants.chosen(cfg)
    H = int(rng.integers(1, 4)) if cfg["form"] == "multi_head" else 1
    L = {"T": int(rng.integers(1, 8)), "S": int(rng.integers(1, 8)), "d": int(rng.integers(1, 6)),
         "d_y": int(rng.integers(1, 6)), "d_q": int(rng.integers(1, 5)), "d_k": int(rng.integers(1, 5)),
         "d_v": int(rng.integers(1, 5)), "d_a": int(rng.integers(1, 5)), "d_p": int(rng.integers(1, 4)),
         "d_h": int(rng.integers(1, 4)), "d_o": int(rng.integers(1, 4))}
    reads = {}  # name → descriptor of the read, first reader first
    for c in chosen:
        for r in c["reads"]:
            reads.setdefault(r["name"], r)
    present = {name: not r["if_absent"] or rng.random() < 0.5 for name, r in reads.items()}
    agree = [pair for c in chosen for pair in c["same"]]
    agree += [pair for name, r in reads.items() if not present[name] for pair in r["if_absent"]]
    for pair in agree:  # the left letter takes the right one's value
        a, b = pair.split("=")
        L[a] = L[b]
    L["d_c"] = H * L["d_v"]
    if cfg["form"] != "multi_head" and cfg["use"] in ("none", "add"):  # the output is as wide as the context
        L["d_o"] = L["d_c"]
    m = {}
    for name, r in reads.items():
        if not present[name]:
            continue
        shape = eval_shape(r["shape"], L, H)
        if name == "mask":  # the learner's own 0/1 pattern
            m[name] = rng.integers(0, 2, shape).astype(float).tolist()
        elif name == "target_weights":  # how much each query should look at each key: ≥ 0
            m[name] = np.round(rng.uniform(0.0, 1.0, shape), 6).tolist()
        else:
            values = np.round(rng.normal(0.0, 1.0, shape), 6)
            m[name] = (values * scale if r["fill"] == "given" else values).tolist()
    least = {o["name"]: max([o["min"]] + [read["min"] for c in chosen for read in c["options"] if read["name"] == o["name"]])
             for o in variants.int_options.values()}
    opts = {"temperature": 1.0 if cfg["algorithm"] == "linear" else float(rng.choice([1.0, 0.5, 2.5])),
            "window": int(rng.integers(least["window"], 4)), "stride": int(rng.integers(least["stride"], 4)),
            "tile": int(rng.integers(least["tile"], L["S"] + 2)), "seed": int(rng.integers(0, 2**31 - 1)), "heads": H}
    for k in variants.kinds:  # the kinds JSON holds under "options", where not at their defaults
        if k["in_options"] and cfg[k["key"]] != variants.choices[k["key"]][0]:
            opts[k["key"]] = cfg[k["key"]]
    if cfg["mask"] == "padding":
        opts["key_lengths"] = ([int(rng.integers(0, L["S"] + 1))] if rng.random() < 0.5
                               else [int(x) for x in rng.integers(0, L["S"] + 1, L["T"])])
    top = {k["key"]: cfg[k["key"]] for k in variants.kinds if not k["in_options"]}
    return {**top, "options": opts, "matrices": m}


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
    variants = Variants(args.cli)

    configs = []
    for axis, values in variants.choices.items():  # the sweep: every value of every choice, 4 times
        for value in values:
            for _ in range(4):
                cfg = variants.draw(pick)
                cfg[axis] = value
                configs.append(variants.repair(cfg, axis))
    for _ in range(args.count):
        configs.append(variants.repair(variants.draw(pick), None))
    # Linear attention at the extremes: entries of ±40 and ±1000 make φ underflow (x < −745).
    scales = [1.0] * len(configs)
    for n in range(60):
        cfg = variants.draw(pick)
        cfg["algorithm"] = "linear"
        configs.append(variants.repair(cfg, "algorithm"))
        scales.append([40.0, 1000.0][n % 2])

    worst, compared = {}, {}  # per step id (without the head prefix)
    failures = []
    covered = {a: set() for a in variants.choices}
    for n, cfg in enumerate(configs):
        sc = random_scenario(variants, rng, cfg, scales[n])
        text = json.dumps(sc)
        run = subprocess.run([args.cli, "-"], input=text, capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"scenario {n} {cfg}: CLI exit {run.returncode}: {run.stderr.strip()}")
            continue
        for a in variants.choices:
            covered[a].add(cfg[a])
        out = json.loads(run.stdout)
        ref_steps, ref_rows = reference_trace(sc)
        for step in out["steps"]:
            sid = step["id"]
            if is_backward(sid):  # grad_compare.py's
                continue
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
    missing = {a: sorted(set(v) - covered[a]) for a, v in variants.choices.items() if set(v) - covered[a]}
    if missing:
        failures.append(f"choices never exercised: {missing}")
    return report(failures)


def is_backward(sid):
    """The loss, its targets and the backward pass's steps: grad_compare.py checks them against PyTorch."""
    return sid in ("loss", "target_weights", "target_output") or sid.startswith("grad.") or sid.split(".")[-1] == "delta"


def report(failures):
    """Print the first failures, or PASS. Returns the exit code."""
    for f in failures[:40]:
        print("FAIL", f)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
