#!/usr/bin/env python3
"""Helpers of bench/run.sh: turn hyperfine/time/fmlint output into table rows.

    results.py check FMLINT_JSON MANIFEST TREE_NAME N EXIT_CODE  -> one line of findings
    results.py row N BYTES HYPERFINE_JSON SINGLE_JSON RSS_KB     -> one Markdown table row
"""

import json
import statistics
import sys


def median(result):
    if result.get("median") is not None:
        return result["median"]
    return statistics.median(result["times"])


def fmt_time(seconds):
    if seconds < 1:
        return "%.1f ms" % (seconds * 1000) if seconds >= 0.01 else "%.2f ms" % (seconds * 1000)
    return "%.2f s" % seconds


def fmt_size(n):
    return "%.1f MB" % (n / 1e6)


def row(n, total_bytes, multi_json, single_json, rss_kb):
    with open(multi_json) as f:
        results = {r["command"]: r for r in json.load(f)["results"]}
    with open(single_json) as f:
        single = json.load(f)["results"][0]
    cat, rg, fm = (median(results[k]) for k in ("cat", "rg", "fmlint"))
    rss = "%.1f" % (int(rss_kb) / 1024) if rss_kb.isdigit() else "n/a"
    cells = [
        "{:,}".format(int(n)),
        fmt_size(int(total_bytes)),
        fmt_time(cat),
        fmt_time(rg),
        fmt_time(fm),
        "%.1f×" % (fm / rg),
        rss,
        fmt_time(median(single)),
        "%.0f µs" % (fm / int(n) * 1e6) if int(n) else "n/a",
    ]
    print("| " + " | ".join(cells) + " |")


def check(fmlint_json, manifest, tree_name, n, exit_code):
    """Compare the files fmlint flagged with the seeded mistakes."""
    expected = {}
    with open(manifest, encoding="utf-8") as f:
        for line in f:
            path, kind = line.rstrip("\n").split("\t")
            expected[tree_name + "/" + path] = kind
    try:
        with open(fmlint_json, encoding="utf-8") as f:
            out = json.load(f)
        diags = out["diagnostics"]
        checked = out.get("summary", {}).get("files", "?")
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("| {:,} | {} | fmlint's JSON output could not be read ({}) | | | |".format(int(n), exit_code, e))
        return
    flagged = {}
    for d in diags:
        flagged.setdefault(d.get("path") or d.get("file") or "?", []).append(d.get("code", "?"))
    unexpected = sorted(set(flagged) - set(expected))
    missed = sorted(set(expected) - set(flagged))
    multi = sum(1 for p in expected if len(flagged.get(p, [])) > 1)
    sample = ", ".join("`%s` (%s)" % (p, ", ".join(sorted(set(flagged[p])))) for p in unexpected[:2])
    print("| {:,} | {} | {} | {} / {} | {}{} | {} | {} |".format(
        int(n), exit_code, checked, len(set(flagged) & set(expected)), len(expected),
        len(unexpected), (": e.g. " + sample) if sample else "", len(missed), multi))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "row":
        row(*args)
    elif cmd == "check":
        check(*args)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
