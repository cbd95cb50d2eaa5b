extension String {
    /// The same text as `lowercased()`, without its cost on text that is not all ASCII.
    ///
    /// `lowercased()` builds a `String` for the lowercase mapping of every scalar once one scalar of the
    /// text is not ASCII, which made it the largest cost of the paragraph filters on pages with accents, curly
    /// quotes or dashes. Here ASCII bytes are lowercased in place, scalars of scripts and blocks without case
    /// (Hangul, kana, CJK ideographs, punctuation, symbols) are copied as they are, and only the others are
    /// looked up, with the mapping `lowercased()` itself uses.
    public func lowercasedText() -> String {
        var text = self
        return text.withUTF8 { bytes in
            var lowered: [UInt8] = []
            lowered.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let end = min(index + length, bytes.count)
                let scalarBytes = UnsafeBufferPointer(rebasing: bytes[index..<end])
                // The bytes of a `String` are valid UTF-8, so each lead byte opens one whole scalar.
                if let scalar = Self.scalar(scalarBytes), !Self.hasNoCase(scalar) {
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    lowered.append(contentsOf: scalarBytes)
                }
                index = end
            }
            return String(decoding: lowered, as: UTF8.self)
        }
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Blocks whose scalars have no lowercase mapping other than themselves: Latin-1 punctuation and
    /// symbols, general punctuation, currency and letterlike arrows to geometric shapes and dingbats, CJK
    /// symbols, kana, Hangul jamo and syllables, CJK ideographs.
    static func hasNoCase(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x20CF, 0x2190...0x23FF, 0x2500...0x27BF, 0x3000...0x303F,
            0x3040...0x30FF, 0x1100...0x11FF, 0x3130...0x318F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF:
            true
        default:
            false
        }
    }
}
