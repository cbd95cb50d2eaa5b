/// Lowercased phrases looked for at the start of a word, all in one pass over a line.
///
/// The line filters (reader notes, prompts, disclosures, picture agencies) each hold dozens to a hundred
/// cues and read every short paragraph of a body against them. The cues are kept by their first byte, so
/// the line is read once, and at each word's start only the cues opening with its byte are compared.
struct WordCues {
    /// The cues' bytes by their first byte.
    private let byFirstByte: [[[UInt8]]]

    init(_ cues: [String]) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for cue in cues {
            let bytes = Array(cue.utf8)
            guard let first = bytes.first else { continue }
            buckets[Int(first)].append(bytes)
        }
        byFirstByte = buckets
    }

    /// Whether a cue occurs in `text` at the start of a word (`our app` is not in `your application`).
    ///
    /// Compared on UTF-8 bytes: a cue starts a word when the byte before it is not an ASCII letter and not
    /// part of a multi-byte letter (any byte ≥ 0x80 counts as a letter, so `ü` before a cue blocks it).
    func found(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices where index == 0 || !Self.isWordByte(bytes[index - 1]) {
                for cue in byFirstByte[Int(bytes[index])] where Self.matches(cue, bytes, at: index) {
                    return true
                }
            }
            return false
        }
    }

    private static func matches(_ cue: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes.count - index >= cue.count else { return false }
        var matched = 1
        while matched < cue.count, bytes[index + matched] == cue[matched] { matched += 1 }
        return matched == cue.count
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
    }
}
