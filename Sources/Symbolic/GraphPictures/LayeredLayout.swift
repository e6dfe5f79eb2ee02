/// A layered drawing of a directed acyclic graph, after Sugiyama, Tagawa
/// and Toda (1981) as Graphviz's `dot` does it, in four steps:
///
/// 1. **Layering** by longest path from the sources (so every edge points
///    down); sources that are not pinned to the top (constants) move down to
///    just above their first user, nodes pinned to the bottom go to the last layer.
/// 2. **Dummy nodes** split every edge spanning several layers into one
///    segment per layer, so long edges take part in ordering and routing.
/// 3. **Crossing reduction**: barycentre sweeps down and up, keeping the
///    order with the fewest crossings (counted exactly by inversions).
/// 4. **Coordinates**: each node pulled towards the mean of its neighbours
///    in the previous layer, then the layer made non-overlapping by a
///    least-squares projection (pool-adjacent-violators), sweeping down and up.
///
/// Everything is loops over arrays: no recursion, so deep graphs are safe.
struct LayeredLayout {
    /// The graph to lay out: node sizes and edges `(from, to)`.
    struct Graph {
        var widths: [Double]
        var heights: [Double]
        var edges: [(from: Int, to: Int)]
        /// Sources kept in the top layer.
        var pinnedTop: [Bool]
        /// Sinks moved to the bottom layer.
        var pinnedBottom: [Bool]
    }

    /// The layer of every real node (0 at the top).
    private(set) var layer: [Int] = []
    /// Centre of every real node.
    private(set) var x: [Double] = [], y: [Double] = []
    /// For every edge, the points its line passes through, from the source's bottom to the target's top.
    private(set) var routes: [[(x: Double, y: Double)]] = []
    /// The drawing's extent (from 0, 0).
    private(set) var width = 0.0, height = 0.0
    /// The top of every layer's band, and the gap between bands.
    private(set) var layerTop: [Double] = []
    let layerGap: Double
    /// Edge crossings of the final order.
    private(set) var crossings = 0

    /// The least horizontal gap between neighbouring nodes, and next to a dummy node.
    let nodeGap: Double, dummyGap = 8.0

    /// Lays out `graph`, leaving `layerGap` between layers.
    init(_ graph: Graph, layerGap: Double, nodeGap: Double = 18) {
        self.layerGap = layerGap
        self.nodeGap = nodeGap
        let n = graph.widths.count
        layer = LayeredLayout.layers(graph)
        // Layout nodes: the real ones, then one dummy per layer an edge crosses.
        var widths = graph.widths, heights = graph.heights
        var layerOf = layer
        var chains: [[Int]] = []
        var below = [[Int]](repeating: [], count: n), above = [[Int]](repeating: [], count: n)
        for edge in graph.edges {
            var chain = [edge.from]
            for l in stride(from: layer[edge.from] + 1, to: layer[edge.to], by: 1) {
                chain.append(widths.count)
                widths.append(0); heights.append(0); layerOf.append(l)
                below.append([]); above.append([])
            }
            chain.append(edge.to)
            for k in 1..<chain.count {
                below[chain[k - 1]].append(chain[k])
                above[chain[k]].append(chain[k - 1])
            }
            chains.append(chain)
        }
        let layerCount = (layerOf.max() ?? -1) + 1
        var layers = [[Int]](repeating: [], count: layerCount)
        for v in layerOf.indices { layers[layerOf[v]].append(v) }
        var ordering = Ordering(layers: layers, above: above, below: below)
        ordering.reduceCrossings()
        crossings = ordering.bestCrossings
        var coordinates = Coordinates(layers: ordering.layers, above: above, below: below, widths: widths,
                                      gaps: (nodeGap, dummyGap), isDummy: { $0 >= n })
        coordinates.assign()
        // Layer bands.
        var top = [Double](repeating: 0, count: layerCount), bandHeight = [Double](repeating: 0, count: layerCount)
        var cursor = 0.0
        for l in 0..<layerCount {
            bandHeight[l] = ordering.layers[l].map { heights[$0] }.max() ?? 0
            top[l] = cursor
            cursor += bandHeight[l] + layerGap
        }
        height = Swift.max(0, cursor - layerGap)
        layerTop = top
        width = coordinates.extent
        x = Array(coordinates.x[0..<n])
        y = (0..<n).map { top[layer[$0]] + bandHeight[layer[$0]] / 2 }
        routes = LayeredLayout.route(chains: chains, n: n, x: coordinates.x, widths: widths, heights: heights,
                                     y: y, top: top, bandHeight: bandHeight, layerOf: layerOf)
    }

