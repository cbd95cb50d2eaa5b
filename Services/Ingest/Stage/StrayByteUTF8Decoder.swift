/// Decodes UTF-8 that carries a few bytes of a legacy single-byte charset, reading those as windows-1252.
///
/// A class of real pages: a UTF-8 template with one fragment pasted in from a latin1 source (an image's
/// `alt="K\u{FC}chenblogs"`, an ad comment `M\u{E4}scot`), or a UTF-8 string cut inside a character by a
/// byte-counting excerpt before `...`. uchardet still calls such pages UTF-8; reading the whole page
/// as windows-1252 would garble every real UTF-8 character, so each stray byte alone is read as
/// windows-1252 (where Western pages' stray bytes come from) and the rest stays UTF-8.
enum StrayByteUTF8Decoder {
    enum Outcome: Equatable {
        case decoded(String)
        /// The bytes are UTF-8 up to a character cut off at the very end: a truncated message,
        /// which no charset repairs.
        case truncated
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> Outcome {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                output.append(contentsOf: encoded)
                offset += encoded.count
            case .error(let length):
                if offset + length == bytes.endIndex, isCutOffSequence(bytes[offset...]) {
                    return .truncated
                }
                for byte in bytes[offset..<offset + length] {
                    output.append(contentsOf: windows1252UTF8[Int(byte)])
                }
                offset += length
            case .emptyInput:
                return .decoded(String(decoding: output, as: UTF8.self))
            }
        }
    }

    /// A lead byte followed only by continuation bytes, fewer than the lead byte announces.
    private static func isCutOffSequence(_ tail: ArraySlice<UInt8>) -> Bool {
        guard let lead = tail.first, lead >= 0xC2, lead <= 0xF4 else { return false }
        let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        return tail.count < needed && tail.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// The UTF-8 bytes of each byte value read as windows-1252 through iconv; U+FFFD for its five holes.
    private static let windows1252UTF8: [[UInt8]] = (0...255).map { value in
        let text = IconvDecoder.decode([UInt8(value)][...], from: "CP1252") ?? "\u{FFFD}"
        return Array(text.utf8)
    }
}
