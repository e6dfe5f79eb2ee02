#!/usr/bin/env bash
# Issue 14's measurements in one run (docs/Simplification.md, "Measured"):
#   1. classic inputs: SymPy's expand/factor/cancel/simplify/collect/diff
#      against `sym`'s, with operation counts and an equality check;
#   2. the higher-derivative corpus: printed-size ratios ours/SymPy (median,
#      p90, max for Hessian entries and third derivatives) and the time to
#      normalise / simplify each derivative (debug build, an upper bound).
# Needs SymPy: PYTHON=/path/to/python scripts/simplifier_report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
swift build --product sym >/dev/null
"$PYTHON" scripts/sympy_sizes.py --classics "$(swift build --show-bin-path)/sym"
echo
log=$(mktemp)
trap 'rm -f "$log"' EXIT
SYMBOLIC_SIZE_TABLE=1 swift test --filter HigherDerivativeSizeTests >"$log" 2>&1 || { cat "$log"; exit 1; }
"$PYTHON" scripts/sympy_sizes.py --higher-report "$log"
