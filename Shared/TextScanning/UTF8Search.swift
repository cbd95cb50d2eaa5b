import Glibc

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte.
    ///
    /// With Foundation imported, `contains(_:)` resolves to NSString's locale-aware search, which is
    /// many times slower and not needed for fixed markers.
    public func containsText(_ needle: String) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ UTF8Search.contains($0, needle) }) {
            return found
        }
        return Array(utf8).withUnsafeBufferPointer { UTF8Search.contains($0, needle) }
    }
}

public enum UTF8Search {
    /// The offset of the first `byte` at or after `start`, or the end of `bytes`: found by `memchr`, many
    /// bytes at a time, for scans that pass over long text between the bytes they look for.
    public static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            guard !pattern.isEmpty else { return true }
            guard haystack.count >= pattern.count, let start = haystack.baseAddress, let needleStart = pattern.baseAddress
            else { return false }
            // memchr finds candidate first bytes, memcmp confirms; glibc's memmem is not exported to Swift.
            let lastStart = start + (haystack.count - pattern.count)
            var cursor = start
            while cursor <= lastStart {
                guard let hit = memchr(cursor, Int32(pattern[0]), lastStart - cursor + 1) else { return false }
                let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(candidate, needleStart, pattern.count) == 0 { return true }
                cursor = candidate + 1
            }
            return false
        }
    }
}
