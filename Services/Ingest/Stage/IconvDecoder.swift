import Glibc

/// Decodes bytes of any charset glibc's iconv knows into a Swift string.
enum IconvDecoder {
    /// What to do with a byte sequence the charset has no character for.
    enum Invalid {
        /// Give up: the bytes are not in this charset (how a lying declaration is caught).
        case reject
        /// Write U+FFFD for the byte and go on (the last resort for bytes no charset fitted).
        case replace
    }

    /// Whether iconv can convert `name` to UTF-8.
    static func knows(_ name: String) -> Bool {
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return false }
        iconv_close(descriptor)
        return true
    }

    /// The text, or nil when iconv does not know `name` or (with `.reject`) the bytes are not valid in it,
    /// including a character cut off at the end.
    static func decode(_ bytes: ArraySlice<UInt8>, from name: String, invalid: Invalid = .reject) -> String? {
        // A descriptor carries conversion state, so each call opens its own; glibc caches the tables.
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }

        // Legacy charsets take at most 3 UTF-8 bytes per input byte (GB18030's 4-byte forms give 4 for 4);
        // the loop below grows the buffer for the rare charset that expands more.
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var written = 0
        var input = Array(bytes)
        let ok: Bool = input.withUnsafeMutableBytes { inputBuffer in
            var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while true {
                if output.count - written < 16 { output += [UInt8](repeating: 0, count: output.count) }
                let (result, code) = output.withUnsafeMutableBytes { outputBuffer in
                    var outPointer = outputBuffer.baseAddress.map { ($0 + written).assumingMemoryBound(to: CChar.self) }
                    var outLeft = outputBuffer.count - written
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let code = errno
                    written = outputBuffer.count - outLeft
                    return (result, code)
                }
                if result != -1 {
                    // Flush any shift state (ISO-2022-x) back to the initial one.
                    return output.withUnsafeMutableBytes { outputBuffer in
                        var outPointer = outputBuffer.baseAddress.map { ($0 + written).assumingMemoryBound(to: CChar.self) }
                        var outLeft = outputBuffer.count - written
                        let flushed = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                        written = outputBuffer.count - outLeft
                        return flushed != -1
                    }
                }
                switch code {
                case E2BIG:
                    output += [UInt8](repeating: 0, count: output.count)
                case EILSEQ, EINVAL:
                    guard invalid == .replace, inLeft > 0 else { return false }
                    if output.count - written < 3 { output += [UInt8](repeating: 0, count: 16) }
                    output.replaceSubrange(written..<written + 3, with: [0xEF, 0xBF, 0xBD])
                    written += 3
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    if inLeft == 0 { return true }
                default:
                    return false
                }
            }
        }
        guard ok else { return nil }
        return String(validating: output[..<written], as: UTF8.self)
    }
}
