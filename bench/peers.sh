#!/usr/bin/env bash
# fmlint side by side with its peers on the same generated Hugo trees and the same schema:
# see bench/README.md ("Peers").
#
#   bench/peers.sh [N ...]          (default: 1000 10000 100000)
#
# Peers: cat and rg (the cost of reading the files), lintel (front matter against a JSON
# Schema, Rust), remark-cli + remark-lint-frontmatter-schema (Node), and, for links,
# lychee (bench/links/run.sh). They are installed under bench/out/ when missing.
#
# Environment:
#   RUNS (hyperfine runs, default 5), WARMUP (default 1), SEED (default 1),
#   FMLINT (benchmark this binary instead of building one),
#   SLOW (seconds, default 30): a tool whose checked run took longer is not run again
#     for hyperfine; that one run is its time (remark, lintel at 100,000 posts),
#   REMARK_MAX (largest N at which remark runs, default 1000; 0 leaves it out),
#   LINKS (1: also run bench/links/run.sh, the default; 0: leave it out),
#   LINKS_RUNS (hyperfine runs of the link benchmark, default 3).
# Everything it writes goes under bench/out/; the tables go to bench/out/peers.md.
set -euo pipefail
# The braces make bash read the whole script before running it: editing or checking out
# this file during a run (which takes a while) cannot change the run.
{
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
SEED=${SEED:-1}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
REMARK_MAX=${REMARK_MAX:-1000}
SLOW=${SLOW:-30}
LINKS=${LINKS:-1}
LINKS_RUNS=${LINKS_RUNS:-3}
# The versions measured; change them here to measure others.
LINTEL_VERSION=0.0.19
LYCHEE_VERSION=0.24.2
NPM_PACKAGES=(remark-cli@12.0.1 remark-frontmatter@5.0.0 remark-lint-frontmatter-schema@3.15.4)

# shellcheck source=lib.sh
source "$BENCH/lib.sh"

if (($# == 0)); then
  set -- 1000 10000 100000
fi
check_sizes "$@"
for v in RUNS WARMUP SLOW REMARK_MAX LINKS_RUNS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "peers.sh: $v must be a number, got '${!v}'" >&2; exit 2; }
done

P=$OUT/peers # this script's own files
mkdir -p "$P"
rm -f "$P"/hf-* "$P"/rss-* "$P"/out-* "$P"/skip-* "$P"/check-*

# --- installs: the cargo builds take many minutes on 2 cores, so they run in the
# background while the trees are generated --------------------------------------------
declare -A install_pid=()
cargo_install_bg() { # NAME VERSION
  local name=$1 version=$2
  command -v "$name" >/dev/null 2>&1 && return 0
  say "installing $name $version into bench/out/tools in the background (log: bench/out/$name-install.log)"
  cargo install --locked --root "$OUT/tools" "$name@$version" >"$OUT/$name-install.log" 2>&1 &
  install_pid[$name]=$!
}

wait_install() { # NAME
  local name=$1 pid=${install_pid[$1]:-}
  if [[ -n $pid ]]; then
    say "waiting for the $name install to finish"
    wait "$pid" || echo "peers.sh: installing $name failed; see bench/out/$name-install.log" >&2
  fi
  command -v "$name" >/dev/null 2>&1
}

REMARK=$OUT/node/node_modules/.bin/remark
install_remark() {
  [[ -x $REMARK ]] && return 0
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    say "installing nodejs and npm with apt-get"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } >&2 || true
  fi
  command -v npm >/dev/null 2>&1 || { echo "peers.sh: npm is missing: remark is left out" >&2; return 1; }
  say "installing ${NPM_PACKAGES[*]} into bench/out/node"
  mkdir -p "$OUT/node"
  [[ -f $OUT/node/package.json ]] || printf '{ "private": true }\n' >"$OUT/node/package.json"
  npm install --prefix "$OUT/node" --no-audit --no-fund --loglevel=error "${NPM_PACKAGES[@]}" >&2 &&
    [[ -x $REMARK ]]
}

ensure_tools
cargo_install_bg lintel "$LINTEL_VERSION"
if ((LINKS)); then cargo_install_bg lychee "$LYCHEE_VERSION"; fi
have_remark=0
if ((REMARK_MAX > 0)) && install_remark; then have_remark=1; fi

FM=$(private_fmlint)
cd "$OUT"
for n in "$@"; do gen_tree "$n"; done

have_lintel=0
if wait_install lintel; then have_lintel=1; fi

# --- the peers' configuration: the schema fmlint embeds, mapped to every post ------------
"$FM" schema >"$P/hugo-mainroad.schema.json"
# lintel reads the nearest lintel.toml above each file; bench/out is above every tree.
# `//` is relative to this file's folder.
cat >"$OUT/lintel.toml" <<'EOF'
# Written by bench/peers.sh: every Markdown file's front matter against fmlint's schema.
root = true

[schemas]
"**/*.md" = "//peers/hugo-mainroad.schema.json"
EOF
# remark: the rc file lives next to node_modules so that its imports resolve; the plugin
# resolves the schema mapping against its working directory (bench/out). Ajv, the plugin's
# validator, defaults to draft-07 and rejects the schema's 2020-12 `$schema` unless meta-
# validation is off (the keywords used are all draft-07 ones); `hugo-date` and `bcp47` are
# declared as formats it cannot check, so that it neither fails nor warns on every file.
cat >"$OUT/node/.remarkrc.mjs" <<'EOF'
// Written by bench/peers.sh.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: { 'peers/hugo-mainroad.schema.json': ['tree-*/content/**/*.md'] },
      ajvOptions: { validateSchema: false, formats: { 'hugo-date': true, bcp47: true } },
    }],
  ],
};
EOF

