/// Loop re-rolling: finds the repeated blocks of a lowered program and
/// plans loops for them, so that R(10,000)'s gradient is a loop of a few
/// lines instead of 100,000 temporaries.
///
/// Items are the outputs and the terms of each large sum. Each item's
/// operations (up to ``maximumItemSize``; larger subexpressions are read as
/// values computed before the loop) are written in post-order with the
/// inputs abstracted into slots (``LoopItem``). Items with identical
/// operations are grouped; within a group, a run of at least
/// ``minimumRun`` items whose slot inputs (and, for outputs, positions)
/// change by a constant step from one item to the next becomes a loop over
/// `in[scale*i + offset]`: outputs are written `out[start + stride*i]`, sum
/// terms are added to a total. The check is exact, so anything that does
/// not fit (a perturbed term, boundary entries) stays straight-line code.
/// Runs of the same length are fused into one loop body.
struct LoopPlan {
    /// The fewest items a loop replaces.
    static let minimumRun = 4
    /// The most operations of one item (subexpressions beyond this size are
    /// computed before the loop and read as one value).
    static let maximumItemSize = 160

    private(set) var loops: [GeneratedLoop] = []
    /// The loops that write outputs, run after the straight-line code.
    private(set) var outputLoops: [Int] = []
    /// Whether each output is written by a loop.
    private(set) var loopOutputs: [Bool]
    /// For each sum with re-rolled terms: its loops and the terms left to add.
    private(set) var sums: [Int32: (loops: [Int], rest: [Int32])] = [:]
    /// Constants that change from one iteration to the next, as bit
    /// patterns: entry `i` of a table is iteration `i`'s.
    private(set) var tables: [[UInt64]] = []
    private var tableIDs: [[UInt64]: Int32] = [:]

    private let program: LoweredProgram
    private var size: [Int] = []
    /// A hash of each value's operations with inputs and constants unnamed, so that the
    /// operands of `a + b` and `a * b` can be put in an order that does not
    /// depend on value numbering.
    private var shape: [Int] = []
    private var stamp: [Int32] = []
    private var local: [Int32] = []
    private var generation: Int32 = 0

    /// Plans the loops of `program` (none when `enabled` is false).
    init(program: LoweredProgram, enabled: Bool) {
        self.program = program
        loopOutputs = [Bool](repeating: false, count: program.outputs.count)
        guard enabled else { return }
        computeSizes()
        stamp = [Int32](repeating: 0, count: program.values.count)
        local = [Int32](repeating: 0, count: program.values.count)
        rerollOutputs()
        let live = liveness()
        for v in program.values.indices where live[v] {
            if case .list(.sum, _, let count) = program.values[v], count >= LoopPlan.minimumRun { rerollSum(Int32(v)) }
        }
    }

    /// Calls `body` with each value `v` reads in the planned code: a sum's
    /// remaining terms and its loops' externals, else the operands.
    func forEachOperand(of v: Int, _ body: (Int32) -> Void) {
        if let planned = sums[Int32(v)] {
            for t in planned.rest { body(t & ~LoweredProgram.subtractBit) }
            for l in planned.loops { loops[l].body.externals.forEach(body) }
        } else {
            program.forEachOperand(of: v, body)
        }
    }

    /// Whether each value is computed by the straight-line code (needed by
    /// an output, a loop or another such value; dead code is dropped).
    func liveness() -> [Bool] {
        var live = [Bool](repeating: false, count: program.values.count)
        for (k, o) in program.outputs.enumerated() where !loopOutputs[k] { live[Int(o)] = true }
        for l in outputLoops { for v in loops[l].body.externals { live[Int(v)] = true } }
        for v in stride(from: program.values.count - 1, through: 0, by: -1) where live[v] {
            forEachOperand(of: v) { live[Int($0)] = true }
        }
        return live
    }

    // MARK: - Analysis

