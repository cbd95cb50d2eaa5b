import TextScanning

/// Lines that say when the text was published, updated or written: `Stand: 05. Februar 2020`, `News date :
/// 04/21/2022`, `Verfasst von: Ana | 31. Dezember 2008`, or the label alone when the date beside it sat in an
/// element of its own (`Release Date:`).
///
/// Pages print the date line inside the article's block without a class that names it, in every date format a
/// site likes, so it is told apart by its label: a label of publication opening a short line, followed by
/// nothing but a date (or by nothing). A short line that merely holds a date ("Termin: 06.03.2020", "ab 1.
/// Januar 2024 für …") is article text. `PublicationDate` catches the ISO-style dates of the same lines.
enum DateLines {
    /// Lowercased labels of publication and update (English, German, French, Spanish, Italian, Portuguese,
    /// Polish), longest first where one opens another.
    static let labels: [String] = [
        "stand des artikels", "stand", "news date", "release date", "publication date", "published on", "published",
        "posted on", "posted by", "posted", "last updated", "updated", "datum", "date", "erscheinungsdatum",
        "veröffentlicht am", "veröffentlicht", "aktualisiert am", "aktualisiert", "verfasst von", "verfasst am",
        "geschrieben von", "geschrieben am", "erstellt am", "written by", "news vom", "artikel vom", "beitrag vom",
        "publié le", "article mis à jour le", "mis à jour le", "publicado el", "publicado em",
        "publicado", "actualizado el", "actualizado", "atualizado em", "fecha", "pubblicato il", "pubblicato",
        "aggiornato il", "aggiornato", "opublikowano", "data publikacji", "data",
    ]
    /// Longest date line, in characters: a longer paragraph is text that mentions a date.
    static let maxCharacters = 60

    /// Whether a paragraph is a publication label followed by a date or by nothing.
    static func isDateLine(_ text: String) -> Bool {
        guard text.utf8.count <= maxCharacters * 4, text.count <= maxCharacters else { return false }
        var lowered = Substring(text.lowercasedText())
        if lowered.first == "(" { lowered = lowered.dropFirst() }
        guard let label = labels.first(where: lowered.opens) else { return false }
        let rest = lowered.dropFirst(label.count)
        // The label ends at a word's end: `datum` is not `datumsgrenze`, `stand` not `standort`.
        if let next = rest.first, next.isLetter { return false }
        let value = rest.drop { $0 == " " || $0 == ":" || $0 == "-" || $0 == "–" || $0 == "\u{00A0}" }
        return value.isEmpty || holdsDate(value)
    }

    /// A year of 19xx or 20xx standing alone, or a day and month written `D.M.`.
    static func holdsDate(_ text: Substring) -> Bool {
        let digits = Array(text.unicodeScalars)
        var index = 0
        while index < digits.count {
            guard isDigit(digits[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < digits.count, isDigit(digits[end]) { end += 1 }
            let run = end - index
            let century = (digits[index], index + 1 < end ? digits[index + 1] : " ")
            if run == 4, century == ("1", "9") || century == ("2", "0") { return true }
            // `05.02.` and `5.2.`: a day, a dot, a month, a dot.
            if run <= 2, end < digits.count, digits[end] == "." {
                var month = end + 1
                while month < digits.count, isDigit(digits[month]) { month += 1 }
                if month - end - 1 >= 1, month - end - 1 <= 2, month < digits.count, digits[month] == "." { return true }
            }
            index = end
        }
        return false
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }
}
