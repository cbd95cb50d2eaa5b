/// Tells the article's language from its scripts and, for Latin text, its function words.
///
/// Korean text full of English terms (`AI`, `CEO`) is still Korean: any real share of Hangul wins.
enum LanguageDetector {
    private static let englishWords: Set<String> = [
        "the", "and", "of", "to", "in", "is", "a", "that", "for", "on", "with", "was", "will", "said", "by", "at",
    ]

    static func language(of text: ScannedText) -> String {
        let counts = ScriptCounts(text.classes)
        let letters = Double(counts.letters)
        guard letters > 0 else { return "other" }
        if Double(counts.hangul) >= 0.2 * letters { return "ko" }
        if counts.kana > 0, Double(counts.kana + counts.han) >= 0.3 * letters { return "ja" }
        if Double(counts.han) >= 0.3 * letters { return "zh" }
        if Double(counts.latin) >= 0.5 * letters {
            var words = 0, function = 0
            var i = 0
            while i < text.count, words < 2_000 {
                if text.isWordStart(i) {
                    words += 1
                    if englishWords.contains(text.string(i, text.wordEnd[i]).lowercased()) { function += 1 }
                    i = text.wordEnd[i]
                } else {
                    i += 1
                }
            }
            return words > 0 && Double(function) >= 0.05 * Double(words) ? "en" : "other"
        }
        return "other"
    }
}
