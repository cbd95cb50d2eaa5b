/// Unicode NFC for article text, normalizing only the stretches that are not NFC already.
///
/// Nearly all text arrives composed. A scalar that is NFC_Quick_Check=Yes with combining class 0 can
/// neither change nor compose with what comes before it, so NFC of the text is NFC of the pieces
/// between such scalars, put together; the blocks below hold only such scalars and cover Latin,
/// Cyrillic, Hangul, CJK and kana text. Only the pieces that hold another scalar are normalized, each
/// from the stable scalar before it to the next one, by the standard library's normalizer (the one
/// String comparison uses, `_nfcCodeUnits`). Foundation's `precomposedStringWithCanonicalMapping` gives
/// the same text but is superlinear on Linux: 1.9 s for 1 MiB of decomposed letters, 11.7 s for 2 MiB,
/// against 0.05 s.
public enum CanonicalComposition {
    public static func nfc(_ text: String) -> String {
        var text = text
        return text.withUTF8 { composeUnstablePieces($0) } ?? text
    }

    /// True when no piece of the text needs normalizing to be NFC.
    public static func isNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { composeUnstablePieces($0) } == nil
    }

    /// The NFC text, or nil when it is the same as the (valid UTF-8) bytes.
    private static func composeUnstablePieces(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8]?
        var copied = 0  // bytes before this offset are in `output`
        var pieceStart = 0  // where the last stable scalar starts
        var index = 0
        let count = bytes.count
        while index < count {
            if index + 8 <= count, ByteWords.isASCII(ByteWords.load(bytes, at: index)) {
                pieceStart = index + 7
                index += 8
                continue
            }
            if bytes[index] < 0x80 {
                pieceStart = index
                index += 1
                continue
            }
            let (value, length) = scalar(in: bytes, at: index)
            if isStableStarter(value) {
                pieceStart = index
                index += length
                continue
            }
            var end = index + length
            while end < count {
                let (next, nextLength) = scalar(in: bytes, at: end)
                if isStableStarter(next) { break }
                end += nextLength
            }
            let piece = UnsafeBufferPointer(rebasing: bytes[pieceStart..<end])
            let composed = streamSafe(String(decoding: piece, as: UTF8.self))._nfcCodeUnits
            if !composed.elementsEqual(piece) {
                if output == nil {
                    output = []
                    output!.reserveCapacity(count + 16)
                }
                output!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<pieceStart]))
                output!.append(contentsOf: composed)
                copied = end
            }
            pieceStart = end
            index = end
        }
        guard var output else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
        return String(decoding: output, as: UTF8.self)
    }

    /// The scalar value and byte length of the (valid) UTF-8 sequence at `index`.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        let value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        return (value, 4)
    }

    /// The longest run of non-starters (combining class > 0) NFC is given: the Stream-Safe Text Format's
    /// limit (UAX #15, section 13). Normalizers reorder a run by insertion, quadratic in its length
    /// (80,000 marks on one letter took 1.5 s); past the limit a U+034F COMBINING GRAPHEME JOINER starts a
    /// new run, as the format prescribes. No written language stacks more than a few marks.
    public static let maxNonStarterRun = 30

    /// The text with a U+034F after every `maxNonStarterRun` consecutive non-starters.
    static func streamSafe(_ text: String) -> String {
        var run = 0
        var changed = false
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.canonicalCombiningClass.rawValue == 0 {
                run = 0
            } else {
                run += 1
                if run > maxNonStarterRun {
                    scalars.append("\u{034F}")
                    changed = true
                    run = 1
                }
            }
            scalars.append(scalar)
        }
        return changed ? String(scalars) : text
    }

    /// Blocks whose every scalar is NFC_Quick_Check=Yes, has canonical combining class 0 and is not the
    /// second part of any canonical decomposition (checked against the Unicode 14 data tables).
    @inline(__always)
    static func isStableStarter(_ value: UInt32) -> Bool {
        switch value {
        case 0x0000...0x02FF,  // Basic Latin to Spacing Modifier Letters
            0x0370...0x0373, 0x0375...0x037D, 0x0386, 0x0388...0x03FF,  // Greek without its singletons
            0x0400...0x0482, 0x048A...0x052F,  // Cyrillic without its combining marks
            0x05D0...0x05F4,  // Hebrew letters
            0x0600...0x060F, 0x061B...0x064A, 0x0660...0x066F, 0x0671...0x06D5,  // Arabic without its marks
            0x1E00...0x1EFF,  // Latin Extended Additional (Vietnamese)
            0x2002...0x206F,  // General Punctuation without the en and em quad singletons
            0x2070...0x20CF,  // superscripts, subscripts, currency
            0x2190...0x2328, 0x232B...0x29FF, 0x2B00...0x2BFF,  // arrows, symbols, dingbats without singletons
            0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF,  // CJK punctuation and kana without combining marks
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xAC00...0xD7A3,  // Hangul Syllables
            0xE000...0xF8FF,  // Private Use Area (icon fonts)
            0xFE00...0xFE1F, 0xFE30...0xFEFF,  // variation selectors, CJK compatibility and Arabic forms
            0xFF01...0xFF9D,  // Halfwidth and Fullwidth Forms up to the voiced sound marks
            0xFFF0...0xFFFD,  // Specials, with U+FFFD
            0x1F000...0x1FAFF:  // emoji and pictographs
            true
        default: false
        }
    }
}
