#!/usr/bin/env python3
"""SciPy's side of the fitting benchmark (run by Benchmarks/fitting/compare.sh).

    nist_peer.py nist        the 27 NIST StRD problems x 2 starts, least_squares
                             with the exact Jacobian (SymPy-derived, NumPy-vectorised),
                             methods 'trf' and 'lm', tolerances 1e-15; one JSON line per fit
    nist_peer.py big [ROWS]  the 5-parameter fit to ROWS rows (default 100,000) that
                             `fitbench big` times, same data, same start

Times are wall clock per fit, best of three, after one warm-up; they include
SciPy's Python overhead, as a user's call does. Needs numpy, scipy, sympy
(/work/scratch/peers/.venv/bin/python).
"""
import csv
import json
import math
import os
import sys
import time

import numpy as np
import scipy
import sympy as sp
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "Fixtures", "nist")


def digits(value, reference):
    if value is None or not math.isfinite(value):
        return 0.0
    if value == reference:
        return 11.0
    return max(0.0, min(11.0, -math.log10(abs(value - reference) / abs(reference))))


def best_of(count, body):
    body()  # warm-up
    best, result = math.inf, None
    for _ in range(count):
        began = time.perf_counter()
        result = body()
        best = min(best, time.perf_counter() - began)
    return best, result


def nist():
    problems = json.load(open(os.path.join(FIXTURES, "manifest.json")))["problems"]
    for p in problems:
        with open(os.path.join(FIXTURES, p["file"])) as f:
            rows = list(csv.reader(f))
        header, body = rows[0], np.array([[float(v) for v in r] for r in rows[1:]])
        columns = {h: body[:, j] for j, h in enumerate(header)}
        symbols = {name: sp.Symbol(name) for name in p["parameters"] + header}
        expr = sp.sympify(p["model"].replace("^", "**"), locals=symbols)
        target = sp.lambdify([symbols[h] for h in header], sp.sympify(p["target"], locals=symbols), "numpy")(
            *[columns[h] for h in header])
        inputs = [h for h in header if symbols[h] in expr.free_symbols]
        ps = [symbols[n] for n in p["parameters"]]
        args = ps + [symbols[h] for h in inputs]
        f = sp.lambdify(args, expr, "numpy")
        grads = [sp.lambdify(args, sp.diff(expr, q), "numpy") for q in ps]
        xs = [columns[h] for h in inputs]
        m = len(target)

        def residual(b):
            return f(*b, *xs) - target

        def jacobian(b):
            return np.column_stack([np.broadcast_to(g(*b, *xs), (m,)) for g in grads])

        for s, start in enumerate(p["starts"], 1):
            for method in ("trf", "lm"):
                def run():
                    return least_squares(residual, np.array(start, dtype=float), jac=jacobian, method=method,
                                         xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000)
                seconds, result = best_of(3, run)
                d = min(digits(v, c) for v, c in zip(result.x, p["certified"]))
                # Standard errors as curve_fit computes them: s^2 (J'J)^-1 through the SVD of J.
                J = result.jac
                _, sv, vt = np.linalg.svd(J, full_matrices=False)
                keep = sv > np.finfo(float).eps * max(J.shape) * sv[0]
                cov = (vt[keep].T / sv[keep] ** 2) @ vt[keep]
                rss = float(np.sum(result.fun ** 2))
                se = np.sqrt(np.diag(cov) * rss / (m - len(start)))
                e = min(digits(float(v), c) for v, c in zip(se, p["standard_errors"]))
                print(json.dumps({"problem": p["name"], "start": s, "method": method, "digits": d, "se_digits": e,
                                  "time_s": seconds, "evaluations": int(result.nfev),
                                  "status": int(result.status)}), flush=True)


def big(rows):
    i = np.arange(rows, dtype=float)
    x = 10 * i / (rows - 1)
    y = 3 * np.exp(-0.7 * x) + 0.8 * np.sin(2.1 * x) + 0.5 + 0.05 * np.sin(12345.678 * i)

    def residual(b):
        return b[0] * np.exp(-b[1] * x) + b[2] * np.sin(b[3] * x) + b[4] - y

    def jacobian(b):
        e = np.exp(-b[1] * x)
        return np.column_stack([e, -b[0] * x * e, np.sin(b[3] * x), b[2] * x * np.cos(b[3] * x), np.ones_like(x)])

    for method in ("trf", "lm"):
        def run():
            return least_squares(residual, np.array([1, 1, 1, 2, 0], dtype=float), jac=jacobian, method=method,
                                 xtol=1e-15, ftol=1e-15, gtol=1e-15)
        seconds, result = best_of(3, run)
        print(json.dumps({"benchmark": "big", "rows": rows, "method": method, "time_s": seconds,
                          "evaluations": int(result.nfev), "rss": float(np.sum(result.fun ** 2)),
                          "parameters": result.x.tolist()}), flush=True)


if __name__ == "__main__":
    print(json.dumps({"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sympy": sp.__version__}}),
          flush=True)
    if sys.argv[1:2] == ["nist"]:
        nist()
    elif sys.argv[1:2] == ["big"]:
        big(int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
    else:
        sys.exit("usage: nist_peer.py nist | big [ROWS]")
