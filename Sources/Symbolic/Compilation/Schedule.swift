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

    /// `order` regrouped by (level, opcode), stable within a group.
    /// A counting sort: O(n + levels).
    static func levelOrder(_ lowered: LoweredProgram, _ order: [Int32]) -> [Int32] {
        var level = [Int32](repeating: 0, count: lowered.values.count)
        var maxLevel: Int32 = 0
        for v in order {
            var l: Int32 = 0
            lowered.forEachOperand(of: Int(v)) { l = Swift.max(l, level[Int($0)]) }
            level[Int(v)] = l + 1
            maxLevel = Swift.max(maxLevel, l + 1)
        }
        let opcodes = Opcode.allCases.count
        func key(_ v: Int32) -> Int {
            let op: Opcode
            switch lowered.values[Int(v)] {
            case .operation(let o, _, _): op = o
            default: op = .sum
            }
            return Int(level[Int(v)] - 1) * opcodes + Int(op.rawValue)
        }
        var start = [Int](repeating: 0, count: Int(maxLevel) * opcodes + 1)
        for v in order { start[key(v) + 1] += 1 }
        for k in 1..<start.count { start[k] += start[k - 1] }
        var result = [Int32](repeating: 0, count: order.count)
        for v in order {
            let k = key(v)
            result[start[k]] = v
            start[k] += 1
        }
        return result
    }
}
