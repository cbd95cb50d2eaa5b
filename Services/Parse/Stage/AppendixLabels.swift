import TextScanning

/// Short label lines that open the appendix a page prints under its article: contact details, further
/// information, sources, "read more" lists, the author box.
///
/// Those sections are page furniture (trafilatura's evaluation counts them as boilerplate) but often sit
/// in the article's own block without a class that names them; their opening label gives them away.
/// The label and what follows it are dropped only near the end of the body, so a label in the middle of
/// an article ("Kontakt:" heading a paragraph about making contact) stays.
enum AppendixLabels {
    /// A label line is at most this many characters.
    static let maxLabel = 40
    /// What follows the label may hold at most this share of the body's characters.
    static let maxAppendixShare = 0.3

    /// Lowercased labels, compared with the line without its closing `:` (English, German, French, Spanish,
    /// Italian, Portuguese, Polish).
    static let labels: Set<String> = [
        "contact", "contacts", "press contact", "media contact", "further information", "more information",
        "further reading", "sources", "source", "about the author", "related", "related articles",
        "kontakt", "pressekontakt", "ansprechpartner", "ansprechpartnerin", "weitere informationen",
        "mehr informationen", "zum weiterlesen", "quelle", "quellen", "quellenangaben", "über den autor",
        "über die autorin", "mehr zum thema", "das könnte sie auch interessieren",
        "contacto", "fuente", "fuentes", "más información", "sobre el autor", "lee también",
        "contact presse", "en savoir plus", "lire aussi", "à lire aussi", "pour aller plus loin",
        "contatti", "fonte", "fonti", "leggi anche", "contato", "saiba mais", "źródło", "źródła", "czytaj także",
    ]

    /// Whether a paragraph is an appendix label, or a label with its value on the same line (`Quelle: dpa`).
    static func isLabel(_ text: String) -> Bool {
        guard text.utf8.count <= maxLabel * 4, text.count <= maxLabel else { return false }
        let lowered = text.lowercasedText()
        let head = lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return TextCleanup.trimmed(head).map(labels.contains) ?? false
    }
}
