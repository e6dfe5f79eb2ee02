#!/usr/bin/env python3
"""SciPy's counts on the Moré–Garbow–Hillstrom problems used by Symbolic's
optimisation tests, and SciPy's side of the extended-Rosenbrock benchmark.

    python3 scripts/scipy_mgh.py mgh [--json]           # table of SciPy counts
    python3 scripts/scipy_mgh.py rosenbrock N [--json] [--only=BFGS ...] [--budget=SECONDS]
                                                  # BFGS / L-BFGS-B / Newton-CG on n = N

The problems are the same formulas as Tests/SymbolicTests/TestProblemsMGH.swift,
written with SymPy so that SciPy gets exact gradients and Hessians too.
Needs numpy, scipy and sympy (system python3 has them; else pip install in a venv).
"""
import json
import math
import sys
import time
import warnings

import numpy as np
import scipy
import scipy.optimize as so
import sympy as sp

warnings.filterwarnings("ignore")


def residuals(name, x):
    n = len(x)
    if name == "Rosenbrock":
        return [10 * (x[1] - x[0] ** 2), 1 - x[0]]
    if name == "Freudenstein-Roth":
        return [-13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1],
                -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]]
    if name == "Powell badly scaled":
        return [10000 * x[0] * x[1] - 1, sp.exp(-x[0]) + sp.exp(-x[1]) - sp.Float(1.0001)]
    if name == "Brown badly scaled":
        return [x[0] - 10 ** 6, x[1] - sp.Float(2e-6), x[0] * x[1] - 2]
    if name == "Beale":
        y = [sp.Float(1.5), sp.Float(2.25), sp.Float(2.625)]
        return [y[i - 1] - x[0] * (1 - x[1] ** i) for i in (1, 2, 3)]
    if name == "Helical valley":
        theta = sp.atan(x[1] / x[0]) / (2 * sp.pi) + sp.Piecewise((0, x[0] > 0), (sp.Rational(1, 2), True))
        return [10 * (x[2] - 10 * theta), 10 * (sp.sqrt(x[0] ** 2 + x[1] ** 2) - 1), x[2]]
    if name == "Gaussian":
        y = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
             0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009]
        return [x[0] * sp.exp(-x[1] * (sp.Rational(8 - i, 2) - x[2]) ** 2 / 2) - sp.Float(y[i - 1])
                for i in range(1, 16)]
    if name == "Box 3-D":
        out = []
        for i in range(1, 11):
            t = sp.Rational(i, 10)
            out.append(sp.exp(-t * x[0]) - sp.exp(-t * x[1]) - x[2] * (sp.exp(-t) - sp.exp(-10 * t)))
        return out
    if name == "Powell singular":
        return [x[0] + 10 * x[1], sp.Float(math.sqrt(5)) * (x[2] - x[3]),
                (x[1] - 2 * x[2]) ** 2, sp.Float(math.sqrt(10)) * (x[0] - x[3]) ** 2]
    if name == "Wood":
        return [10 * (x[1] - x[0] ** 2), 1 - x[0], sp.Float(math.sqrt(90)) * (x[3] - x[2] ** 2), 1 - x[2],
                sp.Float(math.sqrt(10)) * (x[1] + x[3] - 2), sp.Float(1 / math.sqrt(10)) * (x[1] - x[3])]
    if name == "Biggs EXP6":
        out = []
        for i in range(1, 14):
            t = i / 10
            y = math.exp(-t) - 5 * math.exp(-10 * t) + 3 * math.exp(-4 * t)
            tt = sp.Rational(i, 10)
            out.append(x[2] * sp.exp(-tt * x[0]) - x[3] * sp.exp(-tt * x[1]) + x[5] * sp.exp(-tt * x[4]) - sp.Float(y))
        return out
    if name.startswith("Extended Rosenbrock"):
        out = []
        for i in range(n // 2):
            out += [10 * (x[2 * i + 1] - x[2 * i] ** 2), 1 - x[2 * i]]
        return out
    if name.startswith("Penalty I"):
        a = sp.Float(math.sqrt(1e-5))
        return [a * (xi - 1) for xi in x] + [sum(xi ** 2 for xi in x) - sp.Rational(1, 4)]
    if name.startswith("Variably dimensioned"):
        s = sum((j + 1) * (x[j] - 1) for j in range(n))
        return [xi - 1 for xi in x] + [s, s ** 2]
    if name.startswith("Trigonometric"):
        c = sum(sp.cos(xi) for xi in x)
        return [n - c + i * (1 - sp.cos(x[i - 1])) - sp.sin(x[i - 1]) for i in range(1, n + 1)]
    raise ValueError(name)


# name, MGH number, n, start, published minima
PROBLEMS = [
    ("Rosenbrock", 1, 2, [-1.2, 1], [0]),
    ("Freudenstein-Roth", 2, 2, [0.5, -2], [0, 48.98425367924]),
    ("Powell badly scaled", 3, 2, [0, 1], [0]),
    ("Brown badly scaled", 4, 2, [1, 1], [0]),
    ("Beale", 5, 2, [1, 1], [0]),
    ("Helical valley", 7, 3, [-1, 0, 0], [0]),
    ("Gaussian", 9, 3, [0.4, 1, 0], [1.12793276961e-8]),
    ("Box 3-D", 12, 3, [0, 10, 20], [0]),
    ("Powell singular", 13, 4, [3, -1, 0, 1], [0]),
    ("Wood", 14, 4, [-3, -1, -3, -1], [0]),
    ("Biggs EXP6", 18, 6, [1, 2, 1, 1, 1, 1], [0, 5.65565474e-3]),
    ("Extended Rosenbrock n=10", 21, 10, [-1.2, 1] * 5, [0]),
    ("Extended Rosenbrock n=100", 21, 100, [-1.2, 1] * 50, [0]),
    ("Trigonometric n=10", 26, 10, [0.1] * 10, [0, 2.79506e-5]),
    ("Variably dimensioned n=10", 25, 10, [1 - j / 10 for j in range(1, 11)], [0]),
    ("Penalty I n=10", 23, 10, list(range(1, 11)), [7.08765146709e-5]),
]


def compile_problem(name, n):
    x = sp.symbols(f"x1:{n + 1}", real=True)
    f = sum(r ** 2 for r in residuals(name, list(x)))
    grad = [sp.diff(f, xi) for xi in x]
    fl = sp.lambdify([x], f, "numpy")
    gl = sp.lambdify([x], grad, "numpy")
    if n <= 10:
        hl = sp.lambdify([x], sp.hessian(f, x), "numpy")
        hess = lambda v: np.array(hl(v), dtype=float)
    else:
        # Sparse Hessian rows (extended Rosenbrock n = 100 is tridiagonal).
        entries = [(i, j, sp.diff(grad[i], x[j])) for i in range(n) for j in range(max(0, i - 1), min(n, i + 2))]
        el = sp.lambdify([x], [e for _, _, e in entries], "numpy")
        def hess(v):
            h = np.zeros((n, n))
            for (i, j, _), value in zip(entries, el(v)):
                h[i, j] = value
            return h
    return (lambda v: float(fl(v))), (lambda v: np.array(gl(v), dtype=float)), hess


def reached(value, minima):
    return any(abs(value - m) <= 1e-6 * max(1, abs(m)) for m in minima)


def run(method, f, g, h, x0, **options):
    kwargs = dict(jac=g)
    if method == "Newton-CG":
        kwargs["hess"] = h
    r = so.minimize(f, np.array(x0, dtype=float), method=method, options=options, **kwargs)
    return dict(iterations=int(r.nit), nfev=int(r.nfev), njev=int(getattr(r, "njev", 0)),
                nhev=int(getattr(r, "nhev", 0)), value=float(r.fun), success=bool(r.success),
                gradient_norm=float(np.linalg.norm(g(r.x))))


CONFIGS = [
    ("BFGS", "BFGS", {}),
    ("BFGS gtol=1e-8", "BFGS", {"gtol": 1e-8}),
    ("Newton-CG", "Newton-CG", {}),
    ("L-BFGS-B", "L-BFGS-B", {}),
]


def mgh():
    rows = []
    for name, number, n, x0, minima in PROBLEMS:
        f, g, h = compile_problem(name, n)
        row = dict(problem=name, number=number, n=n, minima=minima, scipy={})
        for label, method, options in CONFIGS:
            if method == "L-BFGS-B" and n < 10:
                continue
            result = run(method, f, g, h, x0, **options)
            result["reached"] = reached(result["value"], minima)
            row["scipy"][label] = result
        rows.append(row)
    return rows


def extended_rosenbrock(n):
    """Vectorised NumPy objective, gradient, Hessian and Hessian-vector product."""
    def f(x):
        a, b = x[0::2], x[1::2]
        return float(np.sum(100 * (b - a * a) ** 2 + (1 - a) ** 2))

    def g(x):
        a, b = x[0::2], x[1::2]
        r = b - a * a
        out = np.empty_like(x)
        out[0::2] = -400 * a * r - 2 * (1 - a)
        out[1::2] = 200 * r
        return out

    def hess(x):
        import scipy.sparse as ss
        a, b = x[0::2], x[1::2]
        d = np.empty_like(x)
        d[0::2] = 1200 * a * a - 400 * b + 2
        d[1::2] = 200
        off = np.zeros(n - 1)
        off[0::2] = -400 * a
        return ss.diags([off, d, off], [-1, 0, 1], format="csr")

    def hessp(x, p):
        a, b = x[0::2], x[1::2]
        out = np.empty_like(x)
        out[0::2] = (1200 * a * a - 400 * b + 2) * p[0::2] - 400 * a * p[1::2]
        out[1::2] = -400 * a * p[0::2] + 200 * p[1::2]
        return out

    return f, g, hess, hessp


def rosenbrock(n, gtol=1e-8, repeats=3, only=None, budget=1800.0):
    f, g, hess, hessp = extended_rosenbrock(n)
    x0 = np.array([-1.2, 1] * (n // 2))
    results = {}
    cases = [
        ("BFGS", dict(method="BFGS", jac=g, options=dict(gtol=gtol))),
        ("L-BFGS-B", dict(method="L-BFGS-B", jac=g, options=dict(gtol=gtol, ftol=0))),
        ("Newton-CG", dict(method="Newton-CG", jac=g, hessp=hessp, options=dict(xtol=1e-12))),
        ("Newton-CG (sparse Hessian)", dict(method="Newton-CG", jac=g, hess=hess, options=dict(xtol=1e-12))),
    ]
    for label, kwargs in cases:
        if only and label not in only:
            continue
        best = math.inf
        # SciPy's BFGS does two dense n×n matrix products per iteration (O(n³)):
        # at n = 1000 one run takes minutes, so it is timed once.
        for _ in range(1 if label == "BFGS" and n >= 500 else repeats):
            start = time.perf_counter()

            def stop_after_budget(intermediate_result):
                # A run that exceeds the time budget is stopped and reported as unfinished.
                if time.perf_counter() - start > budget:
                    raise StopIteration

            r = so.minimize(f, x0.copy(), callback=stop_after_budget, **kwargs)
            best = min(best, time.perf_counter() - start)
        results[label] = dict(finished=bool(best <= budget), iterations=int(r.nit), nfev=int(r.nfev), njev=int(getattr(r, "njev", 0)),
                              nhev=int(getattr(r, "nhev", 0)), value=float(r.fun),
                              gradient_norm=float(np.linalg.norm(g(r.x))), seconds=best, success=bool(r.success))
    return dict(n=n, gtol=gtol, scipy_version=scipy.__version__, numpy_version=np.__version__, results=results)


def main(argv):
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    if not args or args[0] == "mgh":
        rows = mgh()
        if as_json:
            print(json.dumps(dict(scipy_version=scipy.__version__, rows=rows), indent=1))
            return
        print(f"SciPy {scipy.__version__}: iterations/nfev(/nhev), * = published minimum not reached")
        for row in rows:
            cells = []
            for label, r in row["scipy"].items():
                mark = "" if r["reached"] else "*"
                extra = f"/{r['nhev']}" if label == "Newton-CG" else ""
                cells.append(f"{label}: {r['iterations']}/{r['nfev']}{extra}{mark} f={r['value']:.6g}")
            print(f"{row['problem']:28s} " + " | ".join(cells))
    elif args[0] == "rosenbrock":
        n = int(args[1]) if len(args) > 1 else 1000
        only = [a[len("--only="):] for a in args if a.startswith("--only=")]
        budget = [float(a[len("--budget="):]) for a in args if a.startswith("--budget=")]
        out = rosenbrock(n, only=only or None, budget=budget[0] if budget else 1800.0)
        if as_json:
            print(json.dumps(out, indent=1))
            return
        for label, r in out["results"].items():
            print(f"{label:28s} it={r['iterations']} nfev={r['nfev']} njev={r['njev']} nhev={r['nhev']} "
                  f"f={r['value']:.3e} |g|={r['gradient_norm']:.2e} {r['seconds'] * 1000:.1f} ms")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
