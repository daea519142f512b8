#!/usr/bin/env python3
"""Helpers of bench/run.sh and bench/peers.sh: turn hyperfine/time/tool output into tables.

    results.py check FMLINT_JSON MANIFEST TREE_NAME N EXIT_CODE  -> one line of findings
    results.py row N BYTES HYPERFINE_JSON SINGLE_JSON RSS_KB     -> one Markdown table row
    results.py peer-check TOOL OUTPUT MANIFEST TREE_NAME N EXIT  -> one line of findings
    results.py wall TIME_V_LOG                                   -> wall seconds of that run
    results.py peers DIR LINKS_DIR LINKS_STATUS MACHINE VERSIONS RUNS WARMUP SLOW N...
                                                                 -> bench/out/peers.md
"""

import json
import os
import re
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


# --- peers.sh ---------------------------------------------------------------------------

KINDS = ["widget-typo", "quoted-boolean", "missing-lang", "underscore-lang", "impossible-date"]
# The tools of a size's table, in order, with what each row measures.
TOOLS = [
    ("cat", "cat", "read every file (the floor)"),
    ("rg", "rg", "parallel read of every byte"),
    ("fmlint", "fmlint", "`fmlint --offline --quiet`"),
    ("lintel-cold", "lintel", "empty validation cache: every file validated"),
    ("lintel-warm", "lintel", "rerun: every result from its validation cache"),
    ("remark", "remark", "remark-cli + remark-lint-frontmatter-schema"),
]


def read_manifest(path, tree_name):
    expected = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rel, kind = line.rstrip("\n").split("\t")
            expected[tree_name + "/" + rel] = kind
    return expected


def peer_check(tool, output, manifest, tree_name, n, exit_code):
    """Which files a tool's output names, against the seeded mistakes, by kind."""
    expected = read_manifest(manifest, tree_name)
    with open(output, encoding="utf-8", errors="replace") as f:
        text = f.read()
    pattern = re.compile(re.escape(tree_name) + r"/content/[^\s:\[\]()<>,'\"`]+?\.md")
    flagged = set(pattern.findall(text))
    unexpected = sorted(flagged - set(expected))
    cells = ["{:,}".format(int(n)), tool, exit_code,
             "%d / %d" % (len(flagged & set(expected)), len(expected))]
    for kind in KINDS:
        paths = [p for p, k in expected.items() if k == kind]
        cells.append("%d / %d" % (sum(1 for p in paths if p in flagged), len(paths)))
    other = str(len(unexpected))
    if unexpected:
        other += ": e.g. `%s`" % unexpected[0]
    cells.append(other)
    print("| " + " | ".join(cells) + " |")


def wall_seconds(time_log):
    """Wall time of one run from a `/usr/bin/time -v` log, or None."""
    try:
        with open(time_log) as f:
            for line in f:
                if "Elapsed (wall clock)" in line:
                    parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
                    secs = 0.0
                    for p in parts:
                        secs = secs * 60 + p
                    return secs
    except OSError:
        pass
    return None


