import TextScanning

/// Finds the character set of raw article bytes and decodes them.
///
/// The order is: a byte order mark, a declared UTF-16, valid UTF-8, then CP949 (a superset of
/// EUC-KR that also holds characters such as `똠`). Valid UTF-8 wins over a declared EUC-KR because
/// Korean EUC-KR text is practically never valid UTF-8, while stale `charset` labels are common.
enum CharsetDecoder {
    struct Decoded {
        var text: String
        /// `utf-8`, `utf-16` or `euc-kr`.
        var charset: String
    }

    /// How many leading bytes are searched for an HTML `<meta charset>`.
    static let metaScanLimit = 4096

    static func decode(_ bytes: [UInt8], declared: String?) -> Decoded? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(validating: bytes.dropFirst(3), as: UTF8.self).map { Decoded(text: $0, charset: "utf-8") }
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return decodeUTF16(bytes.dropFirst(2), bigEndian: false)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(bytes.dropFirst(2), bigEndian: true)
        }
        let label = CharsetLabel(declared ?? HTMLHeadScanner.declaredCharset(in: bytes.prefix(metaScanLimit)))
        if case .utf16(let bigEndian) = label {
            return decodeUTF16(bytes[...], bigEndian: bigEndian ?? guessBigEndian(bytes))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, charset: "utf-8")
        }
        return CP949Decoder.decode(bytes).map { Decoded(text: $0, charset: "euc-kr") }
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

    /// Without a BOM, ASCII-heavy UTF-16 shows its byte order by where the zero bytes fall.
    private static func guessBigEndian(_ bytes: [UInt8]) -> Bool {
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in bytes.prefix(512).enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        return evenZeros > oddZeros
    }
}

/// A charset name from a header or a `<meta>` tag, reduced to the families ingest decodes.
enum CharsetLabel: Equatable {
    case utf8
    /// nil when the label does not say the byte order.
    case utf16(bigEndian: Bool?)
    case cp949
    case other

    init(_ name: String?) {
        guard let name else {
            self = .other
            return
        }
        switch name.trimmingWhitespace().lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le", "ucs-2le": self = .utf16(bigEndian: false)
        case "utf-16be", "ucs-2be": self = .utf16(bigEndian: true)
        case "utf-16", "utf16", "ucs-2": self = .utf16(bigEndian: nil)
        case "euc-kr", "euckr", "cp949", "uhc", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "x-windows-949",
            "windows-949", "ms949":
            self = .cp949
        default: self = .other
        }
    }
}
