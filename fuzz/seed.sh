#!/usr/bin/env bash
# Seed every fuzz target's corpus (fuzz/corpus/TARGET) from the test fixtures, the example
# site and the bundled schemas (the cache target also from fuzz/seeds/cache). Files are named by content hash, as libFuzzer names
# its own, so seeding twice adds nothing. Usage: fuzz/seed.sh [TARGET...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(split yaml toml json check fix links cache)
fi
sources=(
    "$root/tests/fixtures"
    "$root/tests/integrations/fixtures"
    "$root/examples/site"
    "$root/schema"
)
seeds=()
while IFS= read -r -d '' file; do
    seeds+=("$file")
done < <(find "${sources[@]}" -type f \( -name '*.md' -o -name '*.toml' -o -name '*.json' -o -name '*.html' \) -print0)
for target in "${targets[@]}"; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    own=()
    if [ -d "$here/seeds/$target" ]; then
        while IFS= read -r -d '' file; do
            own+=("$file")
        done < <(find "$here/seeds/$target" -type f -print0)
    fi
    for file in "${seeds[@]}" "${own[@]}"; do
        cp "$file" "$dir/$(sha1sum "$file" | cut -c1-40)"
    done
done
echo "seeded ${#targets[@]} corpora with ${#seeds[@]} files each"
