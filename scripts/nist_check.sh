#!/usr/bin/env bash
# Runs the 27 NIST StRD nonlinear regression problems from both certified
# starting points through the command line, exactly as a user would:
#
#     sym fit MODEL --data F.csv --target T --start b1=..,b2=.. --format json
#
# with the default method, and prints the correct significant digits of the
# parameters and standard errors against the certified values
# (Tests/Fixtures/nist/manifest.json), then the counts: fits with every
# parameter to >= 6 and >= 8 digits, fits with every standard error to >= 4.
#
#     scripts/nist_check.sh            # builds sym in release first
#     SYM=.build/debug/sym scripts/nist_check.sh
#
# Needs python3 (standard library only) to read the JSON.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${SYM:-}" ]]; then
    swift build -c release --package-path "$root" --product sym >&2
    SYM="$(swift build -c release --package-path "$root" --show-bin-path)/sym"
fi
python3 - "$SYM" "$root/Tests/Fixtures/nist" <<'PY'
import json, math, subprocess, sys, time
sym, folder = sys.argv[1], sys.argv[2]
problems = json.load(open(f"{folder}/manifest.json"))["problems"]

def digits(value, reference):
    if value is None or not math.isfinite(value):
        return 0.0
    if value == reference:
        return 11.0
    return max(0.0, min(11.0, -math.log10(abs(value - reference) / abs(reference))))

rows = []
print(f"{'problem':10s} start  digits  se-digits  iterations  reason")
for p in problems:
    for s, start in enumerate(p["starts"], 1):
        assignments = ",".join(f"{n}={v!r}" for n, v in zip(p["parameters"], start))
        command = [sym, "fit", p["model"], "--data", f"{folder}/{p['file']}", "--target", p["target"],
                   "--start", assignments, "--format", "json"]
        began = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - began
        if run.returncode != 0:
            print(f"{p['name']:10s} {s}      failed: {run.stderr.strip()}")
            rows.append((0, 0))
            continue
        out = json.loads(run.stdout)
        d = min(digits(out["parameters"][n], c) for n, c in zip(p["parameters"], p["certified"]))
        e = min(digits(out.get("standard_errors", {}).get(n), c) for n, c in zip(p["parameters"], p["standard_errors"]))
        rows.append((d, e))
        print(f"{p['name']:10s} {s}      {d:6.2f}  {e:9.2f}  {out['iterations']:10d}  {out['reason']}  ({elapsed * 1000:.0f} ms)")
six = sum(d >= 6 for d, _ in rows); eight = sum(d >= 8 for d, _ in rows); se = sum(e >= 4 for _, e in rows)
print(f"fits: {len(rows)}; every parameter >= 6 digits: {six}, >= 8 digits: {eight}; "
      f"every standard error >= 4 digits: {se}")
PY
