extension StringProtocol {
    /// `hasPrefix(prefix)`, with the bytes compared first.
    ///
    /// For text and prefix in NFC (article text is normalized at ingest, and the cue lists are written so) a
    /// prefix of characters is a prefix of bytes, so the byte test rules out nearly every line without reading
    /// its characters, and `hasPrefix` still decides where the bytes agree.
    public func opens(with prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8) && hasPrefix(prefix)
    }
}
