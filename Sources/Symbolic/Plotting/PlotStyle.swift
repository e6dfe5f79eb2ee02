/// Sizes and colours of the figure furniture, close to matplotlib's
/// defaults at 100 dpi (10-point text is about 13 pixels) with a light grid.
enum PlotStyle {
    static let fontFamily = "DejaVu Sans, Bitstream Vera Sans, Helvetica, Arial, sans-serif"
    static let tickFont = 12.0
    static let labelFont = 13.0
    static let titleFont = 14.0
    static let figureTitleFont = 16.0
    static let legendFont = 12.0

    /// Outward tick marks, as matplotlib's 3.5-point major ticks.
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    /// Gap between a tick mark and its label.
    static let tickPad = 4.0
    /// Space around a panel's contents.
    static let padding = 8.0

    static let textColor = "#1a1a1a"
    static let axisColor = "#333333"
    static let gridColor = "#e5e5e5"
    static let axisWidth = 1.0
    static let gridWidth = 0.8

    /// Fraction of the data range added on each side of automatic limits.
    static let margin = 0.05
}
