/// An opaque sRGB colour.
///
///     let orange = Color(hex: 0xE69F00)
///     print(orange.hex)                         // Prints "#e69f00"
///     print(orange.blended(with: .white, 0.5).hex)  // Prints "#f3cf80"
public struct Color: Sendable, Hashable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// Creates a colour from its components.
    ///
    ///     let grey = Color(red: 128, green: 128, blue: 128)
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a 24-bit `0xRRGGBB` value.
    ///
    ///     let blue = Color(hex: 0x0072B2)
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// The colour as SVG writes it, `#rrggbb` in lower case.
    ///
    ///     Color(hex: 0x0072B2).hex   // "#0072b2"
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for component in [red, green, blue] {
            text.append(digits[Int(component >> 4)])
            text.append(digits[Int(component & 0xF)])
        }
        return text
    }

    /// The colour mixed with `other`: `fraction` 0 is `self`, 1 is `other`.
    ///
    ///     Color.black.blended(with: .white, 0.5).hex   // "#808080"
    public func blended(with other: Color, _ fraction: Double) -> Color {
        let t = Swift.min(Swift.max(fraction, 0), 1)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return Color(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    /// White.
    public static let white = Color(hex: 0xFFFFFF)
    /// Black.
    public static let black = Color(hex: 0x000000)
}

/// The colours series get when none is given: the Okabe–Ito palette
/// ("Color Universal Design", Okabe & Ito 2008), distinguishable with every
/// common form of colour-blindness.
///
///     let first = Palette.okabeIto[0]   // blue #0072b2
///     let fifth = Palette.color(4)      // reddish purple #cc79a7
public enum Palette {
    /// The eight Okabe–Ito colours, ordered so that the first few contrast
    /// most with each other and with white (yellow, weak on white, comes
    /// late; black last).
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2),  // blue
        Color(hex: 0xE69F00),  // orange
        Color(hex: 0x009E73),  // bluish green
        Color(hex: 0xD55E00),  // vermillion
        Color(hex: 0xCC79A7),  // reddish purple
        Color(hex: 0x56B4E9),  // sky blue
        Color(hex: 0xF0E442),  // yellow
        Color(hex: 0x000000),  // black
    ]

    /// The `index`-th palette colour, wrapping around after eight.
    ///
    ///     Palette.color(8) == Palette.color(0)   // true
    public static func color(_ index: Int) -> Color {
        okabeIto[((index % okabeIto.count) + okabeIto.count) % okabeIto.count]
    }
}

/// A continuous colour scale for values in [0, 1].
///
///     let low = Colormap.viridis.color(at: 0)     // dark purple #440154
///     let high = Colormap.viridis.color(at: 1)    // yellow #fde725
public struct Colormap: Sendable, Hashable {
    /// Evenly spaced colours; values between them are interpolated in sRGB.
    public var stops: [Color]

    /// Creates a colormap through `stops` (at least one).
    ///
    ///     let greys = Colormap(stops: [.black, .white])
    public init(stops: [Color]) {
        self.stops = stops.isEmpty ? [.black] : stops
    }

    /// The colour at `t` (clamped to [0, 1]; NaN gives the first stop).
    public func color(at t: Double) -> Color {
        guard stops.count > 1, t > 0 else { return stops[0] }
        let position = Swift.min(t, 1) * Double(stops.count - 1)
        let index = Swift.min(Int(position), stops.count - 2)
        return stops[index].blended(with: stops[index + 1], position - Double(index))
    }

    /// Perceptually uniform and colour-blind safe (van der Walt & Smith,
    /// matplotlib's default colormap), sampled at nine points.
    public static let viridis = Colormap(stops: [
        Color(hex: 0x440154), Color(hex: 0x472C7A), Color(hex: 0x3B518B), Color(hex: 0x2C718E), Color(hex: 0x21908D),
        Color(hex: 0x27AD81), Color(hex: 0x5CC863), Color(hex: 0xAADC32), Color(hex: 0xFDE725),
    ])
}
