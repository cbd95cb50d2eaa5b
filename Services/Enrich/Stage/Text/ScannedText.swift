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

    /// The text from `start` to `end`. Encodes UTF-8 by hand: appending to a `UnicodeScalarView` one scalar
    /// at a time was the single most expensive step of enrichment.
    func string(_ start: Int, _ end: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((end - start) * 3)
        for scalar in scalars[start..<end] {
            let v = scalar.value
            switch v {
            case 0..<0x80:
                bytes.append(UInt8(v))
            case 0x80..<0x800:
                bytes.append(UInt8(0xc0 | (v >> 6)))
                bytes.append(UInt8(0x80 | (v & 0x3f)))
            case 0x800..<0x10000:
                bytes.append(UInt8(0xe0 | (v >> 12)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3f)))
                bytes.append(UInt8(0x80 | (v & 0x3f)))
            default:
                bytes.append(UInt8(0xf0 | (v >> 18)))
                bytes.append(UInt8(0x80 | ((v >> 12) & 0x3f)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3f)))
                bytes.append(UInt8(0x80 | (v & 0x3f)))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
