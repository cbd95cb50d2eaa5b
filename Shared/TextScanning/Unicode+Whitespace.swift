extension Unicode.Scalar {
    /// Unicode White_Space (spaces, tabs, line breaks, NBSP, U+3000, …) without the property-table lookup
    /// of `properties.isWhitespace`, which dominated parse time.
    public var isSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension Substring {
    /// The text without leading and trailing whitespace (Unicode White_Space, so NBSP and U+3000 too).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[first...last])
    }
}

extension String {
    /// The text without leading and trailing whitespace (Unicode White_Space, so NBSP and U+3000 too).
    public func trimmingWhitespace() -> String {
        self[...].trimmingWhitespace()
    }
}
