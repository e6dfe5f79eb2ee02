#!/usr/bin/env python3
"""Provenance of the bounds in Tests/SymbolicTests/DerivativeSizeTests.swift.

For each (expression, variable) case below, differentiates the expression with
SymPy's default `diff` (no simplification, which is what a SymPy user gets),
prints SymPy's derivative and its operation count, the count after
`sympy.simplify` (for information only), and finally emits the Swift array
literal of cases with SymPy's count as the bound.

The operation count (see docs/DerivativeSize.md) is computed on the printed
infix text, identically for both systems (this file and `operationCount` in
the Swift test implement the same tokenizer):
  * every `+ - * / ^` token outside a number literal counts 1 (a unary minus
    counts 1 too; SymPy's `**` is first rewritten to `^`);
  * every function call (a name directly followed by `(`) counts 1;
  * names, numbers, parentheses, commas and spaces count 0.

Usage: python3 scripts/sympy_sizes.py            (table + Swift literal)
       SYMBOLIC_SIZE_TABLE=1 swift test --filter DerivativeSize > ours.log
       python3 scripts/sympy_sizes.py --markdown ours.log
                                                 (rows for the doc table: the
                                                  test prints our counts and
                                                  derivatives as SIZEROW lines)

Higher derivatives (the HIGHER corpus below: every Hessian entry and every
third partial derivative of each function):
       python3 scripts/sympy_sizes.py --higher   (Swift literal for
                                                  Tests/SymbolicTests/HigherDerivativeSizeTests.swift)
       SYMBOLIC_SIZE_TABLE=1 swift test --filter HigherDerivativeSize > ours.log
       python3 scripts/sympy_sizes.py --higher-report ours.log
                                                 (ratios ours/SymPy: median,
                                                  p90, max per kind, and the
                                                  largest ratios)

Runs offline with SymPy 1.14 (the system python3, or the peers' venv).
"""
import re
import sys

import sympy
from sympy.codegen.cfunctions import expm1, log1p
from sympy.parsing.sympy_parser import (convert_xor, parse_expr,
                                        standard_transformations)

# The cases: expression in our grammar (which SymPy's parser also reads with
# `convert_xor`), and the variable to differentiate by. Only smooth functions
# both systems know are used; non-smooth ones (abs, sign, step, relu, max, min)
# are left out because SymPy's derivatives of them (Heaviside, sign,
# Derivative(Max...)) are not comparable expressions.
CASES = [
    # Polynomials and products
    ("x^3 + 2*x^2 - 5*x + 7", "x"),
    ("(x^2 + 1)^5", "x"),
    ("x^2*y^3 + x*y", "x"),
    ("x^2*y^3 + x*y", "y"),
    ("(x + 1)*(x - 2)*(x + 3)", "x"),
    ("x*y*z/(x + y + z)", "x"),
    ("sinh(x)*cosh(x)", "x"),
    ("x*exp(-x)*sin(x)", "x"),
    # Quotients and rational functions
    ("x/(x^2 + 1)", "x"),
    ("(x^2 - 1)/(x^2 + 1)", "x"),
    ("1/(x^2 + y^2)", "x"),
    ("(x^3 - 2*x + 1)/(x^2 + x + 1)", "x"),
    # Chain rule, depth >= 3
    ("sin(cos(tan(x)))", "x"),
    ("exp(sin(x^2 + 1))", "x"),
    ("log(2 + cos(exp(x)))", "x"),
    ("tanh(sin(exp(x)))", "x"),
    ("sqrt(1 + log(1 + x^2)^2)", "x"),
    # Powers with symbolic exponents, logarithms to a base
    ("x^y", "x"),
    ("x^y", "y"),
    ("x^x", "x"),
    ("sin(x)^cos(x)", "x"),
    ("2^(x*y)", "x"),
    ("(x^2 + x + 1)^(3/2)", "x"),
    ("log(x, 2)", "x"),
    ("log(x^2 + 1, y)", "x"),
    ("log(x^2 + 1, y)", "y"),
    # Activations and exp/log combinations
    ("sigmoid(x)", "x"),
    ("sigmoid(2*x + 3*y)", "x"),
    ("softplus(x)", "x"),
    ("softplus(x*y - 1)", "y"),
    ("tanh(x)^2", "x"),
    ("exp(-x^2/2)", "x"),
    ("log(exp(x) + exp(y))", "x"),
    ("exp(x)/(1 + exp(x))", "x"),
    ("log1p(x^2) + expm1(x)", "x"),
    # Trigonometric and inverse functions
    ("atan2(y, x)", "x"),
    ("atan2(y, x)", "y"),
    ("atan(x/y)", "y"),
    ("sqrt(x^2 + y^2)", "x"),
    ("sin(x)*cos(y) + cos(x)*sin(y)", "x"),
    ("asin(x) + acos(x^2)", "x"),
    # Small models
    ("-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))", "w"),
    ("softplus(w*x + b) - y*(w*x + b)", "w"),
    ("v1*tanh(w1*x + w2*y + b1) + v2*tanh(w3*x + w4*y + b2) + c", "w1"),
    ("v1*tanh(w1*x + w2*y + b1) + v2*tanh(w3*x + w4*y + b2) + c", "x"),
]

