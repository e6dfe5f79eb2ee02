/// The Moré–Thuente line search for a step satisfying the strong Wolfe
/// conditions, written from J. J. Moré and D. J. Thuente, "Line search
/// algorithms with guaranteed sufficient decrease", ACM TOMS 20 (1994),
/// the algorithm behind MINPACK-2's `dcsrch` (which SciPy's BFGS and L-BFGS-B
/// also use), so our evaluation counts compare like with like.
///
/// This type is only the scalar state machine over φ(α) = f(x + αp): the
/// caller evaluates φ and φ′ at each proposed step and feeds them back.
struct MoreThuente {
    /// What the search wants next.
    enum Status: Equatable {
        /// Evaluate φ and φ′ at the (updated) step and call ``next`` again.
        case evaluate
        /// The step satisfies the strong Wolfe conditions.
        case converged
        /// No further progress is possible (rounding errors, interval below
        /// `xtol`, or a step bound reached); the best step so far is
        /// ``bestStep``.
        case stalled
    }

    let ftol: Double
    let gtol: Double
    let xtol: Double
    let minimumStep: Double
    let maximumStep: Double

    private var bracketed = false
    private var stage = 1
    private let finit: Double
    private let ginit: Double
    private let gtest: Double
    private var width: Double
    private var width1: Double
    // The best step so far (x) and the other end of the interval (y).
    private(set) var stx = 0.0
    private var fx: Double
    private var gx: Double
    private var sty = 0.0
    private var fy: Double
    private var gy: Double
    private var stmin: Double
    private var stmax: Double

    /// The step with the lowest auxiliary function value so far; it always
    /// satisfies the sufficient-decrease condition when positive.
    var bestStep: Double { stx }

    /// Starts a search from φ(0) = `value`, φ′(0) = `slope` < 0 with first
    /// trial step `step`.
    init(value: Double, slope: Double, step: Double, ftol: Double = 1e-4, gtol: Double = 0.9,
         xtol: Double = 1e-14, minimumStep: Double = 0, maximumStep: Double = 1e100) {
        self.ftol = ftol
        self.gtol = gtol
        self.xtol = xtol
        self.minimumStep = minimumStep
        self.maximumStep = maximumStep
        finit = value
        ginit = slope
        gtest = ftol * slope
        width = maximumStep - minimumStep
        width1 = width / 0.5
        fx = value
        gx = slope
        fy = value
        gy = slope
        stmin = 0
        stmax = step + 4 * step
    }

