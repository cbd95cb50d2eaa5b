/// Snippet precision, recall and F1, micro-averaged over pages (trafilatura's evaluation metric).
///
/// Whitespace runs are collapsed to one space in the extracted text and in every snippet; a `with`
/// snippet found is a true positive, one missed a false negative, a `without` snippet found a false
/// positive. A page that is rejected or yields no text misses all its `with` snippets.
public struct SnippetScore: Sendable, Equatable {
    public var truePositives = 0
    public var falseNegatives = 0
    public var falsePositives = 0
    /// `without` snippets not found: counted for the report, not used by the metric.
    public var trueNegatives = 0

    public init() {}

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    /// Scores one page's text; returns the `with` snippets it missed and the `without` snippets it holds.
    @discardableResult
    public mutating func add(text: String?, page: EvalPage) -> (missed: [String], found: [String]) {
        let normalized = text.map(Self.normalize) ?? ""
        var missed: [String] = []
        var found: [String] = []
        for snippet in page.with {
            if !normalized.isEmpty, normalized.contains(Self.normalize(snippet)) {
                truePositives += 1
            } else {
                falseNegatives += 1
                missed.append(snippet)
            }
        }
        for snippet in page.without {
            if !normalized.isEmpty, normalized.contains(Self.normalize(snippet)) {
                falsePositives += 1
                found.append(snippet)
            } else {
                trueNegatives += 1
            }
        }
        return (missed, found)
    }

    /// Collapses every whitespace run to one space and trims.
    public static func normalize(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
