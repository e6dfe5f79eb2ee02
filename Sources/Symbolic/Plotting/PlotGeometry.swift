import Foundation

/// A point in SVG pixel coordinates (y grows downwards).
struct PixelPoint: Hashable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in pixels.
struct PixelRect: Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ p: PixelPoint) -> Bool {
        p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY
    }

    func intersects(_ other: PixelRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// The rectangle grown by `d` on every side.
    func insetBy(_ d: Double) -> PixelRect {
        PixelRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }
}

/// Maps data values along one axis to pixels.
struct AxisMapping {
    /// The visible data range (data units, not transformed).
    var lo: Double
    var hi: Double
    var isLogarithmic: Bool
    /// Pixel positions of `lo` and `hi` (`hi` may be smaller, as on the
    /// y axis, where larger values are higher up).
    var pixelLo: Double
    var pixelHi: Double

    private var transformedLo: Double { isLogarithmic ? Foundation.log10(lo) : lo }
    private var transformedHi: Double { isLogarithmic ? Foundation.log10(hi) : hi }

    /// The pixel of `value`, or `nil` when the scale cannot show it
    /// (NaN, infinite, or ≤ 0 on a logarithmic axis).
    @inline(__always)
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let t: Double
        if isLogarithmic {
            guard value > 0 else { return nil }
            t = Foundation.log10(value)
        } else {
            t = value
        }
        let a = transformedLo, b = transformedHi
        return pixelLo + (t - a) / (b - a) * (pixelHi - pixelLo)
    }
}

/// Line geometry: clipping to the plot and dropping points nobody can see.
enum LineGeometry {
    /// The visible pieces of the polyline through `points` (`nil` entries
    /// break it), clipped to `rect` with Liang–Barsky so that points far
    /// outside (a pole's 1e15) neither distort the drawn part nor bloat the
    /// file.
    static func clippedPieces(_ points: [PixelPoint?], to rect: PixelRect) -> [[PixelPoint]] {
        var pieces: [[PixelPoint]] = []
        var current: [PixelPoint] = []
        func endPiece() {
            if current.count >= 2 { pieces.append(current) }
            current = []
        }
        var previous: PixelPoint? = nil
        for point in points {
            guard let p = point else {
                endPiece()
                previous = nil
                continue
            }
            defer { previous = p }
            guard let a = previous else {
                continue
            }
            guard let (start, end, clippedEnd) = clip(a, p, to: rect) else {
                endPiece()
                continue
            }
            if current.isEmpty || current.last != start {
                endPiece()
                current = [start]
            }
            current.append(end)
            if clippedEnd { endPiece() }
        }
        endPiece()
        return pieces
    }

    /// The part of segment a–b inside `rect`, and whether b itself was cut off.
    static func clip(_ a: PixelPoint, _ b: PixelPoint, to rect: PixelRect) -> (PixelPoint, PixelPoint, Bool)? {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        let tests: [(Double, Double)] = [(-dx, a.x - rect.x), (dx, rect.maxX - a.x), (-dy, a.y - rect.y), (dy, rect.maxY - a.y)]
        for (p, q) in tests {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                if r > t0 { t0 = r }
            } else {
                if r < t0 { return nil }
                if r < t1 { t1 = r }
            }
        }
        let start = t0 == 0 ? a : PixelPoint(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let end = t1 == 1 ? b : PixelPoint(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (start, end, t1 < 1)
    }

    /// `points` with those dropped that change the drawn line by less than
    /// `tolerance` pixels: first a linear pass that skips points closer
    /// than `tolerance` to the last kept one, then Douglas–Peucker with an
    /// explicit stack (no recursion on long inputs).
    ///
    /// - Complexity: O(n) for the first pass; Douglas–Peucker is O(n log n)
    ///   on typical curves, at most O(m²) on the m points left.
    static func simplified(_ points: [PixelPoint], tolerance: Double = 0.25) -> [PixelPoint] {
        guard points.count > 2 else { return points }
        var near: [PixelPoint] = [points[0]]
        near.reserveCapacity(points.count)
        for p in points.dropFirst().dropLast() {
            let last = near[near.count - 1]
            if Swift.abs(p.x - last.x) > tolerance || Swift.abs(p.y - last.y) > tolerance { near.append(p) }
        }
        near.append(points[points.count - 1])
        guard near.count > 2 else { return near }
        var keep = [Bool](repeating: false, count: near.count)
        keep[0] = true
        keep[near.count - 1] = true
        var stack = [(0, near.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let a = near[first], b = near[last]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            var worst = first, worstDistance = -1.0
            for i in (first + 1)..<last {
                let p = near[i]
                let distance = length > 0
                    ? Swift.abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / length
                    : ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot()
                if distance > worstDistance {
                    worstDistance = distance
                    worst = i
                }
            }
            if worstDistance > tolerance {
                keep[worst] = true
                stack.append((first, worst))
                stack.append((worst, last))
            }
        }
        return near.indices.filter { keep[$0] }.map { near[$0] }
    }

    /// For a polyline whose x never decreases: per pixel column only the
    /// first, lowest, highest and last point (the "M4" reduction). The
    /// drawn line is the same to the pixel, and a 100,000-iteration loss
    /// history shrinks to a few thousand points.
    static func reducedPerColumn(_ points: [PixelPoint]) -> [PixelPoint] {
        guard points.count > 8 else { return points }
        var result: [PixelPoint] = []
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start
            var lowest = start, highest = start
            while end + 1 < points.count && points[end + 1].x.rounded(.down) == column {
                end += 1
                if points[end].y < points[lowest].y { lowest = end }
                if points[end].y > points[highest].y { highest = end }
            }
            for index in Set([start, lowest, highest, end]).sorted() { result.append(points[index]) }
            start = end + 1
        }
        return result
    }

    /// Whether x never decreases along `points`.
    static func isMonotoneInX(_ points: [PixelPoint]) -> Bool {
        zip(points, points.dropFirst()).allSatisfy { $0.x <= $1.x }
    }

    /// Whether segment a–b touches `rect`.
    static func segment(_ a: PixelPoint, _ b: PixelPoint, touches rect: PixelRect) -> Bool {
        clip(a, b, to: rect) != nil
    }
}
