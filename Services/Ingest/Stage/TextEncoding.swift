/// A character encoding ingest can decode: the name it reports and the name iconv knows it by.
struct TextEncoding: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Decoded by the standard library (strict validation).
        case utf8
        /// Decoded by the standard library; the byte order comes from a BOM, the label or the zero bytes.
        case utf16(bigEndian: Bool?)
        /// Decoded by glibc's iconv under `iconvName`.
        case iconv(String)
    }

    /// The name `article.ingested` reports in `charset`: the WHATWG name, lowercased (`windows-1252`).
    var name: String
    var kind: Kind

    static let utf8 = TextEncoding(name: "utf-8", kind: .utf8)
    static let utf16 = TextEncoding(name: "utf-16", kind: .utf16(bigEndian: nil))
    /// The WHATWG default for legacy content without a label: every byte but five has a character.
    static let windows1252 = TextEncoding(name: "windows-1252", kind: .iconv("CP1252"))

    /// Iconv names that are 7-bit and use escape sequences, so pure-ASCII bytes can still need them.
    static let escapeEncodedIconvNames: Set<String> = ["ISO-2022-JP", "ISO-2022-KR", "ISO-2022-CN", "UTF-7"]

    /// True for encodings whose bytes 0x00–0x7F are ASCII, so an ASCII-only input reads the same in all.
    var isASCIICompatible: Bool {
        switch kind {
        case .utf8: true
        case .utf16: false
        case .iconv(let name): !Self.escapeEncodedIconvNames.contains(name)
        }
    }
}

extension TextEncoding {
    /// The encoding a charset label names, or nil for a label nobody knows.
    ///
    /// Labels go through the WHATWG Encoding Standard's table first, because pages are written for
    /// browsers and browsers read labels that way: `iso-8859-1`, `latin1` and `us-ascii` mean
    /// windows-1252, `euc-kr` means windows-949 (CP949), `gb2312` means GBK (decoded as its superset
    /// GB18030), `shift_jis` means windows-31J (CP932). A label outside that table is handed to iconv as
    /// it is (`cp850`, `ibm855`, `euc-tw`, uchardet's `mac-centraleurope`), when iconv knows it.
    init?(label: String) {
        let key = Self.labelKey(label)
        guard !key.isEmpty else { return nil }
        if let known = WHATWGLabels.encodingsByLabel[key] {
            self = known
            return
        }
        guard Self.isPlausibleIconvName(key), IconvDecoder.knows(key.uppercased()) else { return nil }
        self = TextEncoding(name: key, kind: .iconv(key.uppercased()))
    }

    /// Trimmed of ASCII whitespace and quotes, lowercased (the WHATWG "get an encoding" rule).
    static func labelKey(_ label: String) -> String {
        let trimmed = label.utf8.drop { isLabelPadding($0) }.reversed().drop { isLabelPadding($0) }.reversed()
        return String(decoding: trimmed, as: UTF8.self).lowercased()
    }

    private static func isLabelPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x22 || byte == 0x27
    }

    /// How long a label handed to iconv may be; real charset names are far shorter.
    static let maxIconvNameLength = 40

    /// Only letters, digits and `-_.:` reach iconv, so a label cannot smuggle `//TRANSLIT` or `//IGNORE`.
    private static func isPlausibleIconvName(_ key: String) -> Bool {
        key.utf8.count <= maxIconvNameLength
            && key.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                    || byte == 0x2E || byte == 0x3A
            }
    }
}
