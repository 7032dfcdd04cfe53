#!/usr/bin/python3
"""check_traces.py — every number the CLI prints, and every hover text, stays as it is unless changed on purpose.

    /usr/bin/python3 tests/golden/check_traces.py path/to/attention-cli path/to/explain_dump [--update]

Runs the CLI on every example and on 300 random scenarios across every allowed combination
(tests/reference/compare.py's generator, fixed seed) and compares the SHA-256 of each printed
trace (its release left out), whose numbers are in shortest round-trip form, with traces.sha256
beside this file; then the same for explain_dump's text, the explanation of every cell of every step. A restructuring
of the core must leave every line as it is. A change that alters numbers or texts on purpose
reruns this with --update and says why in its commit.
"""
import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "reference"))
from compare import Variants, random_scenario  # noqa: E402

GOLDEN = os.path.join(here, "traces.sha256")
EXAMPLES = os.path.join(here, "..", "..", "examples")
APPLICATIONS = os.path.join(here, "..", "..", "applications")
COUNT, SEED = 300, 7


def without_version(output):
    """The trace without its first field, the release that wrote it: a new release changes no digest."""
    return re.sub(rb'^\{"explorer_version": "[^"]*",\n', b"{", output)


def scenarios(variants):
    """(name, JSON text) pairs: the examples and applications, then the random scenarios."""
    for folder, path in (("examples", EXAMPLES), ("applications", APPLICATIONS)):
        for name in sorted(os.listdir(path)):
            with open(os.path.join(path, name), encoding="utf-8") as f:
                yield f"{folder}/{name}", f.read()
    rng, pick = np.random.default_rng(SEED), random.Random(SEED)
    for n in range(COUNT):
        cfg = variants.repair(variants.draw(pick), None)
        yield f"random/{n}", json.dumps(random_scenario(variants, rng, cfg))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("explain_dump")
    ap.add_argument("--update", action="store_true", help="rewrite traces.sha256 from this CLI")
    args = ap.parse_args()
    lines = []
    for name, text in scenarios(Variants(args.cli)):
        for kind, command in (("trace", [args.cli, "-"]), ("explain", [args.explain_dump])):
            run = subprocess.run(command, input=text.encode(), capture_output=True)
            digest = hashlib.sha256(without_version(run.stdout)).hexdigest() if run.returncode == 0 else f"exit {run.returncode}"
            lines.append(f"{digest}  {kind}:{name}")
    if args.update:
        with open(GOLDEN, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"wrote {len(lines)} trace digests to {GOLDEN}")
        return 0
    with open(GOLDEN, encoding="utf-8") as f:
        expected = f.read().splitlines()
    changed = [f"{name}: {got.split()[0]} (expected {want.split()[0]})"
               for got, want, name in ((g, w, g.split()[1]) for g, w in zip(lines, expected)) if got != want]
    if len(lines) != len(expected):
        changed.append(f"{len(lines)} scenarios, {len(expected)} digests")
    for c in changed[:20]:
        print("CHANGED", c)
    failed = 1 if changed else 0
    print(f"{len(lines)} digests (traces and explanations), {len(changed)} changed")
    print(f"golden: {1 - failed} passed, {failed} failed")
    return failed


if __name__ == "__main__":
    sys.exit(main())
