/// The candidate closest to `word` by Levenshtein distance, if it is close
/// enough to be a plausible misspelling.
///
/// "Close enough" means at most two edits, and fewer edits than the
/// candidate has characters (so `x` never suggests `h`). Ties keep the
/// earlier candidate, so callers list candidates in order of preference.
func closestMatch(to word: String, among candidates: [String]) -> String? {
    var best: (candidate: String, distance: Int)? = nil
    for candidate in candidates {
        let distance = levenshteinDistance(word, candidate)
        guard distance <= 2, distance < candidate.count else { continue }
        if best == nil || distance < best!.distance {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// The number of single-character insertions, deletions and substitutions
/// that turn `a` into `b`.
///
/// - Complexity: O(a.count × b.count) time, O(b.count) memory.
func levenshteinDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
