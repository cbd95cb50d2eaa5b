extension ArticleIdentity {
    /// The text with whitespace runs collapsed to one space and trimmed, split as `Character`s split:
    /// a grapheme is whitespace when its first scalar is White_Space.
    ///
    /// Walking the UTF-8 is many times faster than grapheme breaking, and gives the same result whenever
    /// no whitespace scalar shares a grapheme with a neighbour. Only a combining mark, joiner or
    /// variation selector after it, or a prepended concatenation mark before it, can do that; when the
    /// text has such a neighbour (or one this check does not know) the grapheme split runs instead.
    static func collapsingWhitespace(_ text: String) -> String {
        if let collapsed = text.utf8.withContiguousStorageIfAvailable({ collapseScalars($0) }), let collapsed {
            return collapsed
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// nil when a whitespace scalar has a neighbour that may share its grapheme.
    private static func collapseScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var previous: UInt32 = 0x20
        var pendingSpace = false
        let count = bytes.count
        while index < count {
            let start = index
            let lead = bytes[index]
            let value: UInt32
            if lead < 0x80 {
                value = UInt32(lead)
                index += 1
            } else if lead < 0xE0 {
                value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else if lead < 0xF0 {
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            }
            if isWhiteSpace(value) {
                if !isWhiteSpace(previous), !neverJoinsWhitespace(previous) { return nil }
                if !output.isEmpty { pendingSpace = true }
            } else {
                if isWhiteSpace(previous), !neverJoinsWhitespace(value) { return nil }
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                if lead < 0x80 {
                    output.append(lead)
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                }
            }
            previous = value
        }
        return String(decoding: output, as: UTF8.self)
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
