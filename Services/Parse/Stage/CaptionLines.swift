import TextScanning

/// Picture captions and credits left in the body as paragraphs of their own.
///
/// Extractors drop `<figure>` and `<figcaption>` (trafilatura, Readability), but many pages print the
/// caption or the agency credit as a plain paragraph under the picture: `Foto: dpa`, `Abbildung 4: …`,
/// `AFP / MARCO BERTORELLO`, `iStock.com`. They are recognised by a figure label at their start or a
/// picture agency in a line too short to be a sentence of the article.
enum CaptionLines {
    /// A line opening with a figure label and longer than this is article text that refers to a figure.
    static let maxLabelledCaption = 200
    /// A caption closing with its credit (`… | © Augusta National/Getty Images`, `… (name / iStock.com)`)
    /// is at most this long, and the credit after the `©` or inside the closing brackets at most `maxCredit`.
    static let maxCreditedCaption = 200
    /// A line naming a picture agency and longer than this is a sentence citing the agency.
    static let maxCredit = 50

    /// Lowercased labels a caption or credit line opens with (English, German, French, Spanish, Italian,
    /// Portuguese, Polish).
    static let labels: [String] = [
        "foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:", "images:", "picture:", "credit:",
        "credits:", "bildquelle", "titelbild", "abbildung", "abb.", "figure ", "figure:", "fig.", "crédit",
        "imagen:", "fotografía:", "immagine:", "zdjęcie:", "fot.",
        // The source credit under a picture, chart or table.
        "quelle:", "quellen:", "source:", "sources:", "fuente:", "fuentes:", "fonte:", "źródło:",
    ]
    /// Lowercased names of picture agencies and stock libraries as they appear in credit lines.
    static let agencies: [String] = [
        "getty images", "istock", "shutterstock", "adobe stock", "adobestock", "unsplash", "pixabay", "imago",
        "picture alliance", "picture-alliance", "keystone", "afp", "dpa", "reuters", "epa", "ap photo", "efe",
        "ansa", "pap",
    ]

    /// Whether a paragraph is a caption or credit line.
    static func isCaption(_ text: String) -> Bool {
        // Most paragraphs are longer than any caption: measured by UTF-8 length first, which costs nothing.
        guard text.utf8.count <= max(maxLabelledCaption, maxCreditedCaption) * 4 else { return false }
        let lowered = text.lowercasedText()
        let count = text.count
        if count <= maxLabelledCaption, labels.contains(where: lowered.opens) { return true }
        if count <= maxCreditedCaption, let credit = closingCredit(lowered), credit.count <= maxCredit,
            credit.hasPrefix("©") || namesAgency(credit)
        {
            return true
        }
        guard count <= maxCredit, let last = text.last, last != ".", last != "!", last != "?" else {
            return false
        }
        return namesAgency(lowered[...]) || lowered.hasSuffix(".com") && !lowered.contains(" ")
    }

    /// The credit closing a caption: from its last `©`, or the last bracketed group when the line ends with `)`.
    static func closingCredit(_ lowered: String) -> Substring? {
        // The byte test spares the search for the mark over the characters of nearly every line, which has none.
        if lowered.utf8.contains(0xA9), let mark = lowered.lastIndex(of: "©") { return lowered[mark...] }
        guard lowered.hasSuffix(")"), let open = lowered.lastIndex(of: "(") else { return nil }
        return lowered[open...]
    }

    /// Whether lowercased text names a picture agency as a word of its own.
    static func namesAgency(_ lowered: Substring) -> Bool {
        let words = Set(lowered.split(whereSeparator: { !$0.isLetter && $0 != "-" }))
        if singleWordAgencies.contains(where: { words.contains($0[...]) }) { return true }
        return multiWordAgencyCues.found(in: String(lowered))
    }

    /// The agencies named in one word, matched against the line's words, and those of several words, found
    /// as phrases; split once, as every short paragraph is read against them.
    static let singleWordAgencies = agencies.filter { !$0.utf8.contains(UInt8(ascii: " ")) }
    static let multiWordAgencies = agencies.filter { $0.utf8.contains(UInt8(ascii: " ")) }
    static let multiWordAgencyCues = WordCues(multiWordAgencies)
}
