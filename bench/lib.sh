# Shared by bench/run.sh and bench/peers.sh (sourced, not run). The caller sets BENCH
# (this folder), ROOT (the repository), OUT (bench/out) and SEED before sourcing it.
# shellcheck shell=bash

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
        echo "bench: apt-get could not install ${missing[*]}; trying cargo" >&2
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
    sys.exit("bench: cargo build produced no fmlint executable")
print(exe[-1])'
}

# Build (or take $FMLINT), copy it to bench/out/bin/fmlint, print that path. The copy is
# what is benchmarked: others rebuilding target/release must not swap it mid-run.
private_fmlint() {
  local built
  built=$(build_fmlint)
  [[ -x $built ]] || { echo "bench: no fmlint executable at '$built'" >&2; exit 2; }
  mkdir -p "$OUT/bin"
  cp -f "$built" "$OUT/bin/fmlint.tmp"
  mv -f "$OUT/bin/fmlint.tmp" "$OUT/bin/fmlint"
  # An empty config next to the trees: fmlint's defaults, whatever fmlint.toml the repo has.
  : >"$OUT/fmlint.toml"
  printf '%s\n' "$OUT/bin/fmlint"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

warn_if_loaded() {
  local load
  load=$(load_average)
  if awk -v l="${load%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
    echo "bench: warning: load average is $load on $(nproc) cores; timings will be noisy" >&2
  fi
}

machine() {
  echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
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

check_sizes() {
  local n
  for n in "$@"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench: N must be a positive integer, got '$n'" >&2; exit 2; }
  done
}
