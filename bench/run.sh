#!/usr/bin/env bash
# Benchmark fmlint against `cat` and `rg` on generated Hugo trees: see bench/README.md.
#
#   bench/run.sh [N ...]          (default: 1000 10000 100000)
#
# Environment: SEED (generator seed, default 1), RUNS (hyperfine runs, default 5),
# WARMUP (default 1), FMLINT (use this binary instead of building one).
# Everything it writes goes under bench/out/.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
SEED=${SEED:-1}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}

if (($# == 0)); then
  set -- 1000 10000 100000
fi
# shellcheck source=lib.sh
source "$BENCH/lib.sh"
check_sizes "$@"

# --- main ------------------------------------------------------------------------------
ensure_tools
FM=$(private_fmlint)
load_start=$(load_average)
warn_if_loaded
cd "$OUT"

rows=()
checks=()
for n in "$@"; do
  gen_tree "$n"
  tree=tree-$n
  bytes=$(find "$tree" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  single=$(find "$tree/content/post/0000" -name '*.md' | LC_ALL=C sort | sed -n 1p)

  say "N=$n: warming the page cache, checking fmlint's findings"
  find "$tree" -name '*.md' -print0 | xargs -0 cat >/dev/null
  set +e
  "$FM" --offline --format json "$tree" >"fmlint-$n.json" 2>"fmlint-$n.stderr"
  status=$?
  set -e
  if ((status == 2)); then
    echo "run.sh: fmlint failed (exit 2) on $tree; see bench/out/fmlint-$n.stderr" >&2
  fi
  checks+=("$(python3 "$BENCH/results.py" check "fmlint-$n.json" "tree-$n.mistakes.tsv" "$tree" "$n" "$status")")

  say "N=$n: hyperfine cat / rg / fmlint"
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --ignore-failure \
    --export-json "hyperfine-$n.json" \
    -n cat "find $tree -name '*.md' -print0 | xargs -0 cat > /dev/null" \
    -n rg "rg -c --no-ignore --hidden -g '*.md' '^---\$' $tree > /dev/null" \
    -n fmlint "$FM --offline --quiet $tree > /dev/null"

  say "N=$n: hyperfine, one file ($single)"
  # No shell (-N): a few milliseconds are below what hyperfine's shell correction resolves.
  hyperfine --style basic -N --warmup 3 --min-runs 30 --ignore-failure \
    --export-json "hyperfine-single-$n.json" \
    -n fmlint-one-file "$FM --offline $single"

  say "N=$n: peak RSS"
  rss=$(peak_rss_kb "rss-$n.txt" "$FM" --offline --quiet "$tree")
  rows+=("$(python3 "$BENCH/results.py" row "$n" "$bytes" "hyperfine-$n.json" "hyperfine-single-$n.json" "$rss")")
done

{
  echo "# fmlint benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine); load average at the start: $load_start, at the end: $(load_average)"
  echo "- fmlint: $("$FM" --version 2>/dev/null || echo '?'), sha256 $(sha256sum "$FM" | cut -c1-12); $(hyperfine --version); $(rg --version 2>/dev/null | awk 'NR == 1')"
  echo "- trees: bench/gen_tree.py --seed $SEED; hyperfine --warmup $WARMUP --runs $RUNS, warm page cache; medians"
  echo
  echo "| N | files' total size | cat | rg | fmlint | fmlint/rg | fmlint peak RSS (MB) | single file | fmlint per file |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Findings of \`fmlint --offline --format json TREE\` against the generator's seeded mistakes (bench/out/tree-N.mistakes.tsv):"
  echo
  echo "| N | exit | files checked | seeded files flagged | other files flagged | seeded files missed | seeded files with >1 diagnostic |"
  echo "|---:|---:|---:|---:|---|---:|---:|"
  printf '%s\n' "${checks[@]}"
} >results.md.tmp
mv results.md.tmp results.md

echo
cat results.md
echo
echo "(written to bench/out/results.md)"