    /// Operation counts where large subexpressions count as one value, and shapes.
    private mutating func computeSizes() {
        size = [Int](repeating: 1, count: program.values.count)
        shape = [Int](repeating: 0, count: program.values.count)
        let cap = LoopPlan.maximumItemSize
        for v in program.values.indices {
            // A fixed mix (not `Hasher`, which is seeded per process): the generated code must not change between runs.
            var h: UInt64 = 0
            func mix(_ x: UInt64) {
                h = (h &+ x &+ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
            }
            switch program.values[v] {
            case .constant:
                mix(1)   // any constant: items whose constants differ are read from tables
            case .input:
                mix(2)
            case .operation(let op, let a, let b):
                mix(3)
                mix(UInt64(op.rawValue))
                let (sa, sb) = (UInt64(bitPattern: Int64(shape[Int(a)])), b >= 0 ? UInt64(bitPattern: Int64(shape[Int(b)])) : 0)
                mix(op.isCommutative ? Swift.min(sa, sb) : sa)
                mix(op.isCommutative ? Swift.max(sa, sb) : sb)
            case .list(let op, let start, let count):
                mix(4)
                mix(UInt64(op.rawValue))
                for t in program.sumTerms[Int(start)..<Int(start + count)] {
                    mix(UInt64(bitPattern: Int64(shape[Int(t & ~LoweredProgram.subtractBit)])))
                    mix(t < 0 ? 1 : 0)
                }
            }
            if isOperation(v) {
                var s = 1
                program.forEachOperand(of: v) { o in s = Swift.min(s + Swift.min(size[Int(o)], cap + 1), Int.max / 2) }
                size[v] = s
                if s > cap { h = 0; mix(5); mix(UInt64(v)) }   // read as one value by the items that use it
            }
            shape[v] = Int(Int64(bitPattern: h))
        }
    }

    /// The operands of `op(a, b)` in the order items write them: by shape for `+` and `*`.
    private func ordered(_ op: Opcode, _ a: Int32, _ b: Int32) -> (Int32, Int32) {
        op.isCommutative && shape[Int(b)] < shape[Int(a)] ? (b, a) : (a, b)
    }

    private func isOperation(_ v: Int) -> Bool {
        switch program.values[v] {
        case .constant, .input: return false
        case .operation, .list: return true
        }
    }

    /// The item rooted at `root`, or `nil` when it is too large.
    private mutating func item(_ root: Int32) -> LoopItem? {
        let r = Int(root)
        guard size[r] <= LoopPlan.maximumItemSize else { return nil }
        generation += 1
        var item = LoopItem()
        var stack: [(Int32, Bool)] = [(root, false)]
        while let (v32, expanded) = stack.popLast() {
            let v = Int(v32)
            if stamp[v] == generation { continue }
            let interior = isOperation(v) && (v == r || size[v] <= LoopPlan.maximumItemSize)
            if interior && !expanded {
                stack.append((v32, true))
                if case .operation(let op, let a, let b) = program.values[v], b >= 0 {
                    let (first, second) = ordered(op, a, b)
                    for o in [second, first] where stamp[Int(o)] != generation { stack.append((o, false)) }
                } else {
                    program.forEachOperand(of: v) { o in if stamp[Int(o)] != generation { stack.append((o, false)) } }
                }
                continue
            }
            stamp[v] = generation
            local[v] = Int32(item.nodes.count)
            switch program.values[v] {
            case .constant(let x):
                item.nodes.append(.constant(slot: Int32(item.constants.count)))
                item.constants.append(x.bitPattern)
            case .input(let k):
                item.nodes.append(.input(slot: Int32(item.inputs.count)))
                item.inputs.append(Int(k))
            case .operation(let op, let a, let b) where interior:
                let (first, second) = b >= 0 ? ordered(op, a, b) : (a, b)
                item.nodes.append(.operation(op, local[Int(first)], second >= 0 ? local[Int(second)] : -1))
            case .list(let op, let start, let count) where interior:
                let terms = program.sumTerms[Int(start)..<Int(start + count)].map {
                    local[Int($0 & ~LoweredProgram.subtractBit)] | ($0 & LoweredProgram.subtractBit)
                }
                item.nodes.append(.list(op, terms))
            case .operation, .list:
                item.nodes.append(.external(v32))
            }
        }
        return item
    }

    /// A run: members `range` of a sorted group, with the step of their slot inputs and positions.
    private typealias Run = (range: Range<Int>, step: [Int], positionStep: Int)

    /// Maximal runs of at least ``minimumRun`` items, found greedily in order.
    private static func runs(_ items: [LoopItem], positions: [Int]) -> [Run] {
        var found: [Run] = []
        var j = 0
        while j + LoopPlan.minimumRun <= items.count {
            let step = items[j + 1].step(from: items[j])
            let positionStep = positions[j + 1] - positions[j]
            var end = j + 2
            while end < items.count, positions[end] - positions[end - 1] == positionStep,
                  items[end].follows(items[end - 1], by: step) { end += 1 }
            if end - j >= LoopPlan.minimumRun {
                found.append((j..<end, step, positionStep))
                j = end
            } else {
                j += 1
            }
        }
        return found
    }

    /// Groups `items` by their operations, keeping the order of first appearance.
    private static func groups(_ items: [LoopItem]) -> [[Int]] {
        var index: [[LoopItem.Node]: Int] = [:]
        var groups: [[Int]] = []
        for (k, item) in items.enumerated() {
            if let g = index[item.nodes] {
                groups[g].append(k)
            } else {
                index[item.nodes] = groups.count
                groups.append([k])
            }
        }
        return groups.filter { $0.count >= LoopPlan.minimumRun }
    }

    private mutating func rerollOutputs() {
        var items: [LoopItem] = []
        var positions: [Int] = []
        for (k, o) in program.outputs.enumerated() {
            if case .constant(0) = program.values[Int(o)] { continue }   // zeros: the emitter fills them
            guard let item = item(o) else { continue }
            items.append(item)
            positions.append(k)
        }
        var loopOfCount: [Int: Int] = [:]
        for group in LoopPlan.groups(items) {
            let members = group.map { items[$0] }, memberPositions = group.map { positions[$0] }
            for run in LoopPlan.runs(members, positions: memberPositions) {
                let l = loop(count: run.range.count, &loopOfCount)
                outputLoops += outputLoops.contains(l) ? [] : [l]
                let constants = constantNodes(members[run.range])
                let root = members[run.range.lowerBound].add(to: &loops[l].body, step: run.step, constantNodes: constants)
                loops[l].writes.append((memberPositions[run.range.lowerBound], run.positionStep, root))
                for m in run.range { loopOutputs[memberPositions[m]] = true }
            }
        }
    }

    private mutating func rerollSum(_ s: Int32) {
        guard case .list(_, let start, let count) = program.values[Int(s)] else { return }
        let terms = Array(program.sumTerms[Int(start)..<Int(start + count)])
        var items: [LoopItem] = []
        var owners: [Int] = []   // the term each item is
        for (k, t) in terms.enumerated() {
            guard var item = item(t & ~LoweredProgram.subtractBit) else { continue }
            if t < 0 { item.nodes.append(.list(.sum, [])) }   // marks a subtracted term: groups apart from added ones
            items.append(item)
            owners.append(k)
        }
        var covered = [Bool](repeating: false, count: terms.count)
        var loopOfCount: [Int: Int] = [:]
        var planned: [Int] = []
        for group in LoopPlan.groups(items) {
            let sorted = group.sorted { items[$0].inputs.lexicographicallyPrecedes(items[$1].inputs) }
            let members = sorted.map { items[$0] }
            for run in LoopPlan.runs(members, positions: [Int](repeating: 0, count: members.count)) {
                let l = loop(count: run.range.count, &loopOfCount)
                planned += planned.contains(l) ? [] : [l]
                var first = members[run.range.lowerBound]
                let subtract = first.nodes.last == .list(.sum, [])
                if subtract { first.nodes.removeLast() }
                let constants = constantNodes(members[run.range])
                loops[l].terms.append((first.add(to: &loops[l].body, step: run.step, constantNodes: constants), subtract))
                for m in run.range { covered[owners[sorted[m]]] = true }
            }
        }
        guard !planned.isEmpty else { return }
        sums[s] = (planned, terms.indices.filter { !covered[$0] }.map { terms[$0] })
    }

    /// Each constant slot of a run: the constant when all its items agree, else a table.
    private mutating func constantNodes(_ run: ArraySlice<LoopItem>) -> [LoopBody.Node] {
        let first = run[run.startIndex]
        return first.constants.indices.map { c in
            let x = first.constants[c]
            if run.allSatisfy({ $0.constants[c] == x }) { return .constant(x) }
            let column = run.map { $0.constants[c] }
            if let t = tableIDs[column] { return .table(t) }
            tables.append(column)
            tableIDs[column] = Int32(tables.count - 1)
            return .table(Int32(tables.count - 1))
        }
    }

    /// The loop of `count` iterations of the current pass, created when new.
    private mutating func loop(count: Int, _ loopOfCount: inout [Int: Int]) -> Int {
        if let l = loopOfCount[count] { return l }
        loops.append(GeneratedLoop(count: count))
        loopOfCount[count] = loops.count - 1
        return loops.count - 1
    }
}
