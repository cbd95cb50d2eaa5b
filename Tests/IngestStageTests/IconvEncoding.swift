import Glibc

/// Encodes test text into a legacy charset with glibc's iconv, so tests build their own inputs.
enum IconvEncoding {
    static func encode(_ text: String, to charset: String) -> [UInt8] {
        let descriptor = iconv_open(charset, "UTF-8")
        precondition(Int(bitPattern: descriptor) != -1, "iconv does not know \(charset)")
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let written = input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                precondition(result != -1 && inLeft == 0, "\(text) is not encodable in \(charset)")
                _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                return outputBuffer.count - outLeft
            }
        }
        return Array(output[..<written])
    }
}
