import NewslineModels

/// Scores how far a parse can be trusted, naming each reason it falls short.
enum QualityAssessor {
    /// How far the measured body may drift from the declared `본문자수` before it is suspect.
    static let lengthTolerance = 0.05
    /// Bodies shorter than this many characters are likely cut off or not articles.
    static let shortBody = 100

    static let missingTitle = "missing-title"
    static let missingDate = "missing-date"
    static let shortBodyWarning = "short-body"
    static let lengthMismatch = "declared-length-mismatch"

    static func assess(_ fields: ArticleFields, bodyCharCount: Int) -> Quality {
        var warnings: [String] = []
        var score = 1.0
        for warning in fields.warnings where !warnings.contains(warning) {
            // A budget cut the input short: the parse is partial.
            warnings.append(warning)
            score -= 0.2
        }
        if fields.title == nil {
            warnings.append(missingTitle)
            score -= 0.4
        }
        if fields.publishedDate == nil {
            warnings.append(missingDate)
            score -= 0.15
        }
        if bodyCharCount < shortBody {
            warnings.append(shortBodyWarning)
            score -= 0.3
        }
        if let declared = fields.declaredCharCount {
            let drift = Double(abs(declared - bodyCharCount)) / Double(max(declared, 1))
            if drift > lengthTolerance {
                warnings.append(lengthMismatch)
                score -= 0.2
            }
        }
        return Quality(score: (max(0, score) * 100).rounded() / 100, warnings: warnings)
    }
}
