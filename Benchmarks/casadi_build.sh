#!/usr/bin/env bash
# R(N) symbolic gradient and sparse Hessian build (and gradient compile):
# Symbolic next to CasADi, in one run, alternating the two so both see the
# same machine load; prints each run's times and the ratios of the best.
#
#   Benchmarks/casadi_build.sh [N] [ROUNDS]        (default 10000, 3)
#   SYMBENCH_CPU=1 Benchmarks/casadi_build.sh ...  (both sides in thread CPU time)
#
# PEERS names the peers' directory (peer_casadi.py, timing.py, workloads.py;
# default /work/scratch/peers, else /work/shared/bench/peers) and PY its
# Python (default $PEERS/.venv/bin/python). Both report the best of 5
# builds per run: CasADi repeats ca.gradient / ca.hessian / ca.Function on
# one graph (each call builds new nodes); Symbolic builds R(N) afresh in new
# variable names for each repetition, so no node is found already interned.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
N="${1:-10000}"
ROUNDS="${2:-3}"
PEERS="${PEERS:-/work/scratch/peers}"
[ -f "$PEERS/peer_casadi.py" ] || PEERS=/work/shared/bench/peers
PY="${PY:-$PEERS/.venv/bin/python}"
swift build -c release --package-path "$HERE" >/dev/null
BENCH="$HERE/.build/release/symbench"
OUT="$(mktemp -d /tmp/casadi-build.XXXXXX)"
# Runs peer_casadi.py; with SYMBENCH_CPU=1 its clock (perf_counter) becomes
# the thread's CPU time, the clock symbench then uses, so that both sides
# are measured alike on a loaded machine.
CASADI_RUNNER='
import os, runpy, sys, time
if os.environ.get("SYMBENCH_CPU") == "1":
    time.perf_counter = time.thread_time
sys.path.insert(0, os.getcwd())
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
'
for r in $(seq "$ROUNDS"); do
  "$BENCH" --rosen-build "$N" | tee -a "$OUT/symbolic.jsonl"
  (cd "$PEERS" && "$PY" -c "$CASADI_RUNNER" peer_casadi.py --workload rosen --size "$N") \
    | grep -E '"op": "(grad|hess|compile_grad)"' | tee -a "$OUT/casadi.jsonl"
done
python3 - "$OUT" <<'PY'
import json, sys, os
best = {}
for peer in ("symbolic", "casadi"):
    for line in open(os.path.join(sys.argv[1], peer + ".jsonl")):
        r = json.loads(line)
        key = (peer, r["op"])
        best[key] = min(best.get(key, float("inf")), r["time_s"])
print("\nop            symbolic_s  casadi_s  ratio (best of runs)")
for op in ("grad", "hess", "compile_grad"):
    s, c = best[("symbolic", op)], best[("casadi", op)]
    print(f"{op:<13} {s:10.4f} {c:9.4f}  {s / c:5.2f}")
PY
