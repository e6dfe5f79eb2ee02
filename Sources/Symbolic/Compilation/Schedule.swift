/// The order in which a program runs its instructions.
///
/// Both orders are topological; they trade the number of live values (work
/// memory) against instruction-level parallelism.
enum Schedule {
    /// Depth-first from the outputs: each value is used soon after it is
    /// computed, so few values are live at once. For batched programs,
    /// where every live value is a whole row of points.
    case depthFirst
    /// By dependency level (all operands at lower levels), and by opcode
    /// within a level. For one-point programs: independent instructions
    /// with the same opcode run back to back as one tight loop without
    /// per-instruction dispatch, and out-of-order execution overlaps them.
    /// Measured 1.6× faster than depth-first on R(10,000) (see
    /// docs/Compilation.md), at the price of more live values.
    case levels

    func order(_ lowered: LoweredProgram) -> [Int32] {
        let order = Schedule.depthFirstOrder(lowered) { lowered.values[Int($0)].isLeaf }
        switch self {
        case .depthFirst: return order
        case .levels: return Schedule.levelOrder(lowered, order)
        }
    }

    /// A depth-first post-order from the outputs, visiting the operand
    /// computed later (usually the bigger subexpression) first, and the
    /// terms of a sum in order. Operations no output needs are left out
    /// (dead-code removal). Iterative: any depth is fine.
    ///
    /// Lowering emits values in expression-node order, which would compute
    /// all 10,000 terms of a sum before the first addition.
    ///
    /// - Parameter isLeaf: Whether a value is computed elsewhere (constants,
    ///   inputs, and for batched programs the shared values).
    static func depthFirstOrder(_ lowered: LoweredProgram, isLeaf: (Int32) -> Bool) -> [Int32] {
        let values = lowered.values
        var state = [UInt8](repeating: 0, count: values.count)   // 0 new, 1 expanded, 2 done
        var order: [Int32] = []
        var stack: [Int32] = []
        var operands: [Int32] = []
        for o in lowered.outputs {
            stack.append(o)
            while let v = stack.last {
                if isLeaf(v) || state[Int(v)] == 2 {
                    stack.removeLast()
                } else if state[Int(v)] == 0 {
                    state[Int(v)] = 1
                    operands.removeAll(keepingCapacity: true)
                    lowered.forEachOperand(of: Int(v)) { if state[Int($0)] == 0 { operands.append($0) } }
                    if case .operation = values[Int(v)] {
                        operands.sort()     // pushed last is visited first: the later-computed operand
                    } else {
                        operands.reverse()  // sums: visit terms in order
                    }
                    stack.append(contentsOf: operands)
                } else {
                    state[Int(v)] = 2
                    stack.removeLast()
                    order.append(v)
                }
            }
        }
        return order
    }

    /// `order` regrouped by (level, opcode), stable within a group: a
    /// counting sort by level, then a sort by opcode within each level.
    static func levelOrder(_ lowered: LoweredProgram, _ order: [Int32]) -> [Int32] {
        var level = [Int32](repeating: 0, count: lowered.values.count)
        var maxLevel: Int32 = 0
        for v in order {
            var l: Int32 = 0
            lowered.forEachOperand(of: Int(v)) { l = Swift.max(l, level[Int($0)]) }
            level[Int(v)] = l + 1
            maxLevel = Swift.max(maxLevel, l + 1)
        }
        var start = [Int](repeating: 0, count: Int(maxLevel) + 1)
        for v in order { start[Int(level[Int(v)])] += 1 }
        var total = 0
        for l in start.indices { (start[l], total) = (total, total + start[l]) }
        var result = [Int32](repeating: 0, count: order.count)
        var next = start
        for v in order {
            let l = Int(level[Int(v)])
            result[next[l]] = v
            next[l] += 1
        }
        // Within a level: by opcode, then by where the operands come from
        // (their own level and opcode, or which constant, or "an input"),
        // keeping the depth-first order otherwise. Instructions that do the
        // same thing to values of the same kind become neighbours, and
        // since those values were laid out in the same order, their slots
        // are consecutive: strided, vectorisable runs.
        func opcode(_ v: Int32) -> Int {
            switch lowered.values[Int(v)] {
            case .operation(let op, _, _), .list(let op, _, _): return Int(op.rawValue)
            case .constant, .input: return 0
            }
        }
        func origin(_ v: Int32) -> Int {
            guard v >= 0 else { return -3 }
            switch lowered.values[Int(v)] {
            case .constant: return -4 - Int(v)      // each constant its own origin (stride 0)
            case .input: return -2
            case .operation, .list: return Int(level[Int(v)]) * 64 + opcode(v)
            }
        }
        func key(_ v: Int32) -> (Int, Int, Int) {
            switch lowered.values[Int(v)] {
            case .operation(let op, let a, let b): return (Int(op.rawValue), origin(a), origin(b))
            case .list(_, let start, let count): return (opcode(v), Int(count), origin(lowered.sumTerms[Int(start)] & ~LoweredProgram.subtractBit))
            case .constant, .input: return (0, 0, 0)
            }
        }
        for l in 1...Swift.max(1, Int(maxLevel)) where l < start.count {
            let range = start[l]..<(l + 1 < start.count ? start[l + 1] : order.count)
            if range.count > 1 {
                let keyed = result[range].enumerated().map { (key: key($0.element), offset: $0.offset, value: $0.element) }
                let sorted = keyed.sorted { a, b in a.key != b.key ? a.key < b.key : a.offset < b.offset }
                for (k, e) in sorted.enumerated() { result[range.lowerBound + k] = e.value }
            }
        }
        return result
    }
}
