#!/usr/bin/env python3
"""Merges optimbench's and scripts/scipy_mgh.py's JSON into Markdown tables.

    compare.py mgh OURS.json SCIPY.json
    compare.py rosenbrock OURS.json SCIPY.json
"""
import json
import sys


def reached(value, minima):
    return any(abs(value - m) <= 1e-6 * max(1, abs(m)) for m in minima)


def mgh(ours, scipy):
    by_problem = {}
    for r in ours:
        by_problem.setdefault(r["objective"], {})[r["method"]] = r
    print(f"| problem | n | f* (published) | Newton it/fev/hev | BFGS it/fev | L-BFGS it/fev "
          f"| SciPy BFGS it/fev | SciPy BFGS gtol=1e-8 it/fev | SciPy Newton-CG it/fev/hev | SciPy L-BFGS-B it/fev |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in scipy["rows"]:
        name, minima = row["problem"], row["minima"]
        o = by_problem.get(name, {})

        def ours_cell(method, hessian=False):
            r = o.get(method)
            if r is None:
                return "–"
            mark = "" if reached(r["value"], minima) else " ✗"
            return f"{r['iterations']}/{r['nfev']}" + (f"/{r['nhev']}" if hessian else "") + mark

        def scipy_cell(label, hessian=False):
            r = row["scipy"].get(label)
            if r is None:
                return "–"
            mark = "" if r["reached"] else f" ✗ (f={r['value']:.3g})"
            return f"{r['iterations']}/{r['nfev']}" + (f"/{r['nhev']}" if hessian else "") + mark

        fstar = " or ".join(f"{m:.6g}" for m in minima)
        print(f"| {name} | {row['n']} | {fstar} | {ours_cell('newton', True)} | {ours_cell('bfgs')} | "
              f"{ours_cell('lbfgs')} | {scipy_cell('BFGS')} | {scipy_cell('BFGS gtol=1e-8')} | "
              f"{scipy_cell('Newton-CG', True)} | {scipy_cell('L-BFGS-B')} |")


def rosenbrock(ours, scipy):
    pairs = [("bfgs", "BFGS"), ("lbfgs", "L-BFGS-B"), ("newton", "Newton-CG")]
    print(f"Extended Rosenbrock n = {scipy['n']}, start (−1.2, 1, …), SciPy {scipy['scipy_version']} "
          f"(gtol = {scipy['gtol']:g}; Newton-CG xtol = 1e-12). Times are the best of 3 runs "
          "(SciPy BFGS: 1 run).\n")
    print("| method | objective | iterations | f evals | Hessian evals | final f | ‖∇f‖ | time | SciPy it / fev / hev | SciPy time | fev ratio (ours/SciPy) | time ratio (SciPy/ours) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for ours_method, scipy_label in pairs:
        s = scipy["results"].get(scipy_label)
        for r in ours:
            if r["method"] != ours_method:
                continue
            if s:
                unfinished = "" if s.get("finished", True) else f" (stopped by the time budget at f = {s['value']:.3g})"
                bound = "" if s.get("finished", True) else "≤ "
                scipy_cells = f"{s['iterations']} / {s['nfev']} / {s['nhev']}{unfinished} | " \
                              f"{s['seconds'] * 1000:.1f} ms | {bound}{r['nfev'] / s['nfev']:.2f} | " \
                              f"{'≥ ' if bound else ''}{s['seconds'] / r['seconds']:.1f}×"
            else:
                scipy_cells = "– | – | – | –"
            print(f"| {ours_method} vs {scipy_label} | {r['objective']} | {r['iterations']} | {r['nfev']} | "
                  f"{r['nhev']} | {r['value']:.2e} | {r['gradientNorm']:.1e} | {r['seconds'] * 1000:.1f} ms | "
                  f"{scipy_cells} |")


if __name__ == "__main__":
    mode, ours_path, scipy_path = sys.argv[1:4]
    with open(ours_path) as f:
        ours = json.load(f)
    with open(scipy_path) as f:
        scipy = json.load(f)
    {"mgh": mgh, "rosenbrock": rosenbrock}[mode](ours, scipy)
