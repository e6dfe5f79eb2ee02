#!/usr/bin/env bash
# Fuzzing under AddressSanitizer with libFuzzer: scripts/fuzz.sh SECONDS
#
# Builds Fuzz/FuzzTargets.swift (with the CLI's sources and the Symbolic
# library) using `swiftc -sanitize=fuzzer,address` into .build/fuzz/ — a
# build separate from SwiftPM's, so `swift build` and `swift test` never need
# sanitizers — then runs each target (parser, arguments, csv, differential)
# for SECONDS/4 seconds from the seed corpus in Fuzz/corpus/TARGET (new
# inputs go to .build/fuzz/corpus/TARGET, so the committed corpus stays small).
# A crash, a sanitizer report, a timeout (>10 s per input) or a differential
# disagreement is a failure; its input is saved as .build/fuzz/failures/TARGET-*.
# The build is reused while no source is newer than the binary.
#
# The last line is "fuzz: N executions, F failures"; the exit status is 0
# when F is 0, and non-zero when a build fails. Environment:
# FUZZ_TARGETS="parser csv" runs a subset; FUZZ_SEED=N fixes libFuzzer's
# random seed (CI uses 1, so a failure there reproduces with the same seed);
# FUZZ_JOBS is ignored (one process per target, in turn: 2-core machines).
#
# From a fresh clone the build takes about 5 minutes on 2 cores (the library
# once under ASan and coverage, then the targets with the CLI's sources);
# .ci/run runs `bash scripts/fuzz.sh 60` after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
targets=${FUZZ_TARGETS:-"parser arguments csv differential"}
seed_option=()
if [[ -n ${FUZZ_SEED:-} ]]; then
    seed_option=(-seed="$FUZZ_SEED")
    echo "fuzz: seed $FUZZ_SEED" >&2
fi
root=$PWD
out=$root/.build/fuzz
mkdir -p "$out/obj" "$out/failures"

binary=$out/symfuzz
library=$out/obj/libSymbolic.a
sources=$(find Sources/Symbolic -name '*.swift' | sort)
cli_sources=$(find Sources/SymCLI -name '*.swift' ! -name SymMain.swift | sort)
newest_library=$(ls -t $sources Sources/SymbolicKernels/Kernels.c Sources/SymbolicKernels/include/SymbolicKernels.h | head -1 || true)
if [[ ! -f $library || $newest_library -nt $library ]]; then
    echo "fuzz: building the library under AddressSanitizer and coverage (several minutes)..." >&2
    start=$(date +%s)
    # The C kernels: coverage and ASan, no libFuzzer main.
    clang -c -O1 -g -fsanitize=fuzzer-no-link,address -ffp-contract=off \
        -I Sources/SymbolicKernels/include Sources/SymbolicKernels/Kernels.c -o "$out/obj/Kernels.o"
    mkdir -p "$out/include"
    cat > "$out/include/module.modulemap" <<MAP
module SymbolicKernels {
    header "$root/Sources/SymbolicKernels/include/SymbolicKernels.h"
    export *
}
MAP
    # The library as a module of its own (the targets see only its public API).
    (cd "$out/obj" && swiftc -O -g -parse-as-library -swift-version 6 -module-name Symbolic \
        -sanitize=fuzzer,address -I "$out/include" \
        -emit-module -emit-module-path "$out/obj/Symbolic.swiftmodule" \
        -emit-library -static -o "$library" \
        -j2 -num-threads 2 $(printf "$root/%s " $sources))
    echo "fuzz: library built in $(( $(date +%s) - start )) s" >&2
fi
newest=$(ls -t $library $cli_sources Fuzz/FuzzTargets.swift scripts/fuzz.sh | head -1 || true)
if [[ ! -x $binary || $newest -nt $binary ]]; then
    start=$(date +%s)
    # The targets and the CLI's sources as one module named SymCLI (the CLI
    # refers to itself by that name), linked with libFuzzer's main.
    swiftc -O -g -parse-as-library -swift-version 6 -module-name SymCLI \
        -sanitize=fuzzer,address -I "$out/obj" -I "$out/include" \
        -j2 -num-threads 2 Fuzz/FuzzTargets.swift $cli_sources \
        "$library" "$out/obj/Kernels.o" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
    echo "fuzz: targets built in $(( $(date +%s) - start )) s" >&2
fi

total=0
failures=0
per_target=$(( seconds / $(echo $targets | wc -w) ))
(( per_target >= 1 )) || per_target=1
for name in $targets; do
    corpus=$out/corpus/$name
    mkdir -p "$corpus"
    log=$out/$name.log
    status=0
    # SWIFT_BACKTRACE off: the runtime's crash backtracer trips ASan itself.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 FUZZ_TARGET=$name "$binary" \
        "$corpus" "Fuzz/corpus/$name" ${seed_option[@]+"${seed_option[@]}"} -max_total_time="$per_target" -max_len=512 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/failures/$name-" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    runs=${runs:-0}
    total=$(( total + runs ))
    if (( status != 0 )); then
        failures=$(( failures + 1 ))
        echo "fuzz: $name FAILED (exit $status) after $runs executions; see $log:" >&2
        grep -E "FUZZ FAILURE|ERROR: AddressSanitizer|ERROR: libFuzzer|Test unit written|SUMMARY" "$log" | head -5 >&2 || true
    else
        echo "fuzz: $name: $runs executions in ${per_target} s, no failure" >&2
    fi
done
echo "fuzz: $total executions, $failures failures"
(( failures == 0 ))
