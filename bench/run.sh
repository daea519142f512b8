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
for n in "$@"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: N must be a positive integer, got '$n'" >&2; exit 2; }
done

say() { printf '\n==> %s\n' "$*" >&2; }

mkdir -p "$OUT"
export PATH="$OUT/tools/bin:$PATH"

# --- tools: hyperfine, rg, GNU time -------------------------------------------------
ensure_tools() {
  local missing=()
  command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  [[ -x /usr/bin/time ]] || missing+=(time)
  ((${#missing[@]})) || return 0

  if command -v apt-get >/dev/null 2>&1; then
    local sudo=()
    if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    fi
    if [[ $(id -u) -eq 0 || ${#sudo[@]} -gt 0 ]]; then
      say "installing ${missing[*]} with apt-get"
      if ! { "${sudo[@]}" apt-get update -qq &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2; then
        echo "run.sh: apt-get could not install ${missing[*]}; trying cargo" >&2
      fi
    fi
  fi

  local crates=()
  command -v hyperfine >/dev/null 2>&1 || crates+=(hyperfine)
  command -v rg >/dev/null 2>&1 || crates+=(ripgrep)
  if ((${#crates[@]})); then
    say "installing ${crates[*]} with cargo into bench/out/tools"
    cargo install --locked --root "$OUT/tools" "${crates[@]}" >&2
  fi
  # Without GNU time, peak RSS falls back to Python's getrusage (see peak_rss_kb).
}

# Peak RSS in KiB of one run of "$@" (its exit status is ignored).
peak_rss_kb() {
  local log=$1
  shift
  if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>&1 || true
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$log"
  else
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@" | tee "$log"
  fi
}

# --- fmlint ----------------------------------------------------------------------------
build_fmlint() {
  if [[ -n ${FMLINT:-} ]]; then
    printf '%s\n' "$FMLINT"
    return
  fi
  say "building fmlint (cargo build --release)"
  # The JSON messages name the built executable, wherever the target dir is.
  (cd "$ROOT" && cargo build --release --bin fmlint --message-format=json-render-diagnostics) |
    python3 -c 'import json, sys
exe = [m["executable"] for m in map(json.loads, sys.stdin)
       if m.get("reason") == "compiler-artifact" and m.get("executable")
       and m["target"]["name"] == "fmlint"]
if not exe:
    sys.exit("run.sh: cargo build produced no fmlint executable")
print(exe[-1])'
}

# --- trees -----------------------------------------------------------------------------
gen_tree() {
  local n=$1 tree=$OUT/tree-$1 stamp=$OUT/tree-$1.stamp want
  want="gen_tree.py sha256=$(sha256sum "$BENCH/gen_tree.py" | cut -d' ' -f1) n=$n seed=$SEED"
  if [[ -d $tree && -f $stamp && -f $OUT/tree-$n.mistakes.tsv && $(<"$stamp") == "$want" ]]; then
    say "reusing $tree"
    return
  fi
  say "generating $tree"
  rm -rf "$tree" "$tree.tmp" "$stamp"
  python3 "$BENCH/gen_tree.py" "$tree.tmp" "$n" --seed "$SEED" --manifest "$OUT/tree-$n.mistakes.tsv"
  mv "$tree.tmp" "$tree"
  printf '%s\n' "$want" >"$stamp"
}

# --- main ------------------------------------------------------------------------------
ensure_tools
built=$(build_fmlint)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_start%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
  echo "run.sh: warning: load average is $load_start on $(nproc) cores; timings will be noisy" >&2
fi
# Benchmark a private copy: others rebuilding target/release must not swap it mid-run.
mkdir -p "$OUT/bin"
cp -f "$built" "$OUT/bin/fmlint.tmp" && mv -f "$OUT/bin/fmlint.tmp" "$OUT/bin/fmlint"
FM=$OUT/bin/fmlint

# An empty config next to the trees: fmlint's defaults, whatever fmlint.toml the repo has.
: >"$OUT/fmlint.toml"
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
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)); load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- fmlint: $("$FM" --version 2>/dev/null || echo '?'), sha256 $(sha256sum "$FM" | cut -c1-12); $(hyperfine --version); $(rg --version | sed -n 1p)"
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
