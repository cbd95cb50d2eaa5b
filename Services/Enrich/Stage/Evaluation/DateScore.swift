import NewslineModels

/// Date accuracy of extracted date mentions against hand annotations.
///
/// A mention covers an annotation when one of the places its text is printed in the sentence overlaps the
/// annotated span. An annotated day is right when a covering mention resolves to that day; an expression
/// annotated as no single day is right when no mention covers it (a duration read as a date is wrong).
public struct DateScore: Sendable, Equatable {
    public var expressions = 0
    public var right = 0
    /// Annotated days, and how many were resolved right.
    public var days = 0
    public var daysRight = 0
    /// Annotated expressions that name no single day, and how many were left alone.
    public var notDays = 0
    public var notDaysRight = 0
    /// Mentions in the annotated sentences that cover no annotation (not scored: some expressions, such as
    /// day ranges, were left unannotated).
    public var unannotatedMentions = 0
    /// One line per wrong expression (`id "text": expected → found`), then per mention outside the annotations.
    public var errors: [String] = []

    public init() {}

    /// Right expressions over all annotated ones.
    public var accuracy: Double { expressions == 0 ? 0 : Double(right) / Double(expressions) }

    /// Scores the annotations of one sentence, all with the same reference day, against its mentions.
    public mutating func add(_ annotations: [DateAnnotation], text: String, mentions: [DateMention]) {
        let scalars = Array(text.unicodeScalars)
        let places = mentions.map { Self.places(of: Array($0.text.unicodeScalars), in: scalars) }
        var covering = Set<Int>()
        for annotation in annotations {
            let span = annotation.start..<annotation.end
            let covers = mentions.indices.filter { i in places[i].contains { $0.overlaps(span) } }
            covering.formUnion(covers)
            expressions += 1
            let found = covers.map { mentions[$0] }
            let isRight: Bool
            if let day = annotation.date {
                days += 1
                isRight = found.contains { $0.date == day }
                if isRight { daysRight += 1 }
            } else {
                notDays += 1
                isRight = found.isEmpty
                if isRight { notDaysRight += 1 }
            }
            if isRight {
                right += 1
            } else {
                let got = found.isEmpty ? "nothing" : found.map { "\($0.text) = \($0.date)" }.joined(separator: ", ")
                errors.append("\(annotation.id) \"\(annotation.text)\" (ref \(annotation.reference)): "
                    + "\(annotation.date ?? "no day") → \(got)")
            }
        }
        unannotatedMentions += mentions.count - covering.count
        for i in mentions.indices where !covering.contains(i) {
            errors.append("\(annotations.first?.id ?? "") unannotated mention: \(mentions[i].text) = \(mentions[i].date)")
        }
    }

    public static func + (a: DateScore, b: DateScore) -> DateScore {
        var sum = a
        sum.expressions += b.expressions
        sum.right += b.right
        sum.days += b.days
        sum.daysRight += b.daysRight
        sum.notDays += b.notDays
        sum.notDaysRight += b.notDaysRight
        sum.unannotatedMentions += b.unannotatedMentions
        sum.errors += b.errors
        return sum
    }

    public var line: String {
        let percent = ScorePercent.text
        return "dates right \(right)/\(expressions) (\(percent(right, expressions))); days resolved right "
            + "\(daysRight)/\(days) (\(percent(daysRight, days))); no-day expressions left alone "
            + "\(notDaysRight)/\(notDays); mentions outside the annotations \(unannotatedMentions)"
    }

    /// Every scalar range where `needle` is printed in `text`.
    static func places(of needle: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        var result: [Range<Int>] = []
        for start in 0...(text.count - needle.count) where text[start] == needle[0] {
            if text[start..<(start + needle.count)].elementsEqual(needle) { result.append(start..<(start + needle.count)) }
        }
        return result
    }
}
