/// A setting whose value cannot be used, named with the flag or variable it came from and the
/// value, so the message says what to fix: `LOG_LEVEL=debgu: expected one of trace, debug, …`.
public struct SettingError: Error, CustomStringConvertible, Sendable {
    /// `--log-level` or `LOG_LEVEL`.
    public var setting: String
    public var value: String
    public var expected: String

    public init(setting: String, value: String, expected: String) {
        self.setting = setting
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "\(setting)\(setting.hasPrefix("--") ? " " : "=")\(value): expected \(expected)"
    }
}
