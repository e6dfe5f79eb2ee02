/// Products folded into the instructions that consume them, for batched
/// programs.
///
/// In a batched program every value is a row of points, so a product that
/// is computed, stored, and read back once by a sum costs two passes over
/// memory for one multiplication. Neural-network losses are mostly such
/// products: `x·W + b` in every layer, `δ·Wᵀ` going back, and gradients
/// `aᵢ·δⱼ` that are only summed over the samples. Two fusions remove them:
///
/// - a sum (or a two-term `add`/`subtract`) whose terms include products
///   used nowhere else becomes a *dot sum* `Σ ±xₖ·yₖ` over operand pairs
///   (a plain term is paired with "no factor");
/// - a product used only as outputs is delivered by *output products*,
///   which sum (or copy) `x·y` without storing a row.
///
/// Both compute every product and every addition exactly as the separate
/// instructions would (each product rounded, then added in term order), so
/// results do not change by a bit.
struct BatchFusion {
    /// The program with fused sums rewritten: their terms are pairs
    /// `(x | sign, y)`, `y` being ``noFactor`` for a plain term.
    var lowered: LoweredProgram
    /// Sums whose terms are pairs.
    var isDotSum: [Bool]
    /// Products delivered only by output-product instructions (no row).
    var isOutputProduct: [Bool]
    /// A constant value (1) that stands for "no factor" in a pair. It is
    /// a leaf, so the schedulers treat it like any shared constant.
    var noFactor: Int32

    /// Finds the fusions among the values that vary per point.
    init(_ original: LoweredProgram, varying: [Bool]) {
        lowered = original
        let values = original.values
        noFactor = Int32(values.count)
        lowered.values.append(.constant(1))
        isDotSum = [Bool](repeating: false, count: values.count + 1)
        isOutputProduct = isDotSum

        var uses = [Int32](repeating: 0, count: values.count)
        var outputUses = uses
        for v in values.indices where varying[v] { original.forEachOperand(of: v) { uses[Int($0)] += 1 } }
        for o in original.outputs { uses[Int(o)] += 1; outputUses[Int(o)] += 1 }

        func product(_ v: Int32) -> (Int32, Int32)? {
            if varying[Int(v)], case .operation(.multiply, let a, let b) = values[Int(v)] { return (a, b) }
            return nil
        }
        /// A product only this one sum reads.
        func fusable(_ v: Int32) -> (Int32, Int32)? {
            uses[Int(v)] == 1 && outputUses[Int(v)] == 0 ? product(v) : nil
        }
        let sign = LoweredProgram.subtractBit
        for v in values.indices where varying[v] {
            var terms: [Int32]
            switch values[v] {
            case .list(.sum, let start, let count): terms = Array(original.sumTerms[Int(start)..<Int(start + count)])
            case .operation(.add, let a, let b): terms = [a, b]
            case .operation(.subtract, let a, let b): terms = [a, b | sign]
            default: continue
            }
            guard terms.contains(where: { fusable($0 & ~sign) != nil }) else { continue }
            let start = Int32(lowered.sumTerms.count)
            for t in terms {
                if let (a, b) = fusable(t & ~sign) {
                    lowered.sumTerms += [a | (t & sign), b]
                } else {
                    lowered.sumTerms += [t, noFactor]
                }
            }
            lowered.values[v] = .list(.sum, start: start, count: Int32(2 * terms.count))
            isDotSum[v] = true
        }
        for v in values.indices where uses[v] > 0 && uses[v] == outputUses[v] && product(Int32(v)) != nil {
            isOutputProduct[v] = true
        }
    }
}
