/// The Korean particles (조사) the analyzer strips from the end of a word.
enum Particles {
    /// Longest first, so `에서는` wins over `는`.
    static let all: [[Unicode.Scalar]] = [
        "이라고", "이라는", "에서는", "에서도", "에게서", "에게는", "으로는", "으로서", "으로써", "까지는", "부터는",
        "께서", "에서", "에게", "한테", "으로", "까지", "부터", "처럼", "보다", "마다", "이나", "에는", "에도",
        "와는", "과는", "로는", "로서", "로써", "라고", "이라", "이며",
        "은", "는", "이", "가", "을", "를", "에", "의", "와", "과", "로", "도", "만",
    ].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    /// A stem shorter than this keeps its ending: `정의` is a word, not `정` + `의`.
    static let minimumStemLength = 2

    /// The last syllables particles end with; a word ending otherwise needs no further look.
    private static let lastSyllables: Set<UInt32> = Set(all.map { $0.last!.value })

    /// How many scalars of `word` remain once a trailing particle is stripped.
    static func stemLength(of word: [Unicode.Scalar]) -> Int {
        guard let last = word.last, (0xAC00...0xD7A3).contains(last.value), lastSyllables.contains(last.value)
        else { return word.count }
        for particle in all where particle.last == last && word.count - particle.count >= minimumStemLength {
            if word.suffix(particle.count).elementsEqual(particle) {
                return word.count - particle.count
            }
        }
        return word.count
    }
}
