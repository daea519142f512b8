#!/usr/bin/env bash
# Link-check benchmark: fmlint's link phase against lychee, on loopback (no internet).
#
#   bench/links/run.sh
#
# A server on 127.0.0.1 answers every path after LATENCY_MS; FILES Markdown posts link
# URLS distinct URLs (LINKS links each, heavy reuse). Timed with hyperfine:
#   fmlint cold  (--no-cache: every URL requested)    lychee cold (no .lycheecache)
#   fmlint warm  (fresh cache: no request at all)     lychee warm (--cache)
# at the same concurrency (global and per host). The server's request counter is read
# around each run, so the output also says how many requests each tool sent.
#
# Environment: FILES (2000), URLS (5000), LINKS (30), LATENCY_MS (50), CONCURRENCY (64),
# RUNS (3), SKIP_LYCHEE=1 to leave lychee out. Everything goes under bench/out/links/;
# lychee is installed into bench/out/tools/ when missing (it builds aws-lc-sys: slow).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/bench/out/links
FILES=${FILES:-2000}
URLS=${URLS:-5000}
LINKS=${LINKS:-30}
LATENCY_MS=${LATENCY_MS:-50}
CONCURRENCY=${CONCURRENCY:-64}
RUNS=${RUNS:-3}
SKIP_LYCHEE=${SKIP_LYCHEE:-}

say() { printf '\n==> %s\n' "$*" >&2; }
mkdir -p "$OUT"
export PATH="$ROOT/bench/out/tools/bin:$PATH"

command -v hyperfine >/dev/null || { echo "run.sh: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

say "building the driver (release)"
[[ -f $HERE/Cargo.lock ]] || cp "$ROOT/Cargo.lock" "$HERE/Cargo.lock"
export CARGO_TARGET_DIR=$ROOT/target/linkbench
cargo build --quiet --release --manifest-path "$HERE/Cargo.toml"
BENCH=$CARGO_TARGET_DIR/release/fmlint-linkbench

if [[ -z $SKIP_LYCHEE ]] && ! command -v lychee >/dev/null; then
  say "installing lychee into bench/out/tools"
  cargo install --locked --root "$ROOT/bench/out/tools" lychee
fi

say "starting the server (${LATENCY_MS} ms per answer)"
rm -f "$OUT/port"
"$BENCH" serve "$OUT/port" "$LATENCY_MS" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s $OUT/port ]] && break; sleep 0.05; done
PORT=$(cat "$OUT/port")
stats() { curl -s "http://127.0.0.1:$PORT/__stats"; }

say "generating $FILES posts, $LINKS links each, $URLS distinct URLs"
rm -rf "$OUT/site" "$OUT/cache" "$OUT/lychee"
mkdir -p "$OUT/lychee"
"$BENCH" gen "$OUT/site" "$PORT" "$FILES" "$URLS" "$LINKS"

FMLINT="$BENCH check $OUT/site $OUT/cache $CONCURRENCY"
LYCHEE="lychee --no-progress --max-concurrency $CONCURRENCY --host-concurrency $CONCURRENCY --host-request-interval 0ms --max-retries 0 --timeout 20 $OUT/site/content"

say "one run of each, counting requests"
before=$(stats); $FMLINT --no-cache; after=$(stats)
echo "fmlint cold sent $((after - before)) requests"
$FMLINT >/dev/null # fills the cache
before=$(stats); $FMLINT; after=$(stats)
echo "fmlint warm sent $((after - before)) requests"

hyperfine --runs "$RUNS" --warmup 0 --export-json "$OUT/fmlint.json" \
  -n "fmlint cold" "$FMLINT --no-cache" \
  -n "fmlint warm" "$FMLINT"

if [[ -z $SKIP_LYCHEE ]]; then
  lychee --version
  (cd "$OUT/lychee" && before=$(stats) && $LYCHEE >/dev/null && after=$(stats) \
    && echo "lychee cold sent $((after - before)) requests")
  hyperfine --runs "$RUNS" --warmup 0 --export-json "$OUT/lychee.json" \
    --prepare "rm -f $OUT/lychee/.lycheecache" \
    -n "lychee cold" "cd $OUT/lychee && $LYCHEE"
  (cd "$OUT/lychee" && $LYCHEE --cache >/dev/null) # fills .lycheecache
  (cd "$OUT/lychee" && before=$(stats) && $LYCHEE --cache --max-cache-age 1d >/dev/null \
    && after=$(stats) && echo "lychee warm sent $((after - before)) requests")
  hyperfine --runs "$RUNS" --warmup 0 --export-json "$OUT/lychee-warm.json" \
    -n "lychee warm" "cd $OUT/lychee && $LYCHEE --cache --max-cache-age 1d"
fi
