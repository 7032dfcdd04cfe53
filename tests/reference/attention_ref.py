"""attention_ref.py — an independent NumPy implementation of every attention variant.

Written from the papers' formulas, not ported from the C++ core: whole-matrix NumPy expressions
where the core uses loops, closed forms where the core uses recurrences (the tiled pass's running
max and sum, causal linear attention), and the textbook multi-head formulation (per-head scaled
dot-product, concatenation, W_O). compare.py runs both on random scenarios and compares every
step they share. Step ids and shapes follow docs/trace.md; the scenario schema docs/scenario.md.

    reference_trace(scenario_dict) -> (steps: {id: ndarray}, diagnostics: [row dicts])

Vectors (v_a, a_g, v_p, Z, p, uniform) are 1-D arrays; everything else is 2-D.
"""
import numpy as np

# [SECTION] Small pieces straight from the papers


def softmax_rows(s, allowed):
    """Row softmax over allowed entries; rows with nothing allowed are all zero."""
    s = np.where(allowed, s, -np.inf)
    empty = ~allowed.any(axis=1)
    m = np.where(empty, 0.0, s.max(axis=1, initial=-np.inf))
    e = np.where(allowed, np.exp(s - m[:, None]), 0.0)
    total = e.sum(axis=1)
    w = np.divide(e, total[:, None], out=np.zeros_like(e), where=total[:, None] > 0)
    return w, empty


def phi(x):
    """Katharopoulos 2020, eq. 7: elu(x) + 1."""
    return np.where(x > 0, x + 1.0, np.exp(np.minimum(x, 0.0)))


def log_phi(x):
    """log φ(x): x where x ≤ 0, log(1 + x) above."""
    return np.where(x > 0, np.log1p(np.maximum(x, 0.0)), x)


MASK64 = (1 << 64) - 1


