extension DefinitionText {
    /// Runs `body`, marking a ``DefinitionError`` it throws as coming from
    /// definition `index`.
    static func at<T>(_ index: Int, _ body: () throws(DefinitionError) -> T) throws(DefinitionError) -> T {
        do {
            return try body()
        } catch {
            var marked = error
            if marked.definitionIndex == nil { marked.definitionIndex = index }
            throw marked
        }
    }

    /// The order to build `definitions` in: every definition after the ones
    /// its body calls, otherwise in the given order.
    ///
    /// Depth-first with an explicit stack (no recursion). A body that calls
    /// back into a definition still being visited closes a cycle, reported
    /// as ``DefinitionError/Kind/recursive(_:)`` at the call that starts it.
    ///
    /// - Parameter index: The position of each definition by name.
    static func dependencyOrder(_ definitions: [DefinitionText], index: [String: Int]) throws(DefinitionError) -> [Int] {
        // The batch's functions each body calls, with the call's column.
        let calls: [[(target: Int, column: Int)]] = definitions.map { definition in
            DefinitionText.calls(in: definition.body).compactMap { call in
                index[call.name].map { (target: $0, column: call.column) }
            }
        }
        enum State { case unvisited, visiting, done }
        var state = [State](repeating: .unvisited, count: definitions.count)
        var order: [Int] = []
        for root in definitions.indices where state[root] == .unvisited {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = .visiting
            while let (node, next) = stack.last {
                guard next < calls[node].count else {
                    stack.removeLast()
                    state[node] = .done
                    order.append(node)
                    continue
                }
                stack[stack.count - 1].next = next + 1
                let target = calls[node][next].target
                switch state[target] {
                case .done:
                    continue
                case .unvisited:
                    state[target] = .visiting
                    stack.append((target, 0))
                case .visiting:
                    // The cycle runs from `target` on the stack to `node`, then back.
                    let start = stack.firstIndex { $0.node == target }!
                    let cycle = stack[start...].map(\.node) + [target]
                    let first = stack[start]
                    let call = calls[first.node][first.next - 1]
                    let name = definitions[cycle[1]].name
                    throw DefinitionError(.recursive(cycle.map { definitions[$0].name }), column: call.column,
                                          length: name.count, definitionIndex: first.node)
                }
            }
        }
        return order
    }
}
