import Symbolic
let x = Expression.variable("x"), y = Expression.variable("y")
let f = x * x * y + y + 2
print(f, "|", f.latex)
print(f.gradient(), f.hessian())
let x1 = Expression.variable("x1"), x2 = Expression.variable("x2")
let g = log(x1) + x1*x2 - sin(x2)
print(g, g.gradient(), try g.gradient().map { try $0.evaluate(at: ["x1": 2, "x2": 5]) })
print(sin(x)**2, (sin(x)**2).derivative(withRespectTo: "x"))
for e in [x/y, x/(2*y), -x + y, 1/(x+1), x**(-y), sqrt(x)/(2*y**2), x - 3, (x+y)**(Expression(1)/2), 2**(x*y), exp(-x**2), Expression(0.1)*x, x*Expression(-1.0), asin(x).derivative(withRespectTo: "x"), tanh(x).derivative(withRespectTo: "x"), max(x,y).derivative(withRespectTo: "x"), sigmoid(x).derivative(withRespectTo: "x"), log(x, 2).derivative(withRespectTo: "x"), (x**y).derivative(withRespectTo: "y"), atan2(y, x).derivative(withRespectTo: "x")] {
  print(e, "   |   ", e.latex)
}
var e: Expression = x
for _ in 0..<6 { e = e * e + e }
print(e.sharedDescription)
