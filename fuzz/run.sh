#!/usr/bin/env bash
# Seed and run fuzz targets one after another, each for SECONDS seconds, with a single
# libFuzzer process (the machine is shared). Crashes land in fuzz/artifacts/TARGET/.
# Usage: fuzz/run.sh SECONDS [TARGET...]   (default: every target)
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: $0 SECONDS [TARGET...]" >&2
    exit 2
fi
seconds="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(split yaml toml json check fix links)
fi
cd "$here"
"$here/seed.sh" "${targets[@]}"
# No sanitizer: the crate has no unsafe code of its own, and without ASan the targets
# build and run several times faster; debug assertions (overflow checks) stay on.
cargo +nightly fuzz build --sanitizer none
status=0
for target in "${targets[@]}"; do
    echo "== $target: ${seconds}s"
    cargo +nightly fuzz run --sanitizer none "$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        || status=1
done
exit $status
