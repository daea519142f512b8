#!/usr/bin/env bash
# Every post flagged: fmlint's memory and time when a schema change makes each file of a
# tree fail (a new required field), for each output format. Streamed formats (json,
# human, github) should hold nothing per file; SARIF and JUnit hold the findings.
#
#   bench/flagged.sh [N ...]      (default: 100000)
#
# Environment: SEED, RUNS (hyperfine runs, default 3), FMLINT (use this binary).
# Everything it writes goes under bench/out/.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
SEED=${SEED:-1}
RUNS=${RUNS:-3}

if (($# == 0)); then
  set -- 100000
fi
# shellcheck source=lib.sh
source "$BENCH/lib.sh"
check_sizes "$@"

ensure_tools
FM=$(private_fmlint)
warn_if_loaded
cd "$OUT"
# The embedded schema with one more required field that no generated post has.
"$FM" schema | python3 -c 'import json, sys
schema = json.load(sys.stdin)
schema.setdefault("required", []).append("fmlint_bench_flagged")
json.dump(schema, sys.stdout)' >flagged-schema.json

echo "| posts | format | files flagged | median | peak RSS |"
echo "|---:|---|---:|---:|---:|"
for n in "$@"; do
  gen_tree "$n"
  tree=tree-$n
  find "$tree" -name '*.md' -print0 | xargs -0 cat >/dev/null
  flagged=$("$FM" --offline --schema flagged-schema.json --format json "$tree" 2>/dev/null |
    python3 -c 'import json, sys; print(len({d["path"] for d in json.load(sys.stdin)["diagnostics"]}))' || true)
  for format in json human github sarif junit; do
    cmd="$FM --offline --schema flagged-schema.json --format $format $tree"
    hyperfine --style none -N --warmup 1 --runs "$RUNS" --ignore-failure \
      --export-json "flagged-$n-$format.json" "$cmd" >/dev/null 2>&1
    median=$(python3 -c 'import json, sys; print("%.2f s" % json.load(open(sys.argv[1]))["results"][0]["median"])' "flagged-$n-$format.json")
    rss=$(peak_rss_kb "flagged-rss-$n-$format.txt" $cmd)
    printf '| %s | %s | %s | %s | %s MB |\n' "$n" "$format" "$flagged" "$median" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
  done
done
