extension LayeredLayout {
    /// Step 3: the order of the nodes within each layer, by barycentre sweeps.
    struct Ordering {
        var layers: [[Int]]
        let above: [[Int]], below: [[Int]]
        private(set) var bestCrossings = 0
        private var position: [Int]

        init(layers: [[Int]], above: [[Int]], below: [[Int]]) {
            self.layers = layers
            self.above = above
            self.below = below
            position = [Int](repeating: 0, count: above.count)
            renumber()
        }

        private mutating func renumber() {
            for layer in layers { for (k, v) in layer.enumerated() { position[v] = k } }
        }

        /// Sweeps down (ordering each layer by the mean position of its
        /// nodes' neighbours above) and up (neighbours below), keeping the
        /// best order seen; stops early when a round brings no improvement.
        mutating func reduceCrossings(rounds: Int = 12) {
            var best = layers
            bestCrossings = totalCrossings()
            var stale = 0
            for round in 0..<rounds where bestCrossings > 0 {
                if round % 2 == 0 {
                    for l in layers.indices.dropFirst() { sort(layer: l, by: above) }
                } else {
                    for l in layers.indices.reversed().dropFirst() { sort(layer: l, by: below) }
                }
                let c = totalCrossings()
                if c < bestCrossings {
                    bestCrossings = c
                    best = layers
                    stale = 0
                } else {
                    stale += 1
                    if stale >= 4 { break }
                }
            }
            layers = best
            renumber()
        }

        /// Stable sort of one layer by the barycentre of each node's neighbours
        /// (nodes without neighbours keep their place).
        private mutating func sort(layer l: Int, by neighbours: [[Int]]) {
            let keyed = layers[l].map { v -> (v: Int, key: Double) in
                let ns = neighbours[v]
                guard !ns.isEmpty else { return (v, Double(position[v])) }
                return (v, Double(ns.reduce(0) { $0 + position[$1] }) / Double(ns.count))
            }
            layers[l] = keyed.enumerated().sorted { a, b in
                a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
            }.map(\.element.v)
            for (k, v) in layers[l].enumerated() { position[v] = k }
        }

        /// The crossings between all pairs of neighbouring layers.
        func totalCrossings() -> Int {
            var total = 0
            for l in layers.indices.dropLast() { total += crossings(between: l) }
            return total
        }

        /// Crossings between layer `l` and `l + 1`: the inversions of the lower
        /// ends when the edges are sorted by their upper ends (Barth, Jünger
        /// and Mutzel's accumulator tree, here a Fenwick tree).
        func crossings(between l: Int) -> Int {
            var pairs: [(Int, Int)] = []
            for v in layers[l] { for w in below[v] { pairs.append((position[v], position[w])) } }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            let size = layers[l + 1].count
            var tree = [Int](repeating: 0, count: size + 1)
            var count = 0, seen = 0
            for (_, lower) in pairs {
                // Edges seen so far whose lower end is right of this one cross it.
                var i = lower + 1, atOrLeft = 0
                while i > 0 { atOrLeft += tree[i]; i -= i & -i }
                count += seen - atOrLeft
                i = lower + 1
                while i <= size { tree[i] += 1; i += i & -i }
                seen += 1
            }
            return count
        }
    }

    /// Step 4: horizontal positions, by neighbour means and least-squares projection.
    struct Coordinates {
        let layers: [[Int]]
        let above: [[Int]], below: [[Int]]
        let widths: [Double]
        let gaps: (node: Double, dummy: Double)
        let isDummy: (Int) -> Bool
        private(set) var x: [Double]
        private(set) var extent = 0.0

        init(layers: [[Int]], above: [[Int]], below: [[Int]], widths: [Double], gaps: (node: Double, dummy: Double),
             isDummy: @escaping (Int) -> Bool) {
            self.gaps = gaps
            self.layers = layers
            self.above = above
            self.below = below
            self.widths = widths
            self.isDummy = isDummy
            x = [Double](repeating: 0, count: widths.count)
        }

        private func gap(_ a: Int, _ b: Int) -> Double {
            (widths[a] + widths[b]) / 2 + (isDummy(a) || isDummy(b) ? gaps.dummy : gaps.node)
        }

        mutating func assign(rounds: Int = 8) {
            for layer in layers {
                var cursor = 0.0
                for (k, v) in layer.enumerated() {
                    if k > 0 { cursor += gap(layer[k - 1], v) }
                    x[v] = cursor
                }
            }
            // Centre the layers on the widest before pulling them together.
            let widest = layers.map { l in l.last.map { x[$0] } ?? 0 }.max() ?? 0
            for layer in layers {
                let shift = (widest - (layer.last.map { x[$0] } ?? 0)) / 2
                for v in layer { x[v] += shift }
            }
            for round in 0..<rounds {
                if round % 2 == 0 {
                    for l in layers.indices.dropFirst() { place(l, toward: above) }
                } else {
                    for l in layers.indices.reversed().dropFirst() { place(l, toward: below) }
                }
            }
            for l in layers.indices { place(l, toward: nil) }
            let left = x.indices.map { x[$0] - widths[$0] / 2 }.min() ?? 0
            for v in x.indices { x[v] -= left }
            extent = x.indices.map { x[$0] + widths[$0] / 2 }.max() ?? 0
        }

        /// Moves the nodes of layer `l` towards the mean x of their neighbours
        /// (above and below when `neighbours` is nil), keeping order and gaps.
        private mutating func place(_ l: Int, toward neighbours: [[Int]]?) {
            let layer = layers[l]
            guard !layer.isEmpty else { return }
            var desired: [Double] = [], weight: [Double] = []
            for v in layer {
                let ns = neighbours.map { $0[v] } ?? (above[v] + below[v])
                desired.append(ns.isEmpty ? x[v] : ns.reduce(0.0) { $0 + x[$1] } / Double(ns.count))
                weight.append(isDummy(v) ? 2 : (ns.isEmpty ? 0.25 : 1))
            }
            var offset = [0.0]
            for k in 1..<layer.count { offset.append(offset[k - 1] + gap(layer[k - 1], layer[k])) }
            let fitted = LayeredLayout.isotonic(zip(desired, offset).map { $0 - $1 }, weights: weight)
            for (k, v) in layer.enumerated() { x[v] = fitted[k] + offset[k] }
        }
    }

    /// The non-decreasing sequence closest to `values` in weighted least
    /// squares (pool adjacent violators).
    ///
    ///     LayeredLayout.isotonic([1, 3, 2], weights: [1, 1, 1])   // [1, 2.5, 2.5]
    static func isotonic(_ values: [Double], weights: [Double]) -> [Double] {
        var blocks: [(mean: Double, weight: Double, count: Int)] = []
        for (v, w) in zip(values, weights) {
            var block = (mean: v, weight: Swift.max(w, 1e-9), count: 1)
            while let last = blocks.last, last.mean >= block.mean {
                blocks.removeLast()
                let total = last.weight + block.weight
                block = ((last.mean * last.weight + block.mean * block.weight) / total, total, last.count + block.count)
            }
            blocks.append(block)
        }
        var result: [Double] = []
        result.reserveCapacity(values.count)
        for b in blocks { result += [Double](repeating: b.mean, count: b.count) }
        return result
    }
}