# Functions of 1-3 variables for the higher-derivative comparison: polynomials,
# rational functions, exp/log/trig/sqrt, products and compositions. Written
# before any measurement and not tuned to the results.
HIGHER = [
    ("x^3*y^2 - 2*x*y + y^3", "x,y"),
    ("(x + y)^4", "x,y"),
    ("(x^2 + y^2 + 1)^3", "x,y"),
    ("x*y*z + x^2*z - y*z^2", "x,y,z"),
    ("(x - y)*(x + 2*y)*(y - 3)", "x,y"),
    ("x/(x^2 + 1)", "x"),
    ("(x^2 - y)/(x + y^2)", "x,y"),
    ("x*y/(x + y)", "x,y"),
    ("1/(1 + x^2 + y^2 + z^2)", "x,y,z"),
    ("(x^3 - 2*x + 1)/(x^2 + x + 1)", "x"),
    ("exp(x*y)", "x,y"),
    ("exp(-(x^2 + y^2)/2)", "x,y"),
    ("x*exp(-x)*sin(x)", "x"),
    ("exp(x)*cos(y) + exp(y)*sin(x)", "x,y"),
    ("log(x^2 + y^2)", "x,y"),
    ("x*log(y) + y*log(x)", "x,y"),
    ("log(1 + exp(x + y))", "x,y"),
    ("sin(x)*cos(y)", "x,y"),
    ("sin(x*y + z)", "x,y,z"),
    ("tan(x*y)", "x,y"),
    ("atan(y/x)", "x,y"),
    ("sqrt(x^2 + y^2)", "x,y"),
    ("sqrt(1 + x*y)*z", "x,y,z"),
    ("x^2*sqrt(y) + y*sqrt(x)", "x,y"),
    ("exp(sin(x))*y", "x,y"),
    ("sin(exp(x) + y^2)", "x,y"),
    ("log(cos(x) + 2)*y", "x,y"),
    ("tanh(2*x - y)", "x,y"),
    ("x^y", "x,y"),
    ("(x^2 + y)^(3/2)", "x,y"),
    ("sin(x)^2*cos(y)^3", "x,y"),
    ("exp(x)/(1 + exp(x))", "x"),
    ("x*y*exp(-x*y)/(1 + x^2)", "x,y"),
    ("cos(x + y*z)*exp(z)", "x,y,z"),
    ("log(x + y + z)*x*y", "x,y,z"),
    ("(x + sin(y))^3", "x,y"),
    ("asin(x*y)", "x,y"),
    ("exp(-x^2)*sin(x*y)", "x,y"),
    ("(1 + x)^(1/3)*y", "x,y"),
    ("x*y*z/(x^2 + y^2 + z^2)", "x,y,z"),
]

_u = sympy.Symbol("u")
LOCALS = {
    "sigmoid": sympy.Lambda(_u, 1 / (1 + sympy.exp(-_u))),
    "softplus": sympy.Lambda(_u, sympy.log(1 + sympy.exp(_u))),
    "log1p": log1p,
    "expm1": expm1,
    "e": sympy.E,
    "pi": sympy.pi,
}
TRANSFORMATIONS = standard_transformations + (convert_xor,)

_TOKEN = re.compile(
    r"\s+|(?P<number>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/^])|(?P<other>[(),])"
)


