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
        func opcode(_ v: Int32) -> UInt8 {
            if case .operation(let op, _, _) = lowered.values[Int(v)] { return op.rawValue }
            return Opcode.sum.rawValue
        }
        for l in 1...Swift.max(1, Int(maxLevel)) where l < start.count {
            let range = start[l]..<(l + 1 < start.count ? start[l + 1] : order.count)
            if range.count > 1 {
                let sorted = result[range].enumerated().sorted { a, b in
                    let (oa, ob) = (opcode(a.element), opcode(b.element))
                    return oa != ob ? oa < ob : a.offset < b.offset
                }
                for (k, e) in sorted.enumerated() { result[range.lowerBound + k] = e.element }
            }
        }
        return result
    }
}