    /// How many dummy nodes the layout of `graph` needs (one per layer an edge crosses).
    static func bendCount(_ graph: Graph) -> Int {
        let layer = layers(graph)
        return graph.edges.reduce(0) { $0 + Swift.max(0, layer[$1.to] - layer[$1.from] - 1) }
    }

    /// Longest-path layering with constants lowered and sinks pinned to the bottom.
    static func layers(_ graph: Graph) -> [Int] {
        let n = graph.widths.count
        var successors = [[Int]](repeating: [], count: n), indegree = [Int](repeating: 0, count: n)
        for e in graph.edges { successors[e.from].append(e.to); indegree[e.to] += 1 }
        // Kahn's order (the graph is acyclic).
        var order: [Int] = (0..<n).filter { indegree[$0] == 0 }
        var remaining = indegree, head = 0
        while head < order.count {
            let v = order[head]
            head += 1
            for s in successors[v] {
                remaining[s] -= 1
                if remaining[s] == 0 { order.append(s) }
            }
        }
        var layer = [Int](repeating: 0, count: n)
        for v in order { for s in successors[v] { layer[s] = Swift.max(layer[s], layer[v] + 1) } }
        let bottom = layer.max() ?? 0
        for v in 0..<n where graph.pinnedBottom[v] { layer[v] = bottom }
        for v in 0..<n where indegree[v] == 0 && !graph.pinnedTop[v] && !successors[v].isEmpty {
            layer[v] = Swift.max(0, (successors[v].map { layer[$0] }.min() ?? 1) - 1)
        }
        return layer
    }

    /// The points of every edge: out of the source's bottom, straight down
    /// through each dummy's layer band, into the target's top. Ports spread
    /// a node's edges across its side in the order of their other ends.
    static func route(chains: [[Int]], n: Int, x: [Double], widths: [Double], heights: [Double], y: [Double],
                      top: [Double], bandHeight: [Double], layerOf: [Int]) -> [[(x: Double, y: Double)]] {
        var outgoing = [[Int]](repeating: [], count: n), incoming = [[Int]](repeating: [], count: n)
        for (k, chain) in chains.enumerated() {
            outgoing[chain[0]].append(k)
            incoming[chain[chain.count - 1]].append(k)
        }
        var startX = [Double](repeating: 0, count: chains.count), endX = startX
        func spread(_ edges: [Int], node: Int, neighbour: (Int) -> Int, into result: inout [Double]) {
            let sorted = edges.sorted { x[neighbour($0)] != x[neighbour($1)] ? x[neighbour($0)] < x[neighbour($1)] : $0 < $1 }
            let usable = widths[node] * 0.7
            for (i, e) in sorted.enumerated() {
                result[e] = sorted.count == 1 ? x[node] : x[node] - usable / 2 + usable * Double(i) / Double(sorted.count - 1)
            }
        }
        for v in 0..<n {
            spread(outgoing[v], node: v, neighbour: { chains[$0][1] }, into: &startX)
            spread(incoming[v], node: v, neighbour: { chains[$0][chains[$0].count - 2] }, into: &endX)
        }
        return chains.enumerated().map { k, chain in
            var points: [(x: Double, y: Double)] = [(startX[k], y[chain[0]] + heights[chain[0]] / 2)]
            for d in chain.dropFirst().dropLast() {
                points.append((x[d], top[layerOf[d]]))
                points.append((x[d], top[layerOf[d]] + bandHeight[layerOf[d]]))
            }
            let last = chain[chain.count - 1]
            points.append((endX[k], y[last] - heights[last] / 2))
            return points
        }
    }
}
