/// "Did you mean …?" suggestions for misspelled names.
///
/// The parser uses these for unknown function names (`sine` → `sin`) and the
/// command-line tool for unknown option names (`--varibles` → `--variables`).

/// Returns the candidate closest to `name` by edit distance, or `nil` when no
/// candidate is close enough to be a plausible misspelling.
///
///     closestMatch(to: "sine", in: ["sin", "cos", "tan"])
///     // Returns "sin"
///     closestMatch(to: "x", in: ["sin", "cos", "tan"])
///     // Returns nil
///
/// Letter case is ignored when measuring the distance, so `Sin` suggests
/// `sin`. Ties go to the candidate that comes first in `candidates`. A
/// candidate equal to `name` is returned as is.
///
/// - Parameters:
///   - name: The unrecognised name as the user wrote it.
///   - candidates: The valid names.
///   - maximumDistance: The largest edit distance still worth suggesting.
///     The default, `nil`, allows one edit per three characters of `name`
///     (at least one), which catches typos without suggesting unrelated names.
/// - Returns: The best candidate, or `nil` if none is within `maximumDistance`.
/// - Complexity: O(*n* · *m* · *k*) for *k* candidates of length at most *m*
///   and a name of length *n*; candidates whose length differs from the
///   name's by more than the allowed distance are skipped in O(1).
public func closestMatch(to name: String, in candidates: [String], maximumDistance: Int? = nil) -> String? {
    let target = Array(name.lowercased())
    let allowed = maximumDistance ?? max(1, target.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let letters = Array(candidate.lowercased())
        guard abs(letters.count - target.count) <= allowed else { continue }
        let distance = editDistance(target, letters)
        if distance <= allowed, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// The number of single-character insertions, deletions, substitutions and
/// transpositions of adjacent characters that turn `source` into `target`
/// (the optimal-string-alignment distance).
///
///     editDistance("sine", "sin")   // 1 (one deletion)
///     editDistance("sni", "sin")    // 1 (one transposition)
///
/// Characters are compared exactly (case-sensitively) as Swift `Character`s.
///
/// - Complexity: O(*n* · *m*) time and O(*m*) extra memory.
public func editDistance(_ source: String, _ target: String) -> Int {
    editDistance(Array(source), Array(target))
}

/// Optimal string alignment distance keeping only three rows of the table.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previousPrevious[j - 2] + 1)
            }
            current[j] = value
        }
        (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
}
