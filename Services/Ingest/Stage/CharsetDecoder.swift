import NewslineModels

/// Finds the character set of raw article bytes and decodes them.
///
/// The order: a byte order mark; the `content-type` header's charset; the page's `<meta charset>`,
/// `<meta http-equiv="Content-Type">` and XML declaration; then detection. A declaration is believed
/// only when the bytes bear it out: a UTF-8 label on bytes that are not UTF-8, a legacy label on bytes
/// that are valid UTF-8 with non-ASCII characters (stale labels are common, and legacy text is
/// practically never valid UTF-8), or a multi-byte label (EUC-KR, GBK, Shift_JIS) on bytes that break
/// its rules all fall through to the next declaration and then to detection: valid UTF-8, uchardet's
/// guess, and windows-1252 last. Only bytes that no charset reads are refused: binary data, a UTF-8
/// message cut inside its last character, and broken UTF-16 behind a byte order mark.
enum CharsetDecoder {
    struct Decoded: Equatable {
        var text: String
        /// The encoding that decoded the text, by its WHATWG name: `utf-8`, `utf-16`, `euc-kr`, `windows-1252`, ….
        var charset: String
    }

    /// How many leading bytes are searched for `<meta>` and XML charset declarations.
    static let declarationScanLimit = 4096
    /// How many leading bytes show UTF-16 without a byte order mark by their zero bytes.
    static let utf16SniffLength = 512

    static func decode(_ bytes: [UInt8], declared: String?) -> Decoded? {
        if let mark = ByteOrderMark(bytes) {
            return decode(bytes.dropFirst(mark.length), markedAs: mark)
        }
        let header = declared.flatMap(TextEncoding.init(label:))
        if case .utf16(let bigEndian)? = header?.kind,
            let decoded = decodeUTF16(bytes[...], bigEndian: bigEndian ?? (zeroByteOrder(bytes) ?? false))
        {
            return decoded
        }
        if let bigEndian = zeroByteOrder(bytes), let decoded = decodeUTF16(bytes[...], bigEndian: bigEndian) {
            return decoded
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            if bytes.withUnsafeBufferPointer(ByteWords.isASCII) {
                return decodeASCII(bytes, text: text, header: header)
            }
            return Decoded(text: text, charset: "utf-8")
        }
        if BinaryData.isBinary(bytes[...]) {
            return nil
        }
        for encoding in declaredEncodings(bytes, header: header) {
            if case .iconv(let name) = encoding.kind, let text = IconvDecoder.decode(bytes[...], from: name) {
                return Decoded(text: text, charset: encoding.name)
            }
        }
        return detect(bytes[...])
    }

    /// The declarations in the order they are believed; unknown labels are left out.
    ///
    /// A UTF-16 label read from the markup is UTF-8 (WHATWG): markup readable as ASCII is not UTF-16.
    private static func declaredEncodings(_ bytes: [UInt8], header: TextEncoding?) -> [TextEncoding] {
        let found = HTMLHeadScanner.declarations(in: bytes.prefix(declarationScanLimit))
        let markup = [found.metaCharset, found.httpEquivCharset, found.xmlEncoding].compactMap { label in
            label.flatMap(TextEncoding.init(label:)).map { encoding -> TextEncoding in
                if case .utf16 = encoding.kind { return .utf8 }
                return encoding
            }
        }
        return [header].compactMap { $0 } + markup
    }

    /// ASCII reads the same in every ASCII-compatible charset, so the first such declaration names it;
    /// a 7-bit escape charset (ISO-2022-JP) is decoded when declared and the bytes bear it out.
    private static func decodeASCII(_ bytes: [UInt8], text: String, header: TextEncoding?) -> Decoded {
        for encoding in declaredEncodings(bytes, header: header) {
            if encoding.isASCIICompatible {
                return Decoded(text: text, charset: encoding.name)
            }
            if case .iconv(let name) = encoding.kind, let decoded = IconvDecoder.decode(bytes[...], from: name) {
                return Decoded(text: decoded, charset: encoding.name)
            }
        }
        return Decoded(text: text, charset: "utf-8")
    }

    /// Bytes that declare no charset the bytes bear out: UTF-8 with stray bytes, uchardet, windows-1252.
    static func detect(_ bytes: ArraySlice<UInt8>) -> Decoded? {
        if let guess = CharsetDetector.guess(bytes).flatMap(TextEncoding.init(label:)) {
            switch guess.kind {
            case .utf8:
                switch StrayByteUTF8Decoder.decode(bytes) {
                case .decoded(let text): return Decoded(text: text, charset: "utf-8")
                case .truncated: return nil
                }
            case .utf16(let bigEndian):
                if let decoded = decodeUTF16(bytes, bigEndian: bigEndian ?? false) { return decoded }
            case .iconv(let name):
                if let text = IconvDecoder.decode(bytes, from: name) { return Decoded(text: text, charset: guess.name) }
            }
        }
        return IconvDecoder.decode(bytes, from: "CP1252", invalid: .replace).map {
            Decoded(text: $0, charset: TextEncoding.windows1252.name)
        }
    }

    /// The text behind a byte order mark, which decides the charset outright (WHATWG): nil when the
    /// bytes behind it do not decode.
    private static func decode(_ bytes: ArraySlice<UInt8>, markedAs mark: ByteOrderMark) -> Decoded? {
        switch mark {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text, charset: "utf-8") }
            switch StrayByteUTF8Decoder.decode(bytes) {
            case .decoded(let text): return Decoded(text: text, charset: "utf-8")
            case .truncated: return nil
            }
        case .utf16LittleEndian: return decodeUTF16(bytes, bigEndian: false)
        case .utf16BigEndian: return decodeUTF16(bytes, bigEndian: true)
        }
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> Decoded? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(validating: units, as: UTF16.self).map { Decoded(text: $0, charset: "utf-16") }
    }

    /// The byte order of UTF-16 without a byte order mark, nil when the bytes do not look like UTF-16.
    ///
    /// Text in Latin, Cyrillic or Greek script has a zero byte in every character's high half; no
    /// ASCII-compatible charset writes zero bytes into text. At least a quarter of one half being zero
    /// (and more than of the other) is taken as UTF-16; binary data has one zero in 256.
    static func zeroByteOrder(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(utf16SniffLength)
        guard sample.count >= 2 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        if evenZeros * 4 >= half, evenZeros > oddZeros { return true }
        if oddZeros * 4 >= half, oddZeros > evenZeros { return false }
        return nil
    }
}
