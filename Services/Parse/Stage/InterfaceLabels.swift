import TextScanning

/// Lines that are the page's controls and signposts rather than text: "Loading", "Show image", "Read more",
/// the "Table of contents" heading over a contents list, the "Read also" heading over a box of links.
///
/// Script-drawn widgets leave their button and status labels in the markup as plain text, and a contents
/// box keeps its heading after its list of links is dropped. A paragraph that is one of these labels and
/// nothing else is never article text; one that merely contains the words is.
enum InterfaceLabels {
    /// Lowercased labels, compared with the whole paragraph without closing `:`, `.`, `…` (English, German,
    /// French, Spanish, Italian, Portuguese, Polish).
    static let labels: Set<String> = [
        "loading", "wird geladen", "lädt", "chargement", "cargando", "caricamento", "carregando", "ładowanie",
        "show image", "bild anzeigen", "show more", "mehr anzeigen", "read more", "weiterlesen", "lire la suite",
        "leer más", "leggi di più", "czytaj więcej", "więcej", "more", "mehr",
        "table of contents", "contents", "inhaltsverzeichnis", "inhalt", "sommaire", "table des matières", "índice",
        "contenido", "indice", "sommario", "spis treści",
        // Headings of the "read also" boxes whose links are dropped.
        "read also", "see also", "also read", "related", "related articles", "related stories", "latest articles",
        "more stories", "schon gelesen", "lesen sie auch", "auch interessant", "das könnte sie auch interessieren",
        "lire aussi", "à lire aussi", "voir aussi", "lee también", "te puede interesar", "leggi anche", "leia também",
        "czytaj też", "czytaj także", "zobacz też",
    ]
    /// Longest label, in characters: longer paragraphs are not read against the list.
    static let maxLabel = 40

    /// Whether a paragraph is an interface label and nothing else.
    static func isLabel(_ text: String) -> Bool {
        guard text.utf8.count <= maxLabel * 4, text.count <= maxLabel else { return false }
        var lowered = text.lowercasedText()
        while let last = lowered.last, last == ":" || last == "." || last == "…" || last == "]" || last == " " || last == "?"
            || last == "!" {
            lowered.removeLast()
        }
        while let first = lowered.first, first == "[" || first == " " { lowered.removeFirst() }
        return labels.contains(lowered)
    }
}
