#!/usr/bin/env bash
# The C ceiling of the net's training step, by hand: builds cli's netstep.c (the same integer forward, loss gradient,
# backward and update as engine-kernel's Net) with gcc -O3 -march=native and runs it on a trace of real steps that
# `chainbeasts bench` wrote (netstep.trace in target/bench/ of the folder it ran in, wherever --out pointed). Prints the C time per step and checks the C weights
# against the weights Java reached on the same trace (netstep.java-weights beside the trace).
# Usage: bench/c-ceiling.sh [TRACE] [REPEATS]     (default: target/bench/netstep.trace, 9)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRACE="${1:-target/bench/netstep.trace}"
REPEATS="${2:-9}"
SRC="$ROOT/cli/src/main/resources/io/chainbeasts/cli/bench/netstep.c"
[ -f "$TRACE" ] || { echo "c-ceiling: no trace at $TRACE (run ./chainbeasts bench --kernel-only first)" >&2; exit 2; }
command -v gcc > /dev/null || { echo "c-ceiling: gcc is not on the PATH" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
gcc -O3 -march=native -o "$WORK/netstep" "$SRC"
OUT="$("$WORK/netstep" "$TRACE" "$WORK/weights" "$REPEATS")"
STEPS="$(sed -n 's/^steps //p' <<< "$OUT")"
NS="$(sed -n 's/^median_ns //p' <<< "$OUT")"
echo "C net step (gcc -O3 -march=native): $((NS / STEPS)) ns per step, median of $REPEATS runs over $STEPS steps"
JAVA_WEIGHTS="$(dirname "$TRACE")/netstep.java-weights"
if [ -f "$JAVA_WEIGHTS" ]; then
  if cmp -s "$WORK/weights" "$JAVA_WEIGHTS"; then echo "weights after $STEPS steps: identical to $JAVA_WEIGHTS"
  else echo "weights after $STEPS steps DIFFER from $JAVA_WEIGHTS" >&2; exit 1; fi
fi
