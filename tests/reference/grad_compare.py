#!/usr/bin/python3
"""grad_compare.py — the CLI's backward pass against PyTorch's autograd, on random scenarios.

    /usr/bin/python3 tests/reference/grad_compare.py path/to/attention-cli [--count N] [--seed S]

Draws random scenarios as compare.py does, with every loss but none and every value of every
other kind the loss accepts, runs the CLI, rebuilds the same forward computation in float64
PyTorch from the scenario, and lets autograd differentiate it. Every "grad.<id>" step of the CLI
must equal the gradient autograd gives the tensor of that id, and "loss" the loss, within 1e-9
(relative to the step's largest value where that exceeds 1).
The mask and hard_sample's draws are read from the CLI's trace (compare.py checks them against
NumPy): they are constants of the backward pass. hard_sample's gradient of the scores is the
REINFORCE estimate, which autograd gives as the gradient of L·Σₜ ln αₜⱼₜ with L held constant.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import Variants, as_array, max_diff, random_scenario, report  # noqa: E402

TOLERANCE = 1e-9
INPUTS = ("Q", "K", "V", "X", "Y", "W_Q", "W_K", "W_V", "W_O", "W_a", "U_a", "v_a", "W_g", "a_g", "W_p", "v_p", "W_c", "H")


def forward(sc, cli, through_weights=False):
    """The scenario's forward pass in PyTorch. Returns (loss, tensors by step id); every tensor
    keeps its gradient. cli: the CLI's steps by id, for the mask and the draws. Linear attention's
    context is φ(Q)·KV / φ(Q)·Z as the CLI computes it, or with through_weights the same context as
    W·V, W the masked softmax of the log-kernel s = ln φ(Q)·φ(K)ᵀ, whose gradient it then holds."""
    opts = dict(variant=sc.get("variant", "scaled_dot"), temperature=1.0, mask="none", normalise="softmax",
                heads=1, use="none", bias="none", window=2)
    opts.update(sc["options"])
    mats = sc["matrices"]
    t = {}  # step id → tensor

    def leaf(name):
        t[name] = torch.tensor(np.array(mats[name], dtype=float), dtype=torch.float64, requires_grad=True)
        return t[name]

    def kept(name, x):
        x.retain_grad()
        t[name] = x
        return x

    for name in INPUTS:
        if name in mats:
            leaf(name)
    score, tau, normalise = opts["variant"], opts["temperature"], opts["normalise"]
    surrogate = []  # hard_sample: Σₜ ln αₜⱼₜ of every head, to be scaled by L

    def linear_head(pre, Q, K, V):
        def phi(X):  # elu(x) + 1
            return torch.where(X > 0, X + 1, torch.exp(torch.clamp(X, max=0.0)))
        fQ, fK = kept(pre + "phi_Q", phi(Q)), kept(pre + "phi_K", phi(K))
        M = torch.tensor(as_array(cli["mask"]), dtype=torch.float64)
        kernel = (fQ @ fK.T) * M
        if through_weights:
            e = torch.exp(kept(pre + "log_kernel", torch.log(fQ @ fK.T))) * M
            return kept(pre + "context", kept(pre + "weights", e / e.sum(1, keepdim=True)) @ V)
        kept(pre + "weights", kernel / kernel.sum(1, keepdim=True))
        if opts["mask"] == "causal":  # row t of Z_prefix sums the keys j ≤ t; KVₜ is no step
            Z = kept(pre + "Z_prefix", M @ fK)
            return kept(pre + "context", (kernel @ V) / (fQ * Z).sum(1, keepdim=True))
        KV, Z = kept(pre + "KV", fK.T @ V), kept(pre + "Z", fK.sum(0))
        return kept(pre + "context", (fQ @ KV) / (fQ @ Z)[:, None])

    def head(pre, Q, K, V, h, H):
        T, S = Q.shape[0], K.shape[0]
        if opts.get("algorithm") == "linear":
            return linear_head(pre, Q, K, V)
        if score in ("dot", "scaled_dot"):
            s = Q @ K.T
        elif score == "general":
            s = kept(pre + "Q_W_a", Q @ t["W_a"]) @ K.T
        elif score == "graph":
            A, B = kept(pre + "W_g_q", Q @ t["W_g"].T), kept(pre + "W_g_k", K @ t["W_g"].T)
            d_a = A.shape[1]
            pairs = torch.cat([A[:, None, :].expand(T, S, d_a), B[None, :, :].expand(T, S, d_a)], dim=2)
            s = torch.nn.functional.leaky_relu(pairs @ t["a_g"], 0.2)
        else:
            A, B = kept(pre + "W_a_q", Q @ t["W_a"].T), kept(pre + "U_a_k", K @ t["U_a"].T)
            s = torch.tanh(A[:, None, :] + B[None, :, :]) @ t["v_a"]
        s = kept(pre + "scores", s)
        scaled = kept(pre + "scaled", s / (math.sqrt(Q.shape[1]) * tau) if score == "scaled_dot" else s / tau)
        if opts["bias"] == "alibi":
            m = 2.0 ** (-8.0 * (h + 1) / H)
            b = -m * torch.abs(torch.arange(T)[:, None] - torch.arange(S)[None, :]).double()
            scaled = kept(pre + "biased", scaled + b)
        M = torch.tensor(as_array(cli["mask"]), dtype=torch.float64) != 0
        safe = torch.where(M, scaled, torch.zeros_like(scaled))  # −∞ rows would give NaN gradients
        e = torch.where(M, torch.exp(safe - torch.where(M, scaled, torch.full_like(scaled, -1e300)).max(1, keepdim=True)
                                     .values.clamp(min=-1e300).detach()), torch.zeros_like(scaled))
        total = e.sum(1, keepdim=True)
        probs = e / torch.where(total > 0, total, torch.ones_like(total))
        if normalise == "hard_sample":
            w = torch.tensor(as_array(cli[pre + "weights"]), dtype=torch.float64, requires_grad=True)
            picked = w.detach() > 0
            surrogate.append(torch.log(torch.where(picked, probs, torch.ones_like(probs))).sum())
            t[pre + "weights"] = w
        elif opts["mask"] == "local_p":  # the window is the CLI's mask; p moves w through the Gaussian
            p = kept(pre + "p", S * torch.sigmoid(torch.tanh(kept(pre + "W_p_q", Q @ t["W_p"].T)) @ t["v_p"]))
            sigma = opts["window"] / 2.0
            g = kept(pre + "gaussian", torch.exp(-(torch.arange(S)[None, :].double() - p[:, None]) ** 2 / (2 * sigma ** 2)))
            w = kept(pre + "weights", kept(pre + "align", probs) * g)
        else:
            w = kept(pre + "weights", probs)
        return kept(pre + "context", w @ V)

    form = sc.get("form", "plain")
    if form == "multi_head":
        X = t["X"]
        Y = t.get("Y", X)
        H = opts["heads"]
        Q = kept("Q", X @ t["W_Q"])
        K = kept("K", Y @ t["W_K"])
        V = kept("V", Y @ t["W_V"])
        d_k, d_v = Q.shape[1] // H, V.shape[1] // H
        contexts, weights = [], []
        for i in range(H):
            pre = f"head{i}."
            Qi = kept(pre + "Q", Q[:, i * d_k:(i + 1) * d_k])
            Ki = kept(pre + "K", K[:, i * d_k:(i + 1) * d_k])
            Vi = kept(pre + "V", V[:, i * d_v:(i + 1) * d_v])
            contexts.append(head(pre, Qi, Ki, Vi, i, H))
            weights.append(t[pre + "weights"])
        kept("weights", torch.stack(weights).mean(0))
        C = kept("context", torch.cat(contexts, 1))
        O = kept("output", C @ t["W_O"])
    else:
        if form == "plain":
            Q, K, V = t["Q"], t["K"], t["V"]
        else:
            X = t["X"]
            Y = t["Y"] if form == "cross" else X
            Q, K, V = kept("Q", X @ t["W_Q"]), kept("K", Y @ t["W_K"]), kept("V", Y @ t["W_V"])
        C = head("", Q, K, V, 0, 1)
        use = opts["use"]
        if use == "concat_tanh":
            cat = kept("concat", torch.cat([C, t["H"]], 1))
            O = kept("attentional", torch.tanh(cat @ t["W_c"].T))
        elif use == "add":
            O = kept("output", C + t["H"])
        elif use == "output_projection":
            O = kept("output", C @ t["W_O"])
        else:
            O = C

    loss = opts["loss"]
    if loss == "upstream":
        L = (torch.tensor(mats["dO"], dtype=torch.float64) * O).sum()
    elif loss == "squared_error":
        L = 0.5 * ((O - torch.tensor(mats["target_output"], dtype=torch.float64)) ** 2).sum()
    else:  # the targets the CLI counts: at the keys each query sees
        y = torch.tensor(as_array(cli["target_weights"]), dtype=torch.float64)
        w = t["weights"]
        L = -(y * torch.log(torch.where(y > 0, w, torch.ones_like(w)))).sum()
    total = L + L.detach() * sum(surrogate) if surrogate else L
    total.backward()
    return L, t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--count", type=int, default=400, help="random scenarios after the sweep")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    pick = random.Random(args.seed)
    variants = Variants(args.cli)
    losses = [v for v in variants.choices["loss"] if v != "none"]

    configs = []
    for axis, values in variants.choices.items():  # every value of every kind, with every loss
        for value in values:
            for loss in losses:
                cfg = variants.draw(pick)
                cfg[axis], cfg["loss"] = value, loss
                cfg = variants.repair(cfg, axis)
                if cfg["loss"] != "none" and cfg[axis] == value:
                    configs.append(cfg)
    for _ in range(args.count):
        cfg = variants.draw(pick)
        cfg["loss"] = pick.choice(losses)
        cfg = variants.repair(cfg, "loss")
        configs.append(cfg)

    worst, failures, covered = {}, [], {a: set() for a in variants.choices}
    for n, cfg in enumerate(configs):
        sc = random_scenario(variants, rng, cfg)
        run = subprocess.run([args.cli, "-"], input=json.dumps(sc), capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"scenario {n} {cfg}: CLI exit {run.returncode}: {run.stderr.strip()}")
            continue
        out = json.loads(run.stdout)
        steps = {s["id"]: s["data"] for s in out["steps"]}
        L, tensors = forward(sc, steps)
        for a in variants.choices:
            covered[a].add(cfg[a])
        checked = {"loss": max_diff(as_array(steps["loss"]), np.array([L.item()]))}
        for sid, data in steps.items():
            if sid.split(".")[-1] == "delta":  # the tiled backward's Dₜ = Σᵢ ∂L/∂cₜᵢ cₜᵢ
                c = tensors[sid[:-len("delta")] + "context"]
                ref = (c.grad * c).sum(1).detach().numpy() if c.grad is not None else np.zeros(c.shape[0])
                checked[sid] = max_diff(as_array(data), ref) / max(1.0, float(np.abs(ref).max(initial=0.0)))
            if not sid.startswith("grad."):
                continue
            if sid.endswith("log_kernel"):  # the same loss, the context taken through the weights
                if "log_kernel" not in str(list(tensors)):
                    tensors.update({k: v for k, v in forward(sc, steps, through_weights=True)[1].items()
                                    if k.endswith("log_kernel")})
            x = tensors.get(sid[len("grad."):])
            if x is None:
                failures.append(f"scenario {n} ({out['variant']}): {sid} has no PyTorch counterpart")
                continue
            ref = x.grad.numpy() if x.grad is not None else np.zeros(tuple(x.shape))  # L does not read it
            # relative to the step's largest value: −y/w grows large where a weight is small
            checked[sid] = max_diff(as_array(data), ref) / max(1.0, float(np.abs(ref).max(initial=0.0)))
        for sid, diff in checked.items():
            key = ("grad." + sid.split(".", 2)[2] if sid.startswith("grad.head")
                   else sid.split(".", 1)[1] if sid.startswith("head") else sid)  # heads together
            worst[key] = max(worst.get(key, 0.0), diff)
            if not diff <= TOLERANCE:
                failures.append(f"scenario {n} ({out['variant']}): {sid} differs by {diff:.3g}")

    print(f"{len(configs)} scenarios; max abs difference from autograd per step id (tolerance {TOLERANCE:g}):")
    for key in sorted(worst):
        print(f"  {key:<22} {worst[key]:.3g}")
    missing = {a: sorted(set(v) - covered[a]) for a, v in variants.choices.items() if set(v) - covered[a]}
    refused = {"loss": ["none"], "normalise": ["hard_argmax"]}
    missing = {a: [v for v in vs if v not in refused.get(a, [])] for a, vs in missing.items()}
    missing = {a: vs for a, vs in missing.items() if vs}
    if missing:
        failures.append(f"differentiable choices never exercised: {missing}")
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
