/// Estimates how wide a text is drawn, so that layout can leave room for
/// tick labels and legends without a font engine.
///
/// Widths are the advance widths of DejaVu Sans (matplotlib's default font,
/// the first in the figures' font list), in thousandths of an em, read from
/// the font's `hmtx` table. Renderers that substitute Helvetica or Arial
/// draw narrower text, so the estimate errs on the side of room.
enum TextMetrics {
    /// Advance widths of the printable ASCII characters U+0020–U+007E.
    private static let ascii: [UInt16] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ]

    /// Widths of the non-ASCII characters the pictures use.
    private static let others: [Character: UInt16] = [
        "−": 838, "×": 838, "·": 318, "–": 500, "—": 1000, "…": 1000, "∇": 669, "‖": 500,
        "∂": 517, "′": 227, "″": 374, "σ": 634, "⁻": 528,
        "⁰": 401, "¹": 401, "²": 401, "³": 401, "⁴": 401, "⁵": 401, "⁶": 401, "⁷": 401, "⁸": 401, "⁹": 401,
    ]

    /// The width of `text` set at `fontSize` (same units as the size).
    ///
    ///     TextMetrics.width(of: "10", fontSize: 10)   // 12.72
    static func width(of text: String, fontSize: Double) -> Double {
        var thousandths = 0
        for character in text {
            if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                thousandths += Int(TextMetrics.ascii[Int(ascii) - 0x20])
            } else if let width = others[character] {
                thousandths += Int(width)
            } else {
                // Unknown: wide characters (CJK, emoji) take a full em.
                thousandths += character.unicodeScalars.first.map { $0.value >= 0x2E80 } == true ? 1000 : 650
            }
        }
        return Double(thousandths) * fontSize / 1000
    }

    /// The distance from the baseline to the top of capital letters and
    /// digits, as a fraction of the font size (DejaVu Sans: 0.729).
    static let capitalHeight = 0.73

    /// The depth of descenders below the baseline (DejaVu Sans: 0.236).
    static let descent = 0.24
}
