#!/usr/bin/env bash
# Times `studylog check` against `cat` reading the same files (the physical
# reference of issue 5) and reports peak RSS against the memory budget
# (2x the workspace's bytes + 50 MiB). Best of RUNS warm runs each.
#
# usage: benches/compare-cat.sh [STUDYLOG_BINARY] WORKSPACE...
#   e.g. cargo build --release && benches/compare-cat.sh target/release/studylog /tmp/bench-10000
set -euo pipefail

bin=target/release/studylog
if [[ $# -gt 0 && -x "$1" && ! -d "$1" ]]; then
    bin=$1
    shift
fi
runs=${RUNS:-3}
today=${TODAY:-2026-12-01}

# Seconds of wall time of one run of "$@" (output discarded).
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

best() {
    local best_time="" t
    for _ in $(seq "$runs"); do
        t=$(seconds "$@")
        if [[ -z $best_time ]] || (($(echo "$t < $best_time" | bc -l))); then
            best_time=$t
        fi
    done
    printf '%.3f' "$best_time"
}

cat_all() {
    find "$1" -type f \( -name '*.md' -o -name '*.markdown' -o -name studylog.toml \) -print0 |
        xargs -0 cat >/dev/null
}

printf '%-22s %10s %9s %8s %7s %10s %10s %6s\n' workspace bytes cat_s check_s ratio peak_MiB budget_MiB of_bud
for ws in "$@"; do
    bytes=$(find "$ws" -type f \( -name '*.md' -o -name '*.markdown' -o -name studylog.toml \) -print0 |
        xargs -0 cat | wc -c)
    cat_all "$ws" # warm the page cache
    cat_s=$(best cat_all "$ws")
    check_s=$(best "$bin" check "$ws" --today "$today")
    peak_kib=$(/usr/bin/time -f '%M' "$bin" check "$ws" --today "$today" 2>&1 >/dev/null | tail -1)
    budget_mib=$(echo "(2 * $bytes) / 1048576 + 50" | bc -l)
    peak_mib=$(echo "$peak_kib / 1024" | bc -l)
    printf '%-22s %10d %9s %8s %6.2fx %10.1f %10.1f %5.0f%%\n' "$(basename "$ws")" "$bytes" "$cat_s" "$check_s" \
        "$(echo "$check_s / $cat_s" | bc -l)" "$peak_mib" "$budget_mib" "$(echo "100 * $peak_mib / $budget_mib" | bc -l)"
done
