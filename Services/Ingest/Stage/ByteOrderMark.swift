/// The byte order marks WHATWG honours at the start of a document.
enum ByteOrderMark {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian

    init?(_ bytes: [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self = .utf8
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            self = .utf16LittleEndian
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            self = .utf16BigEndian
        } else {
            return nil
        }
    }

    var length: Int { self == .utf8 ? 3 : 2 }
}
