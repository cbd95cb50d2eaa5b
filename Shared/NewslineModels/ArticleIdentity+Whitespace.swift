extension ArticleIdentity {
    /// The text with whitespace runs collapsed to one space and trimmed, split as `Character`s split:
    /// a grapheme is whitespace when its first scalar is White_Space.
    ///
    /// Walking the UTF-8 is many times faster than grapheme breaking, and gives the same result wherever
    /// no whitespace scalar shares a grapheme with a neighbour. Only a combining mark, joiner or
    /// variation selector after it, or a prepended concatenation mark before it, can do that. A line
    /// feed always ends a grapheme, so a line with such a neighbour (or one this check does not know) is
    /// split by graphemes on its own and the rest of the text keeps the fast walk.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in collapse(bytes, into: output) }
        }
    }

    /// Writes the collapsed text into `output` (as large as `bytes`: collapsing never lengthens) and
    /// returns its length.
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        var pendingSpace = false
        var index = 0
        let count = bytes.count

        func write(_ piece: UnsafeBufferPointer<UInt8>) {
            if pendingSpace {
                output[written] = 0x20
                written += 1
                pendingSpace = false
            }
            _ = UnsafeMutableBufferPointer(rebasing: output[written..<written + piece.count]).initialize(from: piece)
            written += piece.count
        }

        lines: while index < count {
            let lineStart = index
            let writtenAtLineStart = written
            // A line starts a grapheme (a line feed ends one), as if after a letter.
            var previous: UInt32 = 0x41
            var tokenStart = -1
            while index < count {
                let (value, length) = CanonicalComposition.scalar(in: bytes, at: index)
                if isWhiteSpace(value) {
                    if !isWhiteSpace(previous), !neverJoinsWhitespace(previous) { break }
                    if tokenStart >= 0 {
                        write(UnsafeBufferPointer(rebasing: bytes[tokenStart..<index]))
                        tokenStart = -1
                    }
                    if written > 0 { pendingSpace = true }
                    index += length
                    previous = value
                    if value == 0x0A { continue lines }
                } else {
                    if isWhiteSpace(previous), !neverJoinsWhitespace(value) { break }
                    if tokenStart < 0 { tokenStart = index }
                    index += length
                    previous = value
                }
            }
            if index >= count {
                if tokenStart >= 0 { write(UnsafeBufferPointer(rebasing: bytes[tokenStart..<count])) }
                break
            }
            // This line has a whitespace scalar that may share a grapheme: split the line by graphemes.
            written = writtenAtLineStart
            pendingSpace = false
            var lineEnd = index
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
            for token in line.split(whereSeparator: { $0.isWhitespace }) {
                if written > 0 { pendingSpace = true }
                var token = String(token)
                token.withUTF8 { write($0) }
            }
            if lineEnd < count, written > 0 { pendingSpace = true }
            index = min(lineEnd + 1, count)
        }
        return written
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
