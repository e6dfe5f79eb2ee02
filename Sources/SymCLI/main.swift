import Symbolic
let x = Expression.variable("x"), y = Expression.variable("y")
let f = x * x * y + y + 2
print(f.kind)
print(try f.evaluate(at: ["x": 3, "y": 4]))
var e: Expression = x
for _ in 0..<60 { e = e * e + e }
print(try e.evaluate(at: ["x": -0.5]), e.nodeCount, e.treeSize)
print((x - x) == 0, (2*x + 3*x).kind, (x/x) == 1, ((x*y)**2).kind)
