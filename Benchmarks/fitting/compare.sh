#!/usr/bin/env bash
# Curve fitting beside SciPy, measured in one run (release build):
#
#   Benchmarks/fitting/compare.sh [--python PATH] [--skip-csv]
#
#   1. builds fitbench (-c release);
#   2. times the 27 NIST StRD problems x 2 starts with Symbolic's default
#      method (fitbench nist --json) and with SciPy least_squares, exact
#      Jacobian, 'trf' and 'lm' (nist_peer.py nist), one after the other;
#   3. the 100,000-row 5-parameter fit in both (fitbench big, nist_peer.py big);
#   4. loading a 1,000,000 x 4 CSV file (fitbench csv);
#   5. prints a Markdown report: per-problem times and digits, totals, medians.
#
# The Python is /work/scratch/peers/.venv/bin/python unless --python is given
# (it needs numpy, scipy and sympy).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/work/scratch/peers/.venv/bin/python
CSV=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --python) PY="$2"; shift 2 ;;
        --skip-csv) CSV=0; shift ;;
        *) echo "usage: $0 [--python PATH] [--skip-csv]" >&2; exit 64 ;;
    esac
done
OUT="$(mktemp -d)"
swift build -c release --package-path "$HERE" --product fitbench >&2
BIN="$(swift build -c release --package-path "$HERE" --show-bin-path)/fitbench"
echo "measuring (load average $(cut -d' ' -f1-3 /proc/loadavg))..." >&2
"$BIN" nist --json > "$OUT/symbolic_nist.jsonl"
"$PY" "$HERE/nist_peer.py" nist > "$OUT/scipy_nist.jsonl" 2>/dev/null
"$BIN" big --json > "$OUT/symbolic_big.jsonl"
"$PY" "$HERE/nist_peer.py" big > "$OUT/scipy_big.jsonl"
if [[ $CSV == 1 ]]; then "$BIN" csv 1000000 > "$OUT/csv.txt"; else : > "$OUT/csv.txt"; fi
python3 - "$OUT" <<'PY'
import json, statistics, sys
out = sys.argv[1]
def lines(name):
    return [json.loads(l) for l in open(f"{out}/{name}") if l.strip()]
sym = {(r["problem"], r["start"]): r for r in lines("symbolic_nist.jsonl")}
peer = lines("scipy_nist.jsonl")
versions = peer[0]["versions"]
sci = {(r["problem"], r["start"], r["method"]): r for r in peer[1:]}
print(f"SciPy {versions['scipy']}, NumPy {versions['numpy']}; times are best of 3 per fit, ms\n")
print("| problem | start | Symbolic lm | digits / se | SciPy trf | digits / se | SciPy lm | digits / se |")
print("|---|---|---|---|---|---|---|---|")
for (name, start), r in sym.items():
    t, l = sci[(name, start, "trf")], sci[(name, start, "lm")]
    cell = lambda x: f"{x['digits']:.1f} / {x['se_digits']:.1f}"
    print(f"| {name} | {start} | {r['time_s']*1000:.2f} | {cell(r)} | {t['time_s']*1000:.2f} | {cell(t)} "
          f"| {l['time_s']*1000:.2f} | {cell(l)} |")
def summary(label, rows):
    times = [x["time_s"] * 1000 for x in rows]
    print(f"| {label} | {sum(x['digits'] >= 6 for x in rows)} | {sum(x['digits'] >= 8 for x in rows)} "
          f"| {sum(x['se_digits'] >= 4 for x in rows)} | {sum(times):.1f} | {statistics.median(times):.2f} |")
print("\n| method | fits >= 6 digits | >= 8 digits | SE >= 4 digits | total ms | median ms |")
print("|---|---|---|---|---|---|")
summary("Symbolic (default, lm)", list(sym.values()))
for method in ("trf", "lm"):
    summary(f"SciPy least_squares {method}", [x for k, x in sci.items() if k[2] == method])
print()
for r in lines("symbolic_big.jsonl"):
    print(f"- {r['rows']:,}-row fit, 5 parameters: Symbolic lm {r['time_s']*1000:.1f} ms "
          f"({r['evaluations']} evaluations, rss {r['rss']:.10g})")
for r in lines("scipy_big.jsonl")[1:]:
    print(f"- {r['rows']:,}-row fit, 5 parameters: SciPy least_squares {r['method']} {r['time_s']*1000:.1f} ms "
          f"({r['evaluations']} evaluations, rss {r['rss']:.10g})")
for line in open(f"{out}/csv.txt"):
    print(f"- {line.strip()}")
PY
