import CUchardet

/// Guesses the charset of bytes that do not say it, with uchardet (Mozilla's universal detector).
enum CharsetDetector {
    /// How many leading bytes uchardet reads: enough for its statistics on any real page, and it bounds
    /// the detection time of a 2 MiB input. Past it the bytes are not looked at by the detector.
    static let sampleLimit = 256 * 1024

    /// uchardet's answer as a charset name (`WINDOWS-1252`, `UHC`, `GB18030`, `UTF-8`), nil when it has none.
    static func guess(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let sample = bytes.prefix(sampleLimit)
        let status = sample.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: name)
        return charset.isEmpty ? nil : charset
    }
}
