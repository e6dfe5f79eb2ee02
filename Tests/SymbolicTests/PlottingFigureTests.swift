import Foundation
import Testing
@testable import Symbolic

/// Whole figures: well-formed XML with the expected structure, laid out
/// without overlaps, and byte-for-byte deterministic.
@Suite("Plotting: figures")
struct PlottingFigureTests {
    static func lossPanel() -> Panel {
        var panel = Panel(title: "Training <loss> & more", xAxis: Axis(label: "iteration"),
                          yAxis: Axis(label: "loss", scale: .logarithmic))
        let iterations = (0..<2000).map(Double.init)
        panel.add(LineSeries(x: iterations, y: iterations.map { 0.7 * Foundation.exp(-$0 / 300) + 0.01 }, label: "training"))
        panel.add(LineSeries(x: iterations, y: iterations.map { 0.8 * Foundation.exp(-$0 / 300) + 0.03 }, label: "validation"))
        return panel
    }

    @Test func figureIsWellFormedWithAxesSeriesAndLabels() throws {
        let svg = try ParsedSVG(Figure(title: "Figure", panels: [PlottingFigureTests.lossPanel()]).svg())
        #expect(svg.root.name == "svg" && svg.root["width"] == "640" && svg.root["height"] == "510")
        #expect(svg.elements("g", class: "panel").count == 1)
        #expect(svg.elements("rect", class: "frame").count == 1)
        #expect(svg.elements("path", class: "line").count == 2)
        #expect(svg.text("title") == ["Training <loss> & more"])
        #expect(svg.text("x-label") == ["iteration"] && svg.text("y-label") == ["loss"])
        #expect(svg.text("figure-title") == ["Figure"])
        #expect(svg.texts(in: "x-ticks") == ["0", "500", "1000", "1500", "2000"])
        #expect(svg.texts(in: "y-ticks") == ["10⁻²", "10⁻¹", "10⁰"])
        #expect(svg.texts(in: "legend") == ["training", "validation"])
        // Line colours are the first two palette colours.
        #expect(svg.elements("path", class: "line").map { $0["stroke"] } == ["#0072b2", "#e69f00"])
    }

    @Test func sameFigureGivesTheSameBytes() {
        let figure = Figure(panels: [PlottingFigureTests.lossPanel(), PlottingFigureTests.lossPanel()])
        let first = figure.svg()
        #expect(first == figure.svg())
        #expect(first == Figure(panels: [PlottingFigureTests.lossPanel(), PlottingFigureTests.lossPanel()]).svg())
    }

    @Test func manyPanelsLineUpInAGrid() throws {
        var panels: [Panel] = []
        for k in 1...5 {
            var panel = Panel(title: "k = \(k)", yAxis: Axis(label: k == 1 ? "a much longer label" : nil))
            panel.add(LineSeries(x: [0, 1, 2], y: [0, Double(k) * 1000, 0]))
            panels.append(panel)
        }
        let svg = try ParsedSVG(Figure(panels: panels, columns: 3).svg())
        let frames = svg.elements("rect", class: "frame")
        #expect(frames.count == 5)
        // Same column, same left edge; same row, same top edge.
        #expect(frames[0]["x"] == frames[3]["x"] && frames[1]["x"] == frames[4]["x"])
        #expect(frames[0]["y"] == frames[1]["y"] && frames[1]["y"] == frames[2]["y"])
        #expect(Set(svg.elements("clipPath").map { $0["id"] }).count == 5)
    }

    @Test func tickLabelsNeverOverlap() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            let lo = Double.random(in: -1e5...1e5, using: &generator)
            let hi = lo + Foundation.pow(10, Double.random(in: -4...7, using: &generator))
            let length = Double.random(in: 80...900, using: &generator)
            let axis = AxisLayout(lo: lo, hi: hi, logarithmic: false, pixelLo: 0, pixelHi: length, horizontal: true)
            #expect(axis.major.count >= 1, "\(lo)...\(hi) over \(length)px")
            #expect(AxisLayout.labelsFit(axis.major, axis.mapping, horizontal: true) || axis.major.count <= 2,
                    "\(lo)...\(hi) over \(length)px: \(axis.major.map(\.label))")
            #expect(Set(axis.major.map(\.label)).count == axis.major.count, "labels repeat: \(axis.major.map(\.label))")
        }
    }

    @Test func legendAvoidsTheDataOrMovesOutside() throws {
        // Data fill the left and lower parts; the legend must not sit on any point.
        var panel = Panel()
        var generator = SeededGenerator(seed: 5)
        let xs = (0..<300).map { _ in Double.random(in: 0...1, using: &generator) }
        let ys = xs.map { $0 * $0 + Double.random(in: 0...0.1, using: &generator) }
        panel.add(ScatterSeries(x: xs, y: ys, label: "samples"))
        panel.add(LineSeries(x: [0, 1], y: [0, 1.1], label: "a line across"))
        let layout = try #require(Figure(panels: [panel]).layouts(top: 0).first)
        let legend = try #require(layout.legend)
        let obstacles = SeriesRenderer.obstacles(panel.series, x: layout.x.mapping, y: layout.y.mapping, plot: layout.plot)
        #expect(obstacles.badness(legend.frame) == 0)
        // Filling every position moves the legend outside the plot area.
        var crowded = Panel()
        let grid = (0..<900).map { Double($0 % 30) / 29 }
        crowded.add(ScatterSeries(x: grid, y: (0..<900).map { Double($0 / 30) / 29 }, label: "everywhere"))
        let outside = try #require(Figure(panels: [crowded]).layouts(top: 0).first)
        #expect(outside.legend?.isOutside == true)
        #expect(outside.legend.map { !$0.frame.intersects(outside.plot) } == true)
    }

    @Test func nonFiniteAndNonPositiveValuesBreakLines() throws {
        var panel = Panel(yAxis: Axis(scale: .logarithmic))
        panel.add(LineSeries(x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 4, -1, 6]))
        let svg = try ParsedSVG(Figure(panels: [panel]).svg())
        let d = try #require(svg.elements("path", class: "line").first)["d"]
        #expect(d.filter { $0 == "M" }.count == 1)  // only [1, 2] forms a segment; 4 and 6 stand alone
        #expect(!d.contains("nan") && !d.contains("inf"))
    }

    @Test func filledContoursAndContourLinesAreDrawn() throws {
        let grid = SampledGrid(x: -1...1, y: -1...1, columns: 40, rows: 40) { x, y in x * x + y * y }
        var panel = Panel()
        panel.add(FilledContourSeries(grid: grid, levels: [0.25, 0.5], colors: [.white, Palette.color(0), Palette.color(1)]))
        panel.add(ContourSeries(grid: grid, levels: [0.25, 0.5], color: .black))
        let svg = try ParsedSVG(Figure(panels: [panel]).svg())
        let bands = svg.children(of: "g", class: "filled-contour")
        #expect(bands.map { $0["fill"] } == ["#ffffff", "#0072b2", "#e69f00"])
        let lines = svg.children(of: "g", class: "contour")
        #expect(lines.map { $0["data-level"] } == ["0.25", "0.5"])
        // Sticky grid edges: the axis ends exactly at ±1.
        #expect(svg.texts(in: "x-ticks").first == "−1.0" && svg.texts(in: "x-ticks").last == "1.0")
    }

    @Test func writingToAMissingDirectoryFails() {
        #expect(throws: PlotError.cannotWrite(path: "/nonexistent-dir/a.svg", reason: "no such directory")) {
            try Figure(panels: [Panel()]).write(toFile: "/nonexistent-dir/a.svg")
        }
    }
}