def splitmix64(state):
    """Returns (new_state, z). Steele, Lea, Flood 2014; Vigna's splitmix64.c."""
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def build_mask(opts, T, S, custom=None, p=None):
    t = np.arange(T)[:, None]
    j = np.arange(S)[None, :]
    kind = opts["mask"]
    D, W, l = opts["window"], opts["window"], opts["stride"]
    if kind == "none":
        m = np.ones((T, S), bool)
    elif kind == "causal":
        m = j <= t
    elif kind == "padding":
        L = np.array(opts["key_lengths"])
        L = np.full(T, L[0]) if L.size == 1 else L
        m = j < L[:, None]
    elif kind == "local_m":
        m = np.abs(j - t) <= D
    elif kind == "local_p":
        m = np.abs(j - p[:, None]) <= D
    elif kind == "sliding_window":
        m = (t - j >= 0) & (t - j < W)
    elif kind == "strided":  # Child 2019: previous l positions, and every l-th one back
        m = (j <= t) & (((t - j) < l) | ((t - j) % l == 0))
    elif kind == "fixed":  # Child 2019: own block of l, and each block's last column
        m = (j <= t) & (((j // l) == (t // l)) | (j % l == l - 1))
    elif kind == "custom":
        m = custom != 0
    else:
        raise ValueError(kind)
    return np.broadcast_to(m, (T, S)).copy()


# [SECTION] One head


def attend(steps, prefix, Q, K, V, opts, M, rng_state, head=0, heads=1):
    """Adds one head's steps (head `head` of `heads`); returns (weights, probabilities or None,
    context, empty, rng_state)."""
    T, S = Q.shape[0], K.shape[0]
    score, tau, algo = opts["variant"], opts["temperature"], opts["algorithm"]

    if algo == "linear":  # Katharopoulos 2020, eq. 4–6 (global) and 8–10 (causal)
        fQ, fK = phi(Q), phi(K)
        steps[prefix + "phi_Q"], steps[prefix + "phi_K"] = fQ, fK
        causal = opts["mask"] == "causal"
        if causal:
            csum = np.cumsum(fK, axis=0)
            steps[prefix + "Z_prefix"] = csum[np.minimum(np.arange(T), S - 1)]
        else:
            steps[prefix + "KV"] = fK.T @ V
            steps[prefix + "Z"] = fK.sum(axis=0)
        if M is None:
            M = build_mask(opts, T, S)
            steps[prefix + "mask"] = M.astype(float)
        # wₜⱼ ∝ Σᵢ φ(qₜᵢ)φ(kⱼᵢ), from logs: exact where φ itself underflows (x < −745).
        log_A = np.logaddexp.reduce(log_phi(Q)[:, None, :] + log_phi(K)[None, :, :], axis=2)
        allowed = M.astype(bool)
        empty = ~allowed.any(axis=1)
        log_A = np.where(allowed, log_A, -np.inf)
        top = np.where(empty, 0.0, log_A.max(axis=1, initial=-np.inf))
        A = np.where(allowed, np.exp(log_A - top[:, None]), 0.0)
        total = A.sum(axis=1)
        w = np.divide(A, total[:, None], out=np.zeros_like(A), where=~empty[:, None])
        steps[prefix + "weights"] = w
        steps[prefix + "context"] = w @ V
        return w, None, w @ V, empty, rng_state

    if score in ("dot", "scaled_dot"):
        s = Q @ K.T
    elif score == "general":  # Luong 2015: q^T W_a k
        W_a = opts["W_a"]
        steps[prefix + "W_a"] = W_a
        steps[prefix + "Q_W_a"] = Q @ W_a
        s = Q @ W_a @ K.T
    elif score == "graph":  # Veličković 2018: LeakyReLU(a^T [W q ‖ W k]), negative slope 0.2
        W_g, a_g = opts["W_g"], opts["a_g"]
        steps[prefix + "W_g"], steps[prefix + "a_g"] = W_g, a_g
        Wq, Wk = Q @ W_g.T, K @ W_g.T
        steps[prefix + "W_g_q"], steps[prefix + "W_g_k"] = Wq, Wk
        d_a = W_g.shape[0]
        pairs = np.concatenate([np.broadcast_to(Wq[:, None, :], (T, S, d_a)),
                                np.broadcast_to(Wk[None, :, :], (T, S, d_a))], axis=2)
        e = pairs @ a_g
        s = np.where(e > 0, e, 0.2 * e)
    else:  # Bahdanau 2015: v_a^T tanh(W_a q + U_a k)
        W_a, U_a, v_a = opts["W_a"], opts["U_a"], opts["v_a"]
        steps[prefix + "W_a"], steps[prefix + "U_a"], steps[prefix + "v_a"] = W_a, U_a, v_a
        Wq, Uk = Q @ W_a.T, K @ U_a.T
        steps[prefix + "W_a_q"], steps[prefix + "U_a_k"] = Wq, Uk
        s = np.tanh(Wq[:, None, :] + Uk[None, :, :]) @ v_a
    steps[prefix + "scores"] = s
    scaled = s / (np.sqrt(Q.shape[1]) * tau) if score == "scaled_dot" else s / tau
    steps[prefix + "scaled"] = scaled
    if opts.get("bias", "none") == "alibi":  # Press 2022: −m_h·|t − j|, m_h = 2^(−8h/n_h), h = 1 … n_h
        m = 2.0 ** (-8.0 * (head + 1) / heads)
        b = -m * np.abs(np.arange(T)[:, None] - np.arange(S)[None, :]).astype(float)
        steps[prefix + "bias"] = b
        scaled = scaled + b
        steps[prefix + "biased"] = scaled

    p = None
    if opts["mask"] == "local_p":  # Luong 2015, eq. 9
        W_p, v_p = opts["W_p"], opts["v_p"]
        steps[prefix + "W_p"], steps[prefix + "v_p"] = W_p, v_p
        p = S / (1.0 + np.exp(-(np.tanh(Q @ W_p.T) @ v_p)))
        steps[prefix + "p"] = p
    if M is None:
        M = build_mask(opts, T, S, opts.get("custom"), p)
        steps[prefix + "mask"] = M.astype(float)
    M = M.astype(bool)

    probs, empty = softmax_rows(scaled, M)
    if algo == "tiled":  # closed forms of the running statistics after each tile
        B = opts["tile"]
        n_b = -(-S // B)
        run_max = np.full((n_b, T), -np.inf)
        run_sum = np.zeros((n_b, T))
        for b in range(n_b):
            seen = M & (np.arange(S)[None, :] < (b + 1) * B)
            any_seen = seen.any(axis=1)
            m_b = np.where(seen, scaled, -np.inf).max(axis=1)
            run_max[b] = m_b
            safe = np.where(any_seen, m_b, 0.0)
            run_sum[b] = np.where(seen, np.exp(scaled - safe[:, None]), 0.0).sum(axis=1)
        steps[prefix + "running_max"], steps[prefix + "running_sum"] = run_max, run_sum
        w = probs
        steps[prefix + "weights"] = w
        steps[prefix + "jacobian_diag"] = w * (1 - w)
    elif opts["mask"] == "local_p":  # Luong 2015, eq. 10
        steps[prefix + "align"] = probs
        steps[prefix + "jacobian_diag"] = probs * (1 - probs)
        sigma = opts["window"] / 2.0
        g = np.exp(-((np.arange(S)[None, :] - p[:, None]) ** 2) / (2 * sigma**2))
        steps[prefix + "gaussian"] = g
        w = probs * g
        steps[prefix + "weights"] = w
    elif opts["normalise"] == "softmax":
        w = probs
        steps[prefix + "weights"] = w
        steps[prefix + "jacobian_diag"] = w * (1 - w)
    else:  # Xu 2015: hard attention, one key per query
        steps[prefix + "alpha"] = probs
        steps[prefix + "jacobian_diag"] = probs * (1 - probs)
        w = np.zeros((T, S))
        if opts["normalise"] == "hard_argmax":
            for t in range(T):
                if not empty[t]:
                    w[t, np.argmax(np.where(M[t], scaled[t], -np.inf))] = 1.0
        else:
            u = np.zeros(T)
            for t in range(T):
                rng_state, z = splitmix64(rng_state)
                u[t] = (z >> 11) * 2.0**-53
                if empty[t]:
                    continue
                below = u[t] < np.cumsum(probs[t])
                j = int(np.argmax(below)) if below.any() else int(np.nonzero(probs[t] > 0)[0][-1])
                w[t, j] = 1.0
            steps[prefix + "uniform"] = u
        steps[prefix + "weights"] = w
    c = w @ V
    steps[prefix + "context"] = c
    return w, probs, c, empty, rng_state


# [SECTION] Whole variants


def reference_trace(sc):
    opts = dict(
        variant=sc.get("variant", "scaled_dot"), temperature=1.0, mask="none", window=2, stride=2, key_lengths=[],
        normalise="softmax", seed=1, algorithm="standard", tile=4, heads=1, use="none")
    opts.update(sc.get("options", {}))
    mats = {k: np.array(v, dtype=float) for k, v in sc.get("matrices", {}).items()}
    for name in ("W_a", "U_a", "v_a", "W_g", "a_g", "W_p", "v_p"):
        if name in mats:
            opts[name] = mats[name]
    if "mask" in mats:
        opts["custom"] = mats["mask"]
    form = sc.get("form", "plain")
    steps = {}
    rng = opts["seed"]

    if form == "multi_head":  # Vaswani 2017, §3.2.2
        X = mats["X"]
        Y = mats.get("Y", X)
        H = opts["heads"]
        W_Q, W_K, W_V, W_O = mats["W_Q"], mats["W_K"], mats["W_V"], mats["W_O"]
        steps.update(X=X, W_Q=W_Q, W_K=W_K, W_V=W_V, W_O=W_O)
        if "Y" in mats:
            steps["Y"] = Y
        T, S = X.shape[0], Y.shape[0]
        d_k, d_v = W_Q.shape[1] // H, W_V.shape[1] // H
        M = build_mask(opts, T, S, opts.get("custom"))
        steps["mask"] = M.astype(float)
        heads, ws, probs_all, empty_all = [], [], [], np.ones(T, bool)
        for i in range(H):
            pre = f"head{i}."
            Qi = X @ W_Q[:, i * d_k:(i + 1) * d_k]
            Ki = Y @ W_K[:, i * d_k:(i + 1) * d_k]
            Vi = Y @ W_V[:, i * d_v:(i + 1) * d_v]
            steps[pre + "Q"], steps[pre + "K"], steps[pre + "V"] = Qi, Ki, Vi
            w, pr, c, empty, rng = attend(steps, pre, Qi, Ki, Vi, opts, M, rng, i, H)
            heads.append(c)
            ws.append(w)
            probs_all.append(pr)
            empty_all &= empty  # the mean row is empty only when every head's is
        w_mean = np.mean(ws, axis=0)
        C = np.concatenate(heads, axis=1)
        steps["weights"], steps["context"], steps["output"] = w_mean, C, C @ W_O
        jac = np.mean([jacobian_norms(p) for p in probs_all], axis=0) if probs_all[0] is not None else np.zeros(T)
        return steps, diagnostics(w_mean, empty_all, jac)

    if form == "plain":
        Q, K, V = mats["Q"], mats["K"], mats["V"]
    else:
        X = mats["X"]
        Y = mats["Y"] if form == "cross" else X
        steps.update(X=X, W_Q=mats["W_Q"], W_K=mats["W_K"], W_V=mats["W_V"])
        if form == "cross":
            steps["Y"] = Y
        Q, K, V = X @ mats["W_Q"], Y @ mats["W_K"], Y @ mats["W_V"]
    steps.update(Q=Q, K=K, V=V)
    w, pr, c, empty, rng = attend(steps, "", Q, K, V, opts, None, rng)

    use = opts["use"]
    if use == "concat_tanh":  # Luong 2015, eq. 5
        Hd, W_c = mats["H"], mats["W_c"]
        cat = np.concatenate([c, Hd], axis=1)
        steps.update(H=Hd, W_c=W_c, concat=cat, attentional=np.tanh(cat @ W_c.T))
    elif use == "add":
        steps.update(H=mats["H"], output=c + mats["H"])
    elif use == "output_projection":
        steps.update(W_O=mats["W_O"], output=c @ mats["W_O"])
    jac = jacobian_norms(pr) if pr is not None else np.zeros(Q.shape[0])
    return steps, diagnostics(w, empty, jac)


# [SECTION] Diagnostics


def jacobian_norms(P):
    """‖diag(p) − p pᵀ‖_F for each row p, from the full matrix."""
    return np.array([np.linalg.norm(np.diag(p) - np.outer(p, p)) for p in P])


def diagnostics(W, empty, jac):
    rows = []
    for t, w in enumerate(W):
        row = dict(entropy=0.0, max_weight=0.0, argmax=0, keys_for_90=0, jacobian_norm=float(jac[t]),
                   empty=bool(empty[t]))
        if not empty[t]:
            total = w.sum()
            q = w[w > 0] / total
            row["entropy"] = max(0.0, float(-(q * np.log(q)).sum()))
            row["max_weight"] = float(w.max())
            row["argmax"] = int(np.argmax(w))
            cum = np.cumsum(np.sort(w)[::-1])
            row["keys_for_90"] = int(np.argmax(cum >= 0.9 * total - 1e-12)) + 1
        rows.append(row)
    return rows