def operation_count(text: str) -> int:
    """Operators `+ - * / ^` (unary minus included) plus function calls."""
    text = text.replace("**", "^")
    count, i = 0, 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if m is None:
            raise ValueError(f"unexpected character {text[i]!r} in {text!r}")
        if m.group("op"):
            count += 1
        elif m.group("name"):
            j = m.end()
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and text[j] == "(":
                count += 1
        i = m.end()
    return count


def sympy_text(e) -> str:
    return str(e).replace("**", "^")


def rows():
    for source, var in CASES:
        e = parse_expr(source, local_dict=dict(LOCALS), transformations=TRANSFORMATIONS)
        d = sympy.diff(e, sympy.Symbol(var))
        s = sympy.simplify(d)
        yield source, var, sympy_text(d), operation_count(sympy_text(d)), sympy_text(s), operation_count(sympy_text(s))


def higher_entries():
    """(source, kind, variables differentiated by, SymPy text, count) for
    every lower-triangle Hessian entry and every third partial derivative."""
    from itertools import combinations_with_replacement
    for source, names in HIGHER:
        e = parse_expr(source, local_dict=dict(LOCALS), transformations=TRANSFORMATIONS)
        variables = names.split(",")
        for kind, order in (("hessian", 2), ("third", 3)):
            for combo in combinations_with_replacement(variables, order):
                d = sympy.diff(e, *[sympy.Symbol(v) for v in combo])
                text = sympy_text(d)
                yield source, kind, combo, text, operation_count(text)


def percentile(values, q):
    """numpy.percentile's default (linear interpolation between ranks)."""
    v = sorted(values)
    k = (len(v) - 1) * q / 100
    f = int(k)
    c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)


def higher_report(log_path):
    ours = {}
    with open(log_path) as log:
        for line in log:
            if line.startswith("HIGHERROW\t"):
                _, source, combo, count, printed = line.rstrip("\n").split("\t")
                ours[(source, tuple(combo.split(",")))] = (int(count), printed)
    times = []
    simplified_counts = {}
    with open(log_path) as log:
        for line in log:
            if line.startswith("HIGHERTIME\t"):
                _, source, combo, normalise, simplify, simplified = line.rstrip("\n").split("\t")
                times.append((float(normalise), float(simplify), source, combo))
                simplified_counts[(source, tuple(combo.split(",")))] = int(simplified)
    ratios = {"hessian": [], "third": []}
    worst = []
    for source, kind, combo, text, n in higher_entries():
        count, printed = ours[(source, combo)]
        if n == 0 and count == 0:
            continue  # both zero: nothing to compare
        r = max(count, 1) / max(n, 1)
        ratios[kind].append(r)
        worst.append((r, kind, source, combo, count, n, printed, text))
    print("| derivatives | entries | median | p90 | max |")
    print("|---|---|---|---|---|")
    for kind, label in (("hessian", "Hessian entries"), ("third", "third derivatives")):
        rs = ratios[kind]
        print(f"| {label} | {len(rs)} | {percentile(rs, 50):.2f} | {percentile(rs, 90):.2f} | {max(rs):.2f} |")
    if simplified_counts:
        after = {"hessian": [], "third": []}
        for source, kind, combo, text, n in higher_entries():
            count = simplified_counts[(source, combo)]
            if n == 0 and count == 0:
                continue
            after[kind].append(max(count, 1) / max(n, 1))
        for kind, label in (("hessian", "Hessian entries, simplified()"), ("third", "third derivatives, simplified()")):
            rs = after[kind]
            print(f"| {label} | {len(rs)} | {percentile(rs, 50):.2f} | {percentile(rs, 90):.2f} | {max(rs):.2f} |")
    if times:
        print()
        print(f"Time per corpus derivative ({len(times)} derivatives, build of the log): "
              f"normalized() max {max(t[0] for t in times) * 1000:.1f} ms, "
              f"simplified() median {percentile([t[1] for t in times], 50) * 1000:.1f} ms, "
              f"max {max(t[1] for t in times) * 1000:.1f} ms "
              f"({max(times, key=lambda t: t[1])[2]} by {max(times, key=lambda t: t[1])[3]})")
    print()
    print("Largest ratios:")
    print()
    print("| ratio | f | d/d | ours | SymPy | our printed derivative | SymPy's |")
    print("|---|---|---|---|---|---|---|")
    for r, kind, source, combo, count, n, printed, text in sorted(worst, key=lambda w: -w[0])[:12]:
        print(f"| {r:.2f} | `{source}` | {' '.join(combo)} | {count} | {n} | `{printed}` | `{text}` |")


