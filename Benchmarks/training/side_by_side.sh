#!/usr/bin/env bash
# The issue-9 speed target, measured side by side in one run: the whole
# `sym fit` process (parse, read data, build, differentiate, compile, 20,000
# full-batch gradient-descent epochs, print) for the notes' two-moons MLP(H),
# against the wall time of JAX's fused jit(lax.fori_loop) loop alone
# (compilation excluded), for H = 3 and H = 50.
#
#   Benchmarks/training/side_by_side.sh [--rounds N] [--sym PATH] [--python PATH] [--peers DIR]
#
# Rounds alternate JAX and sym so both see the same machine load; the report
# gives the median of each and the ratio sym / JAX (target: <= 1.0 at H=3,
# <= 1.5 at H=50), and checks both final losses against the references.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS=5
SYM="$ROOT/.build/release/sym"
PYTHON=/work/scratch/peers/.venv/bin/python
PEERS=/work/scratch/peers
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --sym) SYM="$2"; shift ;;
    --python) PYTHON="$2"; shift ;;
    --peers) PEERS="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1'; see --help" >&2; exit 64 ;;
  esac
  shift
done
[ -x "$SYM" ] || { echo "error: no release build at $SYM (swift build -c release --product sym)" >&2; exit 1; }
DATA="$ROOT/Benchmarks/Data"
for H in 3 50; do
  jax=(); sym=(); jloss=""; sloss=""
  for ((r = 0; r < ROUNDS; r++)); do
    line=$(cd "$PEERS" && "$PYTHON" train.py --system jax-fori --H "$H" --passes 20000 | grep '"op": "train"')
    jax+=("$(echo "$line" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["wall_s"])')")
    jloss=$(echo "$line" | "$PYTHON" -c 'import json,sys; print(repr(json.load(sys.stdin)["final_loss"]))')
    start=$("$PYTHON" -c 'import time; print(time.perf_counter())')
    out=$("$SYM" fit --model mlp --hidden "$H" --data "$DATA/moons.csv" --start-file "$DATA/mlp_init_H$H.json" \
          --method gd --rate 2 --l2 5e-5 --epochs 20000 --format json)
    stop=$("$PYTHON" -c 'import time; print(time.perf_counter())')
    sym+=("$("$PYTHON" -c "print($stop - $start)")")
    sloss=$(echo "$out" | "$PYTHON" -c 'import json,sys; print(repr(json.load(sys.stdin)["loss"]))')
  done
  "$PYTHON" - "$H" "$jloss" "$sloss" "${jax[*]}" "${sym[*]}" <<'PY'
import statistics, sys
h, jloss, sloss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
jax = [float(v) for v in sys.argv[4].split()]
sym = [float(v) for v in sys.argv[5].split()]
refs = {"3": [0.0713158087, 0.0707579459], "50": [0.0309902621]}[h]
ok = any(abs(sloss - r) <= 1e-7 * r for r in refs)
jm, sm = statistics.median(jax), statistics.median(sym)
print(f"H={h}: jax-fori loop {jm:.3f} s (runs {' '.join(f'{v:.3f}' for v in jax)}), "
      f"sym fit process {sm:.3f} s (runs {' '.join(f'{v:.3f}' for v in sym)}), ratio {sm / jm:.2f}; "
      f"final loss sym {sloss!r} ({'matches' if ok else 'DIFFERS from'} the reference), jax {jloss!r}")
PY
done
