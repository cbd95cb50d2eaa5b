/// A text as the recognizers walk it: Unicode scalars with their class and word bounds.
///
/// Offsets everywhere in enrich are scalar offsets, the same as the KLUE files' character offsets.
/// A word is a maximal run of letters and digits; spaces and punctuation separate words.
struct ScannedText {
    let scalars: [Unicode.Scalar]
    let classes: [ScalarClass]
    /// For every offset inside a word, where that word starts; for other offsets, the offset itself.
    let wordStart: [Int]
    /// For every offset inside a word, where that word ends (exclusive); for other offsets, offset + 1.
    let wordEnd: [Int]

    init(_ text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        let n = scalars.count
        var classes = [ScalarClass](repeating: .space, count: n)
        for i in 0..<n { classes[i] = ScalarClass(scalars[i]) }
        var starts = [Int](repeating: 0, count: n)
        var ends = [Int](repeating: 0, count: n)
        var i = 0
        while i < n {
            if !classes[i].isWordPart {
                starts[i] = i
                ends[i] = i + 1
                i += 1
                continue
            }
            var j = i
            while j < n, classes[j].isWordPart { j += 1 }
            for k in i..<j {
                starts[k] = i
                ends[k] = j
            }
            i = j
        }
        self.classes = classes
        self.wordStart = starts
        self.wordEnd = ends
    }

    var count: Int { scalars.count }

    func isWordStart(_ i: Int) -> Bool { i < count && classes[i].isWordPart && wordStart[i] == i }

    func string(_ start: Int, _ end: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    /// The start of the next word after offset `i` (at or after the end of `i`'s word), or nil.
    func nextWordStart(after i: Int) -> Int? {
        var j = i < count ? wordEnd[i] : count
        while j < count, !classes[j].isWordPart { j += 1 }
        return j < count ? j : nil
    }

    /// The start of the word before the word holding offset `i`, or nil.
    func previousWordStart(before i: Int) -> Int? {
        var j = (i < count ? wordStart[i] : count) - 1
        while j >= 0, !classes[j].isWordPart { j -= 1 }
        return j >= 0 ? wordStart[j] : nil
    }
}