# Classic inputs of issue 14: (operation, input). SymPy's result is computed
# here; ours is read from `sym OPERATION INPUT` (the binary given after
# --classics).
CLASSICS = [
    ("expand", "(x + 1)^3*(y - 2)"),
    ("factor", "x^4 - 1"),
    ("factor", "6*x^2*y + 9*x*y^2"),
    ("cancel", "(x^2 - 1)/(x^2 + 2*x + 1)"),
    ("simplify", "x*(x + 1) - x^2"),
    ("collect", "x^2*y + x^2 + x*y + x*z + 2"),
    ("diff4", "exp(x)*sin(x)"),
    ("diff8", "exp(-x^2)"),
]


def classics(binary):
    import subprocess
    x = sympy.Symbol("x")
    print("| operation | input | SymPy | ops | ours | ops | equal |")
    print("|---|---|---|---|---|---|---|")
    for op, source in CLASSICS:
        e = parse_expr(source, local_dict=dict(LOCALS), transformations=TRANSFORMATIONS)
        if op.startswith("diff"):
            order = int(op[4:])
            theirs = sympy.diff(e, x, order)
            args = ["diff", source, "--wrt", "x", "--order", str(order)]
        elif op == "collect":
            theirs = sympy.collect(e, x)
            args = ["collect", source, "--in", "x"]
        else:
            theirs = getattr(sympy, op)(e)
            args = [op, source]
        ours = subprocess.run([binary] + args, capture_output=True, text=True, check=True).stdout.strip()
        back = parse_expr(ours, local_dict=dict(LOCALS), transformations=TRANSFORMATIONS)
        equal = sympy.simplify(back - theirs) == 0
        t = sympy_text(theirs)
        print(f"| {op} | `{source}` | `{t}` ({len(t)} chars) | {operation_count(t)} | "
              f"`{ours}` ({len(ours)} chars) | {operation_count(ours)} | {'yes' if equal else 'NO'} |")


def main():
    if "--classics" in sys.argv:
        classics(sys.argv[sys.argv.index("--classics") + 1])
        return
    if "--higher" in sys.argv:
        print("// Generated by scripts/sympy_sizes.py --higher: SymPy's operation count of")
        print("// diff(f, *variables) for every Hessian entry and third derivative of HIGHER.")
        print("static let entries: [HigherSizeCase] = [")
        for source, kind, combo, text, n in higher_entries():
            names = ", ".join(f'"{v}"' for v in combo)
            print(f'        HigherSizeCase("{source}", [{names}], sympyCount: {n}),')
        print("]")
        return
    if "--higher-report" in sys.argv:
        higher_report(sys.argv[sys.argv.index("--higher-report") + 1])
        return
    table = list(rows())
    if "--markdown" in sys.argv:
        ours = {}
        with open(sys.argv[sys.argv.index("--markdown") + 1]) as log:
            for line in log:
                if line.startswith("SIZEROW\t"):
                    _, source, var, count, printed = line.rstrip("\n").split("\t")
                    ours[(source, var)] = (int(count), printed)
        tally = {"<": 0, "=": 0, ">": 0}
        print("| # | f | d/d | SymPy | SymPy simplified | ours | | our printed derivative | SymPy's printed derivative |")
        print("|---|---|---|---|---|---|---|---|---|")
        for k, (source, var, d, n, s, ns) in enumerate(table, 1):
            count, printed = ours[(source, var)]
            rel = "<" if count < n else "=" if count == n else ">"
            tally[rel] += 1
            print(f"| {k} | `{source}` | {var} | {n} | {ns} | {count} | {rel} | `{printed}` | `{d}` |")
        print()
        print(f"ours < SymPy: {tally['<']}, ours = SymPy: {tally['=']}, ours > SymPy: {tally['>']}")
        return
    for source, var, d, n, s, ns in table:
        print(f"d/d{var} {source}")
        print(f"    sympy    ({n:3d}): {d}")
        print(f"    simplify ({ns:3d}): {s}")
    print()
    print("// Generated by scripts/sympy_sizes.py: bound = SymPy's operation count of diff(e, v).")
    print("static let cases: [SizeCase] = [")
    for source, var, d, n, s, ns in table:
        print(f'        SizeCase("{source}", "{var}", sympyCount: {n}),')
    print("]")


if __name__ == "__main__":
    main()
