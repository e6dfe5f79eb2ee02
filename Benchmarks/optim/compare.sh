#!/usr/bin/env bash
# Symbolic's optimisers side by side with SciPy, in one run.
#
#     Benchmarks/optim/compare.sh [N]      # N = extended Rosenbrock size, default 1000
#     Benchmarks/optim/compare.sh mgh      # the Moré–Garbow–Hillstrom table
#
# Needs python3 with numpy, scipy and sympy. SciPy's BFGS is O(n³) per
# iteration: at n = 1000 it does not converge within its 600 s budget, so
# the whole run takes about 11 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
swift build -c release --package-path "$here" >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/optimbench"
if [[ "${1:-}" == "mgh" ]]; then
    "$bench" mgh --json > "$tmp/ours.json"
    python3 "$root/scripts/scipy_mgh.py" mgh --json > "$tmp/scipy.json"
    python3 "$here/compare.py" mgh "$tmp/ours.json" "$tmp/scipy.json"
else
    n="${1:-1000}"
    "$bench" rosenbrock "$n" --json > "$tmp/ours.json"
    python3 "$root/scripts/scipy_mgh.py" rosenbrock "$n" --json --budget=600 > "$tmp/scipy.json"
    python3 "$here/compare.py" rosenbrock "$tmp/ours.json" "$tmp/scipy.json"
fi