# lintel keeps its schema and validation caches under $XDG_CACHE_HOME/lintel.
LINTEL_CACHE=$P/lintel-cache
LINTEL="env XDG_CACHE_HOME=$LINTEL_CACHE lintel check --colors off --no-catalog --reporter text"
REMARK_CMD="$REMARK --rc-path node/.remarkrc.mjs --no-stdout --no-color --quiet"

skip() { # N TOOL REASON
  printf '%s\n' "$3" >"$P/skip-$1-$2.txt"
  echo "peers.sh: N=$1: $2 left out: $3" >&2
}

# One run of a tool's timed command, output kept: the findings are compared with the
# seeded mistakes, and /usr/bin/time gives its peak RSS (and wall time for 1-run tools).
checked_run() { # N TOOL COMMAND
  local n=$1 tool=$2 cmd=$3 status
  say "N=$n: $tool, one run to check its findings and peak memory"
  set +e
  /usr/bin/time -v -o "$P/rss-$n-$tool.txt" bash -c "$cmd" >"$P/out-$n-$tool.txt" 2>&1
  status=$?
  set -e
  python3 "$BENCH/results.py" peer-check "$tool" "$P/out-$n-$tool.txt" "tree-$n.mistakes.tsv" \
    "tree-$n" "$n" "$status" >"$P/check-$n-$tool.md"
  cat "$P/check-$n-$tool.md" >&2
}

# True if the checked run of TOOL at N took more than SLOW seconds.
slow() { # N TOOL
  python3 "$BENCH/results.py" wall "$P/rss-$1-$2.txt" | awk -v s="$SLOW" '{ exit !($1 > s) }'
}

# One run under /usr/bin/time -v, output discarded: time and peak RSS of a slow tool.
once() { # N KEY COMMAND
  say "N=$1: $2, one run (slow: its time is this run's)"
  /usr/bin/time -v -o "$P/rss-$1-$2.txt" bash -c "$3" >/dev/null 2>&1 || true
}

timed() { # N TOOL RUNS HYPERFINE-ARGS... COMMAND
  local n=$1 tool=$2 runs=$3
  shift 3
  say "N=$n: hyperfine $tool ($runs runs)"
  hyperfine --style basic --runs "$runs" --ignore-failure --export-json "$P/hf-$n-$tool.json" \
    -n "$tool" "$@"
}

