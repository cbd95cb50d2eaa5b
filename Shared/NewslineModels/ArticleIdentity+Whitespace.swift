extension ArticleIdentity {
    /// The text with whitespace runs collapsed to one space and trimmed, split as `Character`s split:
    /// a grapheme is whitespace when its first scalar is White_Space.
    ///
    /// Walking the UTF-8 is many times faster than grapheme breaking and gives the same tokens, because
    /// a whitespace scalar shares a grapheme with a neighbour in two ways only (UAX #29): a combining
    /// mark, joiner or spacing mark after it joins the whitespace's grapheme and is dropped with it
    /// (GB9, GB9a), and a prepended concatenation mark before it takes it into a word (GB9b). Where a
    /// neighbour is not known never to join, the standard library's grapheme breaking decides for that
    /// pair of scalars alone.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in collapse(bytes, into: output).written }
        }
    }

    /// Calls `body` with the UTF-8 of `normalizeText(text)`, without making it a `String`.
    ///
    /// Collapsing reads every scalar anyway, so it also tells whether each one is a stable starter
    /// (`CanonicalComposition.isStableStarter`); such text is NFC already and its collapsed bytes are the
    /// answer. Only text with another scalar is composed first and collapsed again.
    static func withNormalizedUTF8<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var text = text
        let direct = text.withUTF8 { bytes -> Result? in
            collapsed(bytes, requireStable: true, body)
        }
        if let direct { return direct }
        var composed = CanonicalComposition.nfc(text)
        return composed.withUTF8 { bytes in collapsed(bytes, requireStable: false, body)! }
    }

    /// `body` over the collapsed `bytes`, or nil when `requireStable` and a scalar is not a stable starter.
    private static func collapsed<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, requireStable: Bool, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { output in
            let (written, allStable) = collapse(bytes, into: output)
            if requireStable && !allStable { return nil }
            return body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: output[..<written])))
        }
    }

    /// Writes the collapsed text into `output` (as large as `bytes`: collapsing never lengthens) and
    /// returns its length, and whether every scalar read was a stable starter.
    private static func collapse(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> (written: Int, allStable: Bool) {
        var allStable = true
        var written = 0
        var index = 0
        let count = bytes.count
        var tokenStart = -1
        // The whitespace scalar that opened the grapheme being read, nil inside a word.
        var openingWhitespace: UInt32?
        var previous: UInt32 = 0x41
        // Pages repeat the few doubtful pairs they have; grapheme breaking runs once for each.
        var pairs: [UInt64: Bool] = [:]
        func sharesGrapheme(_ first: UInt32, _ second: UInt32) -> Bool {
            let key = UInt64(first) << 32 | UInt64(second)
            if let known = pairs[key] { return known }
            let shared = ArticleIdentity.sharesGrapheme(first, second)
            pairs[key] = shared
            return shared
        }

        func endToken(at end: Int) {
            guard tokenStart >= 0 else { return }
            if written > 0 {
                output[written] = 0x20
                written += 1
            }
            let piece = UnsafeBufferPointer(rebasing: bytes[tokenStart..<end])
            _ = UnsafeMutableBufferPointer(rebasing: output[written..<written + piece.count]).initialize(from: piece)
            written += piece.count
            tokenStart = -1
        }

        while index < count {
            let byte = bytes[index]
            if byte > 0x20 && byte < 0x80 {
                // ASCII letters, digits and punctuation: never in a whitespace grapheme. Words are runs.
                openingWhitespace = nil
                if tokenStart < 0 { tokenStart = index }
                index += 1
                while index + 8 <= count {
                    let word = ByteWords.load(bytes, at: index)
                    guard ByteWords.isASCII(word), !ByteWords.hasByteBelow(word, 0x21) else { break }
                    index += 8
                }
                while index < count && bytes[index] > 0x20 && bytes[index] < 0x80 { index += 1 }
                previous = UInt32(bytes[index - 1])
                continue
            }
            if isASCIIWhiteSpace(byte), openingWhitespace != nil || previous < 0x80 {
                // A run of ASCII whitespace after a word or other whitespace (markup's indentation): it
                // ends the word, and only its last scalar can join what follows.
                endToken(at: index)
                while index + 1 < count && isASCIIWhiteSpace(bytes[index + 1]) { index += 1 }
                openingWhitespace = UInt32(bytes[index])
                previous = UInt32(bytes[index])
                index += 1
                continue
            }
            let (value, length) = CanonicalComposition.scalar(in: bytes, at: index)
            if value >= 0x80 && !CanonicalComposition.isStableStarter(value) { allStable = false }
            if isWhiteSpace(value) {
                let joinsWord = openingWhitespace == nil && !isWhiteSpace(previous) && !neverJoinsWhitespace(previous)
                    && sharesGrapheme(previous, value)
                if joinsWord {
                    // A prepended mark took the whitespace into its word's grapheme.
                    if tokenStart < 0 { tokenStart = index }
                } else {
                    endToken(at: index)
                    openingWhitespace = value
                }
            } else if let opening = openingWhitespace, !neverJoinsWhitespace(value), sharesGrapheme(opening, value) {
                // A mark that joins the whitespace's grapheme is dropped with it.
            } else {
                openingWhitespace = nil
                if tokenStart < 0 { tokenStart = index }
            }
            previous = value
            index += length
        }
        endToken(at: count)
        return (written, allStable)
    }

    /// Whether two adjacent scalars fall in one grapheme, by the standard library's grapheme breaking.
    private static func sharesGrapheme(_ first: UInt32, _ second: UInt32) -> Bool {
        guard let first = Unicode.Scalar(first), let second = Unicode.Scalar(second) else { return false }
        var pair = String.UnicodeScalarView()
        pair.append(first)
        pair.append(second)
        return String(pair).count == 1
    }

    /// The White_Space scalars of ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    @inline(__always)
    private static func isASCIIWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Unicode White_Space, the property `Character.isWhitespace` reads.
    @inline(__always)
    private static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Scalars that are neither Extend, ZWJ or SpacingMark (which join a preceding scalar's grapheme) nor
    /// Prepend (which joins the following one): the stable blocks of NFC less the joiners, variation
    /// selectors, prepended Arabic marks and emoji modifiers they hold.
    @inline(__always)
    private static func neverJoinsWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return true }
        switch value {
        case 0x0600...0x0605, 0x200C...0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF: return false
        default: return CanonicalComposition.isStableStarter(value)
        }
    }
}
