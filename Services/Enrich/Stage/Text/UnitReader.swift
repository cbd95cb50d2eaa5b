/// Reads an article's texts into scanned units within `EnrichBudget.scalars` and `EnrichBudget.units`,
/// skipping blank ones, and names the budget that cut it short.
struct UnitReader {
    private(set) var units: [ScannedText] = []
    private(set) var warnings: [String] = []
    private var scalarsLeft = EnrichBudget.scalars

    /// Reads one text; false once a budget is used up and nothing more will be read.
    @discardableResult
    mutating func read(_ text: String) -> Bool {
        guard warnings.isEmpty else { return false }
        if text.allSatisfy(\.isWhitespace) { return true }
        guard scalarsLeft > 0 else {
            warnings.append(EnrichBudget.scalarsWarning)
            return false
        }
        guard units.count < EnrichBudget.units else {
            warnings.append(EnrichBudget.unitsWarning)
            return false
        }
        // A text of no more UTF-8 bytes than the scalars left fits whole: copied without walking to a prefix.
        var scalars = text.utf8.count <= scalarsLeft ? Array(text.unicodeScalars)
            : Array(text.unicodeScalars.prefix(scalarsLeft))
        scalarsLeft -= scalars.count
        if scalarsLeft == 0, text.unicodeScalars.count > scalars.count {
            warnings.append(EnrichBudget.scalarsWarning)
        }
        while let last = scalars.last, ScalarClass(last) == .space { scalars.removeLast() }
        units.append(ScannedText(scalars: scalars))
        return true
    }
}
