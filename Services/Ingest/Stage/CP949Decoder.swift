import Glibc

/// Decodes CP949 (Unified Hangul Code, the superset of EUC-KR) through glibc's iconv.
enum CP949Decoder {
    /// The UTF-8 text, or nil when the bytes are not valid CP949 (including a cut-off last character).
    static func decode(_ bytes: [UInt8]) -> String? {
        // A descriptor carries conversion state, so each call opens its own; glibc caches the tables.
        let descriptor = iconv_open("UTF-8", "CP949")
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }

        // A CP949 character is at most 2 bytes and becomes at most 3 bytes of UTF-8.
        let capacity = bytes.count * 2 + 4
        var output = [UInt8](repeating: 0, count: capacity)
        var input = bytes
        let written: Int? = input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outputBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[..<written], as: UTF8.self)
    }
}