    /// Takes φ(`step`) and φ′(`step`) and either accepts the step or
    /// replaces it with the next trial step.
    mutating func next(step stp: inout Double, value f: Double, slope g: Double) -> Status {
        let ftest = finit + stp * gtest
        if stage == 1 && f <= ftest && g >= 0 { stage = 2 }

        if bracketed && (stp <= stmin || stp >= stmax) { return .stalled }
        if bracketed && stmax - stmin <= xtol * stmax { return .stalled }
        if stp == maximumStep && f <= ftest && g <= gtest { return .stalled }
        if stp == minimumStep && (f > ftest || g >= gtest) { return .stalled }
        if f <= ftest && Swift.abs(g) <= gtol * (-ginit) { return .converged }

        if stage == 1 && f <= fx && f > ftest {
            // Work with the auxiliary function ψ(α) = φ(α) − φ(0) − ftol·α·φ′(0)
            // until a step with ψ ≤ 0 and φ′ ≥ 0 is found (the paper's first stage).
            var fxm = fx - stx * gtest, fym = fy - sty * gtest
            var gxm = gx - gtest, gym = gy - gtest
            Self.step(&stx, &fxm, &gxm, &sty, &fym, &gym, &stp, f - stp * gtest, g - gtest,
                      &bracketed, stmin, stmax)
            fx = fxm + stx * gtest
            fy = fym + sty * gtest
            gx = gxm + gtest
            gy = gym + gtest
        } else {
            Self.step(&stx, &fx, &gx, &sty, &fy, &gy, &stp, f, g, &bracketed, stmin, stmax)
        }

        if bracketed {
            // Force sufficient shrinkage of the interval (bisect if it did not halve in two steps).
            if Swift.abs(sty - stx) >= 0.66 * width1 { stp = stx + 0.5 * (sty - stx) }
            width1 = width
            width = Swift.abs(sty - stx)
            stmin = Swift.min(stx, sty)
            stmax = Swift.max(stx, sty)
        } else {
            stmin = stp + 1.1 * (stp - stx)
            stmax = stp + 4 * (stp - stx)
        }
        stp = Swift.min(Swift.max(stp, minimumStep), maximumStep)
        if bracketed && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax) { stp = stx }
        return .evaluate
    }

    /// Records that φ is not finite at `step` (a step too long for the
    /// objective's domain) and proposes a shorter one between the best step
    /// and `step`.
    mutating func rejectNonFinite(step stp: inout Double) {
        bracketed = true
        sty = stp
        fy = .greatestFiniteMagnitude
        gy = 0
        stmin = Swift.min(stx, sty)
        stmax = Swift.max(stx, sty)
        width1 = width
        width = Swift.abs(sty - stx)
        stp = stx + 0.25 * (stp - stx)
    }

    /// One safeguarded interpolation step (MINPACK-2 `dcstep`): updates the
    /// interval of uncertainty [stx, sty] and computes the next trial step
    /// from cubic and quadratic interpolants of the known values and slopes.
    private static func step(
        _ stx: inout Double, _ fx: inout Double, _ dx: inout Double,
        _ sty: inout Double, _ fy: inout Double, _ dy: inout Double,
        _ stp: inout Double, _ fp: Double, _ dp: Double,
        _ bracketed: inout Bool, _ stpmin: Double, _ stpmax: Double
    ) {
        let sgnd = dp * (dx / Swift.abs(dx))
        var stpf: Double
        if fp > fx {
            // Higher value: the minimum is bracketed. Cubic step if closer to stx, else average.
            let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
            let s = Swift.max(Swift.abs(theta), Swift.abs(dx), Swift.abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp < stx { gamma = -gamma }
            let p = (gamma - dx) + theta
            let q = ((gamma - dx) + gamma) + dp
            let stpc = stx + (p / q) * (stp - stx)
            let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx)
            stpf = Swift.abs(stpc - stx) < Swift.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2
            bracketed = true
        } else if sgnd < 0 {
            // Lower value, slopes of opposite sign: bracketed; cubic or secant step.
            let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
            let s = Swift.max(Swift.abs(theta), Swift.abs(dx), Swift.abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp > stx { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = ((gamma - dp) + gamma) + dx
            let stpc = stp + (p / q) * (stx - stp)
            let stpq = stp + (dp / (dp - dx)) * (stx - stp)
            stpf = Swift.abs(stpc - stp) > Swift.abs(stpq - stp) ? stpc : stpq
            bracketed = true
        } else if Swift.abs(dp) < Swift.abs(dx) {
            // Lower value, same-sign slope that decreases in magnitude.
            let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
            let s = Swift.max(Swift.abs(theta), Swift.abs(dx), Swift.abs(dp))
            var gamma = s * Swift.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp > stx { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = (gamma + (dx - dp)) + gamma
            let r = p / q
            let stpc: Double
            if r < 0 && gamma != 0 {
                stpc = stp + r * (stx - stp)
            } else {
                stpc = stp > stx ? stpmax : stpmin
            }
            let stpq = stp + (dp / (dp - dx)) * (stx - stp)
            if bracketed {
                stpf = Swift.abs(stpc - stp) < Swift.abs(stpq - stp) ? stpc : stpq
                stpf = stp > stx ? Swift.min(stp + 0.66 * (sty - stp), stpf) : Swift.max(stp + 0.66 * (sty - stp), stpf)
            } else {
                stpf = Swift.abs(stpc - stp) > Swift.abs(stpq - stp) ? stpc : stpq
                stpf = Swift.max(stpmin, Swift.min(stpmax, stpf))
            }
        } else {
            // Lower value, same-sign slope that does not decrease: extrapolate,
            // or take the cubic step towards sty when bracketed.
            if bracketed {
                let theta = 3 * (fp - fy) / (sty - stp) + dy + dp
                let s = Swift.max(Swift.abs(theta), Swift.abs(dy), Swift.abs(dp))
                var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
                if stp > sty { gamma = -gamma }
                let p = (gamma - dp) + theta
                let q = ((gamma - dp) + gamma) + dy
                stpf = stp + (p / q) * (sty - stp)
            } else {
                stpf = stp > stx ? stpmax : stpmin
            }
        }

        if fp > fx {
            sty = stp; fy = fp; dy = dp
        } else {
            if sgnd < 0 { sty = stx; fy = fx; dy = dx }
            stx = stp; fx = fp; dx = dp
        }
        stp = stpf
    }
}
