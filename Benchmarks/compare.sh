#!/usr/bin/env bash
# Puts Symbolic's benchmark next to the peers' (sympy, symengine, casadi, jax,
# autograd, numpy, hand-written and _Differentiation Swift) in one report.
#
#   Benchmarks/compare.sh [--setup] [--rerun-peers] [--peers DIR] [--out DIR]
#
# What it does:
#   1. copies the peers' benchmark (default /work/shared/bench/peers) to a
#      scratch directory, with its stored results (results/run1, run2);
#   2. with --setup, runs its setup.sh: a Python venv with the peers from
#      PyPI (jax, casadi, sympy, ...; several minutes and ~1 GB the first
#      time); with --rerun-peers (implies --setup) it also re-runs every peer
#      into results/run1 (about an hour) so that all rows come from one run;
#   3. builds and runs `symbench --json` twice, into results/run1/symbolic.jsonl
#      and results/run2/symbolic.jsonl (the report's noise section compares
#      them), each right after a fresh run of the peers' hand-written Swift
#      loops (swift/bench_hand), so that the closest baseline is measured
#      under the same machine load;
#   4. adds a "Symbolic (Swift)" row to the copied report.py and runs it,
#      writing RESULTS.md (and printing its path).
#
# Without --setup it uses `python3` with numpy; the moons data set then comes
# from data/moons.txt (exported by the peers with exact float repr) instead of
# scikit-learn.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS=/work/shared/bench/peers
OUT=""
SETUP=0
RERUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --setup) SETUP=1 ;;
    --rerun-peers) SETUP=1; RERUN=1 ;;
    --peers) PEERS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1'; see --help" >&2; exit 64 ;;
  esac
  shift
done

WORK="${OUT:-$(mktemp -d /tmp/symbolic-compare.XXXXXX)}"
mkdir -p "$WORK"
cp -r "$PEERS"/. "$WORK"/
chmod -R u+w "$WORK"
cd "$WORK"

PY=python3
if [ "$SETUP" = 1 ]; then
  bash setup.sh
  PY="$WORK/.venv/bin/python"
fi
if [ "$RERUN" = 1 ]; then
  rm -rf results/run1
  swift/build.sh > results/swift_build.jsonl
  "$PY" run_bench.py --run-dir results/run1
fi

if [ ! -x swift/build/bench_hand ]; then
  echo "building the hand-written Swift baseline (swift/bench_hand)…" >&2
  mkdir -p swift/build
  t0=$(date +%s.%N)
  swiftc -O swift/lib/*.swift swift/bench_hand/main.swift -o swift/build/bench_hand
  t1=$(date +%s.%N)
  [ -f results/swift_build.jsonl ] || \
    echo "{\"peer\": \"swift\", \"op\": \"swiftc_build\", \"prog\": \"bench_hand\", \"time_s\": $(echo "$t1 - $t0" | bc)}" \
      > results/swift_build.jsonl
fi

echo "building symbench (release)…" >&2
swift build -c release --package-path "$HERE" >&2
for run in run1 run2; do
  mkdir -p "results/$run"
  echo "running the hand-written Swift baseline into results/$run/swift-hand.jsonl…" >&2
  swift/build/bench_hand data > "results/$run/swift-hand.jsonl"
  echo "running symbench into results/$run/symbolic.jsonl…" >&2
  "$HERE/.build/release/symbench" --json > "results/$run/symbolic.jsonl"
done

# One more row in the peers' report: Symbolic's compiled programs.
"$PY" - <<'PYEOF'
import re
src = open("report.py").read()
row = '    ("Symbolic (Swift) compiled VM", "symbolic", "compiled"),\n'
if row not in src:
    src = src.replace("ROWS = [\n", "ROWS = [\n" + row, 1)
open("report.py", "w").write(src)
PYEOF

"$PY" - > RESULTS.md <<'PYEOF'
import os, runpy, sys
import numpy as np
sys.path.insert(0, os.getcwd())
import workloads as W
try:
    import sklearn  # noqa: F401  (the peers' own data path)
except ImportError:
    d = np.loadtxt("data/moons.txt")
    W._DATA = (np.ascontiguousarray(d[:, :2]), d[:, 2].astype(np.int64))
runpy.run_path("report.py", run_name="__main__")
PYEOF
echo "wrote $WORK/RESULTS.md"