load_start=$(load_average)
warn_if_loaded
sizes=("$@")
for n in "${sizes[@]}"; do
  tree=tree-$n
  say "N=$n: warming the page cache"
  find "$tree" -name '*.md' -print0 | xargs -0 cat >/dev/null

  timed "$n" cat "$RUNS" --warmup "$WARMUP" "find $tree -name '*.md' -print0 | xargs -0 cat > /dev/null"
  peak_rss_kb "$P/rss-$n-cat.txt" bash -c "find $tree -name '*.md' -print0 | xargs -0 cat" >/dev/null
  timed "$n" rg "$RUNS" --warmup "$WARMUP" "rg -c --no-ignore --hidden -g '*.md' '^---\$' $tree > /dev/null"
  peak_rss_kb "$P/rss-$n-rg.txt" rg -c --no-ignore --hidden -g '*.md' '^---$' "$tree" >/dev/null

  checked_run "$n" fmlint "$FM --offline --quiet $tree"
  timed "$n" fmlint "$RUNS" --warmup "$WARMUP" "$FM --offline --quiet $tree > /dev/null"

  if ((have_lintel)); then
    # lintel keeps a cache of validation results keyed by file content and schema: a
    # rerun on unchanged files validates nothing. "cold" empties it before each run (the
    # same work as fmlint's); "warm" is a rerun with every result cached.
    rm -rf "$LINTEL_CACHE"
    checked_run "$n" lintel "$LINTEL $tree"
    if slow "$n" lintel; then
      once "$n" lintel-warm "$LINTEL $tree" # the checked run filled the cache
    else
      timed "$n" lintel-cold "$RUNS" --prepare "rm -rf $LINTEL_CACHE" "$LINTEL $tree > /dev/null 2>&1"
      peak_rss_kb "$P/rss-$n-lintel-warm.txt" bash -c "$LINTEL $tree" >/dev/null
      timed "$n" lintel-warm "$RUNS" --warmup "$WARMUP" "$LINTEL $tree > /dev/null 2>&1"
    fi
  else
    skip "$n" lintel "not installed (see bench/out/lintel-install.log)"
  fi

  if ((!have_remark)); then
    skip "$n" remark "$( ((REMARK_MAX > 0)) && echo 'not installed' || echo 'REMARK_MAX=0')"
  elif ((n > REMARK_MAX)); then
    skip "$n" remark "N > REMARK_MAX=$REMARK_MAX (30-80 ms a file on 2 cores: one run would take $((n * 3 / 100 / 60)) min or more)"
  else
    checked_run "$n" remark "$REMARK_CMD $tree"
    if ! slow "$n" remark; then
      timed "$n" remark "$RUNS" "$REMARK_CMD $tree > /dev/null 2>&1"
    fi
  fi
done

# --- one file, the pre-commit case: mostly start-up cost (no shell: hyperfine -N) ---------
n=${sizes[0]}
single=$(find "tree-$n/content/post/0000" -name '*.md' | LC_ALL=C sort | sed -n 1p)
say "one file ($single)"
single_cmds=(-n fmlint "$FM --offline $single")
if ((have_lintel)); then
  # The file just changed, so lintel's cache has no result for it.
  single_cmds+=(-n lintel "$LINTEL --force-validation $single")
fi
hyperfine --style basic -N --warmup 3 --min-runs 30 --ignore-failure \
  --export-json "$P/hf-single.json" "${single_cmds[@]}"
if ((have_remark)); then
  hyperfine --style basic -N --warmup 1 --runs 3 --ignore-failure \
    --export-json "$P/hf-single-remark.json" -n remark "$REMARK_CMD $single"
fi

# --- links: fmlint's link checker against lychee (bench/links/run.sh) ----------------------
links_status=skipped
if ((LINKS)); then
  if wait_install lychee; then
    say "links: bench/links/run.sh (RUNS=$LINKS_RUNS)"
    if RUNS=$LINKS_RUNS "$BENCH/links/run.sh" 2>&1 | tee "$P/links.log"; then
      links_status=ran
    else
      links_status=failed
      echo "peers.sh: bench/links/run.sh failed; see bench/out/peers/links.log" >&2
    fi
  else
    links_status="lychee-missing"
  fi
fi

load_end=$(load_average)
python3 "$BENCH/results.py" peers "$P" "$OUT/links" "$links_status" \
  "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine); load average at the start: $load_start, at the end: $load_end" \
  "fmlint: $("$FM" --version 2>/dev/null || echo '?'), sha256 $(sha256sum "$FM" | cut -c1-12); $( ((have_lintel)) && echo "lintel $(lintel --version 2>&1 | awk 'NF { v = $NF } END { print v }')"); $( ((have_remark)) && echo "${NPM_PACKAGES[*]}"); $(rg --version 2>/dev/null | awk 'NR == 1'); $(hyperfine --version)" \
  "$RUNS" "$WARMUP" "$SLOW" "${sizes[@]}" >"$OUT/peers.md.tmp"
mv "$OUT/peers.md.tmp" "$OUT/peers.md"
echo
cat "$OUT/peers.md"
echo
echo "(written to bench/out/peers.md)"
exit
}
