/// Tells the article's language from its scripts and, for Latin text, its function words.
///
/// Korean text full of English terms (`AI`, `CEO`) is still Korean: any real share of Hangul wins.
enum LanguageDetector {
    private static let englishWords: Set<String> = [
        "the", "and", "of", "to", "in", "is", "a", "that", "for", "on", "with", "was", "will", "said", "by", "at",
    ]

    static func language(of text: ScannedText) -> String {
        var hangul = 0, kana = 0, han = 0, latin = 0
        for c in text.classes {
            switch c {
            case .hangul: hangul += 1
            case .kana: kana += 1
            case .han: han += 1
            case .latin: latin += 1
            default: break
            }
        }
        let letters = hangul + kana + han + latin
        guard letters > 0 else { return "other" }
        if Double(hangul) >= 0.2 * Double(letters) { return "ko" }
        if kana > 0, Double(kana + han) >= 0.3 * Double(letters) { return "ja" }
        if Double(han) >= 0.3 * Double(letters) { return "zh" }
        if Double(latin) >= 0.5 * Double(letters) {
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
