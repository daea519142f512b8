#!/usr/bin/env bash
# Are fmlint's outputs unchanged by a refactor? Builds fmlint at a base commit and from the
# working tree, runs both on the same trees in every output format (and with `--diff
# --unsafe-fixes`), and compares standard output, standard error and the exit status byte
# for byte.
#
#   scripts/compare-outputs.sh BASE        # e.g. scripts/compare-outputs.sh main
#
# Trees: a generated Hugo site (bench/gen_tree.py, POSTS posts, default 2000, about 3 % of
# them with a seeded mistake), the bundled example site and the test fixtures. Runs are
# offline (no network), from the tree's folder, with one worker thread and one with the
# default, so an ordering difference shows. Prints one line per run that differs and a
# count; exit 1 when anything differs. Everything goes under bench/out/compare/.
set -euo pipefail

BASE=${1:?usage: scripts/compare-outputs.sh BASE}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out/compare
POSTS=${POSTS:-2000}
mkdir -p "$OUT"
# Defaults, whatever config the repository holds.
: >"$OUT/fmlint.toml"

# The base binary is kept by commit under COMPARE_CACHE (default ~/.cache/fmlint-compare),
# so worktrees of one repository build each base once.
build_base() {
  local commit
  commit=$(git -C "$ROOT" rev-parse --verify "$BASE^{commit}")
  local cache=${COMPARE_CACHE:-$HOME/.cache/fmlint-compare}/$commit
  if [[ ! -x $cache/fmlint ]]; then
    local tree=$OUT/base-src
    if [[ ! -d $tree ]]; then
      git -C "$ROOT" worktree add --detach -q "$tree" "$commit"
    else
      git -C "$tree" checkout -q --detach "$commit"
    fi
    (cd "$tree" && cargo build --release -q)
    mkdir -p "$cache"
    cp "$tree/target/release/fmlint" "$cache/fmlint.tmp"
    mv "$cache/fmlint.tmp" "$cache/fmlint"
  fi
  cp "$cache/fmlint" "$OUT/fmlint-base"
}

build_head() {
  (cd "$ROOT" && cargo build --release -q)
  cp "$ROOT/target/release/fmlint" "$OUT/fmlint-head"
}

make_trees() {
  if [[ ! -d $OUT/tree ]]; then
    python3 "$ROOT/bench/gen_tree.py" "$OUT/tree" "$POSTS" --seed 1 >/dev/null
  fi
  rm -rf "$OUT/fixtures"
  mkdir -p "$OUT/fixtures"
  cp -r "$ROOT/examples/site" "$OUT/fixtures/example-site"
  cp -r "$ROOT/tests/fixtures" "$OUT/fixtures/tests"
}

# run BIN TREE ARGS... > OUT_PREFIX.{out,err,rc}
run_one() {
  local bin=$1 tree=$2 prefix=$3
  shift 3
  local rc=0
  (cd "$tree" && "$bin" --offline "$@" . >"$prefix.out" 2>"$prefix.err") || rc=$?
  echo "$rc" >"$prefix.rc"
}

compare() {
  local differ=0 runs=0
  local -a trees=("$OUT/tree" "$OUT/fixtures/example-site" "$OUT/fixtures/tests")
  local -a modes=(
    "--format human" "--format json" "--format sarif" "--format github" "--format junit"
    "--format human -j 1" "--format json -j 1"
    "--diff --unsafe-fixes" "--format json --diff --unsafe-fixes"
  )
  mkdir -p "$OUT/runs"
  for tree in "${trees[@]}"; do
    for mode in "${modes[@]}"; do
      local name
      name=$(basename "$tree")-$(tr -c 'a-z0-9' '_' <<<"$mode")
      # shellcheck disable=SC2086 # a mode is several words
      run_one "$OUT/fmlint-base" "$tree" "$OUT/runs/$name.base" $mode
      # shellcheck disable=SC2086
      run_one "$OUT/fmlint-head" "$tree" "$OUT/runs/$name.head" $mode
      runs=$((runs + 1))
      for part in out err rc; do
        if ! cmp -s "$OUT/runs/$name.base.$part" "$OUT/runs/$name.head.$part"; then
          echo "differs: $(basename "$tree") [$mode] $part (diff $OUT/runs/$name.{base,head}.$part)"
          differ=$((differ + 1))
        fi
      done
    done
  done
  echo "$runs runs per binary, $differ outputs differ (base $(git -C "$ROOT" rev-parse --short "$BASE"), head $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' + uncommitted changes'))"
  ((differ == 0))
}

build_base
build_head
make_trees
compare
