#!/usr/bin/env bash
# Regenerates every picture in docs/images with exactly the commands that
# docs/Pictures.md prints beside them (a test, PicturesDocumentationTests,
# checks that the two lists agree).
#
#     scripts/make_pictures.sh            # builds sym (release) and draws everything
#     SYM=.build/debug/sym scripts/make_pictures.sh
#
# Optional: PNG previews for a look by eye, if rsvg-convert is installed
# (Debian: librsvg2-bin): PREVIEW=/tmp/previews scripts/make_pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${SYM:-}" ]]; then
    swift build -c release --product sym >/dev/null
    SYM=.build/release/sym
fi
sym() { "$SYM" "$@"; }
mkdir -p docs/images

# --- pictures (one command per line; the same lines are in docs/Pictures.md)
sym plot "step(x); sigmoid(x); tanh(x); relu(x)" --range -5:5 --derivative --output docs/images/activations.svg
sym minimize "(1-a)^2 + 100*(b-a^2)^2" --from a=-1.2,b=1 --method bfgs --plot docs/images/minimize-rosenbrock.svg
sym fit "a*x^3 + b*x^2 + c*x + d" --data cubic --plot docs/images/fit-cubic.svg
sym fit "a*x1 + b*x2 + c" --data moons --loss logistic --plot docs/images/fit-logistic.svg
sym fit --model mlp --hidden 3 --data moons --method gd --rate 2 --epochs 5000 --validation 0.25 --plot docs/images/mlp-moons.svg --loss-plot docs/images/mlp-moons-loss.svg
sym fit --model mlp --hidden-grid 1,2,3,4,5,20,50 --data Benchmarks/Data/moons.csv --method gd --rate 2 --l2 5e-5 --epochs 20000 --plot docs/images/hidden-grid.svg
sym graph "ln(x1) + x1*x2 - sin(x2)" --gradient --at x1=2,x2=5 --output docs/images/graph-notes.svg
sym graph "(w5*tanh(w1*x1 + w2*x2 + b1) + w6*tanh(w3*x1 + w4*x2 + b2) + b3 - y)^2" --output docs/images/graph-network.svg
# --- end of pictures

if [[ -n "${PREVIEW:-}" ]]; then
    mkdir -p "$PREVIEW"
    for svg in docs/images/*.svg; do
        rsvg-convert "$svg" -o "$PREVIEW/$(basename "${svg%.svg}").png"
    done
fi
