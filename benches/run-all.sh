#!/usr/bin/env bash
# Every figure of docs/performance.md in one run: generates the 1k, 10k and
# 50k-note workspaces if missing, then times `studylog check` against `cat`
# (benches/compare-cat.sh) and drives the language server over stdio
# (lsp-bench) on each, and on a 1 MB single-file journal; then the same on
# 10k and 50k-note workspaces where every note has a finding (`--findings`:
# the open file first, and memory with diagnostics held for every file).
#
# usage: benches/run-all.sh [OUT_DIR]   (workspaces go to OUT_DIR, default /tmp)
#   ROUNDS=200 by default (lsp-bench rounds per measurement).
set -euo pipefail

out=${1:-/tmp}
rounds=${ROUNDS:-200}
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin studylog --bin lsp-bench --example gen-journal
for notes in 1000 10000 50000; do
    if [[ ! -d $out/bench-$notes ]]; then
        target/release/examples/gen-journal --notes "$notes" --seed 1 "$out/bench-$notes"
    fi
done
for notes in 10000 50000; do
    if [[ ! -d $out/bench-$notes-findings ]]; then
        target/release/examples/gen-journal --notes "$notes" --seed 1 --findings "$out/bench-$notes-findings"
    fi
done

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## studylog check against cat"
benches/compare-cat.sh target/release/studylog "$out/bench-1000" "$out/bench-10000" "$out/bench-50000"
for notes in 1000 10000 50000; do
    echo
    echo "## lsp-bench, $notes notes"
    target/release/lsp-bench --workspace "$out/bench-$notes" --rounds "$rounds"
done
echo
echo "## lsp-bench, 1 MB single-file journal"
target/release/lsp-bench --single-file --rounds "$rounds"
echo
echo "## every note with a finding"
benches/compare-cat.sh target/release/studylog "$out/bench-10000-findings" "$out/bench-50000-findings"
for notes in 10000 50000; do
    echo
    echo "## lsp-bench, $notes notes, every note with a finding"
    target/release/lsp-bench --workspace "$out/bench-$notes-findings" --rounds "$rounds"
done
echo
echo "## lsp-bench, 10000 notes, documentation on resolve (as VS Code asks)"
target/release/lsp-bench --workspace "$out/bench-10000" --rounds "$rounds" --resolve-docs
echo
echo "# done, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
