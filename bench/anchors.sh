#!/usr/bin/env bash
# Heading anchors at scale: one page with 40,000 identical headings (each gets the next
# `-N` suffix) and one page with 20,000 headings and 20,000 `#fragment` links that all
# miss (each gets a finding, the first ones a "did you mean"), and the same 20,000 links
# on one line (a minified page: every column on one 300 KB line). Each must take well under
# a second; the quadratic versions took minutes. The same shapes are checked for
# correctness, without timing, in tests/adversarial.
#
#   bench/anchors.sh
#
# Environment: RUNS (hyperfine runs, default 5), FMLINT (use this binary).
# Everything it writes goes under bench/out/anchors/.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
SEED=${SEED:-1}
RUNS=${RUNS:-5}
# shellcheck source=lib.sh
source "$BENCH/lib.sh"

ensure_tools
FM=$(private_fmlint)
warn_if_loaded
mkdir -p "$OUT/anchors"
cd "$OUT/anchors"
python3 - <<'PY'
front = "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\n"
with open("identical-headings.md", "w") as page:
    page.write(front + "## Same\n\n" * 40_000 + "[last](#same-39999) [past](#same-40000)\n")
with open("missing-fragments.md", "w") as page:
    page.write(front)
    page.writelines(f"## Heading {n}\n\n" for n in range(20_000))
    page.writelines(f"[x](#headin-{n})\n" for n in range(20_000))
with open("one-line-fragments.md", "w") as page:
    page.write(front + "## Heading\n\n")
    page.writelines(f"[x](#headin-{n}) " for n in range(20_000))
PY

echo "| page | median | findings |"
echo "|---|---:|---:|"
for page in identical-headings missing-fragments one-line-fragments; do
  cmd="$FM --offline --format json $page.md"
  hyperfine --style none -N --warmup 1 --runs "$RUNS" --ignore-failure \
    --export-json "$page.json" "$cmd" >/dev/null 2>&1
  median=$(python3 -c 'import json, sys; print("%.3f s" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$page.json")
  findings=$($cmd 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["diagnostics"]))' || true)
  printf '| %s | %s | %s |\n' "$page" "$median" "$findings"
done
