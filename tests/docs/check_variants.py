#!/usr/bin/python3
"""check_variants.py — docs/variants.md's tables are the descriptors, as the CLI prints them.

    /usr/bin/python3 tests/docs/check_variants.py path/to/attention-cli [--update]

Writes the part of docs/variants.md between its two marker lines from `attention-cli --choices`
(core/choices.hpp) and fails when the file holds anything else there; --update rewrites it. So a
new choice appears in the docs by being described once in the core.
"""
import argparse
import json
import os
import re
import subprocess
import sys

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "variants.md")
BEGIN = "<!-- the tables below are written by tests/docs/check_variants.py from attention-cli --choices -->"
END = "<!-- end of the generated tables -->"


def code(words):
    return ", ".join(f"`{w}`" for w in words)


def tables(choices):
    lines = []
    for kind in choices["kinds"]:
        where = f'options.{kind["key"]}' if kind["in_options"] else kind["key"]
        lines += [f'### {kind["label"]} (`{where}`)', "", kind["help"], "",
                  "| value | paper | computes | reads | options | steps |", "|---|---|---|---|---|---|"]
        reasons = []
        for v in kind["values"]:
            reads = ", ".join(f'`{r["name"]}` {r["shape"]}' + (" if given" if r["if_absent"] else "") for r in v["reads"])
            options = ", ".join(f'`{o["name"]}` ≥ {o["min"]}' for o in v["options"])
            cells = [f'`{v["name"]}`', v["paper"], v["formula"].replace("|", "\\|"), reads, options, code(v["steps"])]
            lines.append("| " + " | ".join(cells) + " |")
            reasons += [f'- `{v["name"]}` refuses {r["kind"]} ' + ("other than " if r["except"] else "") +
                        f'{code(r["values"])}: ' + re.sub(r"\{(\w+)\}", r"the chosen \1", r["why"]) for r in v["refuses"]]
        lines.append("")
        if reasons:
            lines += reasons + [""]
    options = ", ".join(f'`{o["name"]}` {o["min"]} … {o["max"]}' for o in choices["int_options"])
    lines += [f"Integer options and the range a scenario may hold: {options}."]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    choices = json.loads(subprocess.run([args.cli, "--choices"], capture_output=True, text=True, check=True).stdout)
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    head, rest = text.split(BEGIN + "\n", 1)
    _, tail = rest.split(END, 1)
    wanted = head + BEGIN + "\n" + tables(choices) + "\n" + END + tail
    if args.update:
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(wanted)
        print(f"wrote {DOC}")
        return 0
    if wanted != text:
        print("docs/variants.md differs from the descriptors: rerun with --update")
        print("docs: 0 passed, 1 failed")
        return 1
    print("docs: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