def rss_mb(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        return int(m.group(1)) / 1024
    text = text.strip()
    return int(text) / 1024 if text.isdigit() else None


def hf_median(path, name=None):
    """(median seconds, runs, mean CPU seconds) of one command of a hyperfine export, or None."""
    try:
        with open(path) as f:
            results = json.load(f)["results"]
    except (OSError, ValueError, KeyError):
        return None
    for r in results:
        if name is None or r["command"] == name:
            cpu = (r.get("user") or 0) + (r.get("system") or 0)
            return median(r), len(r.get("times") or []), cpu
    return None


def time_v_cpu(time_log):
    """User + system seconds from a `/usr/bin/time -v` log, or None."""
    try:
        with open(time_log) as f:
            text = f.read()
    except OSError:
        return None
    u = re.search(r"User time \(seconds\): ([\d.]+)", text)
    s = re.search(r"System time \(seconds\): ([\d.]+)", text)
    return float(u.group(1)) + float(s.group(1)) if u and s else None


def read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return None


def fmt_ratio(x):
    return "%.0f×" % x if x >= 100 else ("%.1f×" % x if x >= 1 else "%.2f×" % x)


def peers(d, links_dir, links_status, machine, versions, runs, warmup, slow, *sizes):
    out = []
    w = out.append
    w("# fmlint and its peers")
    w("")
    w("- " + machine)
    w("- " + versions)
    w("- trees: bench/gen_tree.py (Mainroad-style posts, 90 %% YAML and 10 %% TOML front matter, "
      "3 %% with one seeded mistake); warm page cache; hyperfine medians of %s runs after %s "
      "warm-up run(s); a tool whose first run took over %s s: that one run (`runs` = 1)" % (runs, warmup, slow))
    w("- schema: fmlint's embedded one (`fmlint schema`), mapped to every post for each peer")
    w("")
    w("| posts | tool | what | median | time ÷ fmlint's | CPU (user + sys) | runs | peak RSS |")
    w("|---:|---|---|---:|---:|---:|---:|---:|")
    data = {}
    for n in sizes:
        fm = hf_median(os.path.join(d, "hf-%s-fmlint.json" % n))
        for key, tool, what in TOOLS:
            skip = read_text(os.path.join(d, "skip-%s-%s.txt" % (n, tool)))
            if skip is not None and key not in ("lintel-warm",):
                w("| {:,} | {} | left out: {} | | | | | |".format(int(n), tool, skip))
                continue
            if skip is not None:
                continue
            m = hf_median(os.path.join(d, "hf-%s-%s.json" % (n, key)))
            rss_file = os.path.join(d, "rss-%s-%s.txt" % (n, "lintel" if key == "lintel-cold" else key))
            if m is None:
                wall = wall_seconds(rss_file)
                m = (wall, 1, time_v_cpu(rss_file)) if wall is not None else None
            if m is None:
                continue
            rss = rss_mb(rss_file)
            data[(n, key)] = (m[0], rss)
            label = tool if key not in ("lintel-cold", "lintel-warm") else key.replace("-", " (") + " cache)"
            ratio = fmt_ratio(m[0] / fm[0]) if fm else "?"
            w("| {:,} | {} | {} | {} | {} | {} | {} | {} |".format(
                int(n), label, what, fmt_time(m[0]), ratio,
                fmt_time(m[2]) if m[2] else "?", m[1],
                "%.0f MB" % rss if rss is not None else "?"))
    w("")
    w("What each tool reported, against the generator's seeded mistakes (files named in its "
      "output; `other files` should be 0). Peers do not know the formats `hugo-date` and "
      "`bcp47`, so `underscore-lang` (`zh_CN`) and `impossible-date` (`2025-13-45`) are out of "
      "their reach; remark-lint-frontmatter-schema reads YAML front matter only.")
    w("")
    w("| posts | tool | exit | seeded files flagged | " + " | ".join(KINDS) + " | other files flagged |")
    w("|---:|---|---:|---:|" + "---:|" * len(KINDS) + "---|")
    for n in sizes:
        for key, tool, _ in TOOLS:
            row_text = read_text(os.path.join(d, "check-%s-%s.md" % (n, tool)))
            if row_text and key != "lintel-warm":
                w(row_text)
    w("")
    single = []
    for path, name in ((os.path.join(d, "hf-single.json"), "fmlint"),
                       (os.path.join(d, "hf-single.json"), "lintel"),
                       (os.path.join(d, "hf-single-remark.json"), "remark")):
        m = hf_median(path, name)
        if m:
            single.append((name, m))
    if single:
        fm1 = dict(single).get("fmlint")
        w("One file, the pre-commit case (`hyperfine -N`, no shell):")
        w("")
        w("| tool | median | time ÷ fmlint's | CPU (user + sys) | runs |")
        w("|---|---:|---:|---:|---:|")
        for name, (t, r, cpu) in single:
            w("| %s | %s | %s | %s | %d |" % (name, fmt_time(t), fmt_ratio(t / fm1[0]) if fm1 else "?",
                                             fmt_time(cpu), r))
            data[("single", name)] = t
        w("")
    links = {}
    if links_status == "ran":
        for fname in ("fmlint.json", "lychee.json", "lychee-warm.json"):
            try:
                with open(os.path.join(links_dir, fname)) as f:
                    for r in json.load(f)["results"]:
                        links[r["command"]] = (median(r), len(r.get("times") or []))
            except (OSError, ValueError, KeyError):
                pass
        w("Links (`bench/links/run.sh`: 5,000 URLs on a loopback server with 50 ms latency, "
          "2,000 posts, 64 requests in flight; fmlint's link phase, release build of this tree):")
        w("")
        w("| run | median | runs |")
        w("|---|---:|---:|")
        for k in ("fmlint cold", "lychee cold", "fmlint warm", "lychee warm"):
            if k in links:
                w("| %s | %s | %d |" % (k, fmt_time(links[k][0]), links[k][1]))
        w("")
    else:
        w("Links: not run (%s)." % links_status)
        w("")
    w("Targets (issue 6), with this binary on this machine:")
    w("")
    w("| target | measured | met? |")
    w("|---|---|---|")

    def verdict(ok):
        return "yes" if ok else "**no**"

    for n in sizes:
        a, b = data.get((n, "fmlint")), data.get((n, "rg"))
        if a and b:
            r = a[0] / b[0]
            w("| fmlint within 3× of rg, {:,} posts | {} | {} |".format(int(n), fmt_ratio(r), verdict(r <= 3)))
    for n in sizes:
        a, b = data.get((n, "fmlint")), data.get((n, "remark"))
        if a and b:
            r = b[0] / a[0]
            w("| ≥ 50× faster than remark-lint-frontmatter-schema, {:,} posts | {} faster | {} |".format(
                int(n), fmt_ratio(r), verdict(r >= 50)))
    for n in sizes:
        a, b, c = data.get((n, "fmlint")), data.get((n, "lintel-cold")), data.get((n, "lintel-warm"))
        if a and b:
            r = b[0] / a[0]
            extra = ""
            if c:
                extra = "; lintel with its validation cache warm: %s" % (
                    fmt_ratio(c[0] / a[0]) + " fmlint's time")
            w("| faster than lintel, {:,} posts | lintel takes {} fmlint's time{} | {} |".format(
                int(n), fmt_ratio(r), extra, verdict(r > 1)))
    if ("single", "fmlint") in data and ("single", "lintel") in data:
        r = data[("single", "lintel")] / data[("single", "fmlint")]
        w("| faster than lintel, one file | lintel takes %s fmlint's time | %s |" % (fmt_ratio(r), verdict(r > 1)))
    rss = [(int(n), data[(n, "fmlint")][1]) for n in sizes if data.get((n, "fmlint")) and data[(n, "fmlint")][1]]
    if rss:
        big_n, big = rss[-1]
        w("| fmlint peak memory < 200 MB at the largest size ({:,} posts) | {:.0f} MB | {} |".format(
            big_n, big, verdict(big < 200) + ("" if big_n >= 100000 else " (not measured at 100,000)")))
        if len(rss) > 1:
            # Memory per added post at each step (bytes): sublinear growth means it falls. A
            # fixed base alone makes "10x the posts, less than 10x the memory" true.
            slopes = [(m2 - m1) * 1024 * 1024 / (n2 - n1) for (n1, m1), (n2, m2) in zip(rss, rss[1:])]
            steps = ", ".join("%.0f bytes" % k for k in slopes)
            # Or none to speak of: under 10 bytes per added post (1 MB per 100,000 posts)
            # is a run that holds nothing per post, where the slopes are only noise.
            sub = len(slopes) > 1 and (
                all(b < 0.8 * a for a, b in zip(slopes, slopes[1:])) or slopes[-1] < 10)
            w("| fmlint peak memory sublinear | %s; memory per added post at each step: %s | %s |" % (
                ", ".join("%s MB at %s" % ("%.1f" % m, "{:,}".format(n)) for n, m in rss),
                steps, verdict(sub) + ("" if sub else ": the cost per post does not fall")))
    if "fmlint cold" in links and "lychee cold" in links:
        a, b = links["fmlint cold"][0], links["lychee cold"][0]
        w("| links at least as fast as lychee, cold | fmlint %s, lychee %s | %s |" % (fmt_time(a), fmt_time(b), verdict(a <= b)))
    if "fmlint warm" in links:
        a = links["fmlint warm"][0]
        w("| links < 1 s warm | fmlint %s (lychee %s) | %s |" % (
            fmt_time(a), fmt_time(links["lychee warm"][0]) if "lychee warm" in links else "?", verdict(a < 1)))
    print("\n".join(out))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "row":
        row(*args)
    elif cmd == "check":
        check(*args)
    elif cmd == "peer-check":
        peer_check(*args)
    elif cmd == "wall":
        print(wall_seconds(args[0]) or 0)
    elif cmd == "peers":
        peers(*args)
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
