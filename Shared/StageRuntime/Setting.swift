import Foundation

/// Reads one setting by the convention every Newsline service follows: the flag, else the
/// environment variable, else the default; a value that does not parse is an error naming the
/// setting and the value, never silently replaced by the default.
public struct Setting<Value: Sendable>: Sendable {
    public var flag: String
    public var environmentKey: String
    /// What a valid value looks like, for the error message.
    public var expected: String
    public var parse: @Sendable (String) -> Value?

    public init(flag: String, environment: String, expected: String, parse: @escaping @Sendable (String) -> Value?) {
        self.flag = flag
        self.environmentKey = environment
        self.expected = expected
        self.parse = parse
    }

    /// The flag's text, else the environment's, parsed; nil when neither is set.
    public func value(
        flag text: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SettingError) -> Value? {
        if let text {
            guard let value = parse(text) else { throw SettingError(setting: flag, value: text, expected: expected) }
            return value
        }
        if let text = environment[environmentKey] {
            guard let value = parse(text.trimmingCharacters(in: .whitespaces)) else {
                throw SettingError(setting: environmentKey, value: text, expected: expected)
            }
            return value
        }
        return nil
    }

    public func value(
        flag text: String?, default fallback: Value, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SettingError) -> Value {
        try value(flag: text, environment: environment) ?? fallback
    }
}

extension Setting where Value == Int {
    /// A TCP port; 0 turns the listener off.
    public static func port(flag: String, environment: String) -> Setting<Int> {
        Setting(flag: flag, environment: environment, expected: "a port number from 0 (off) to 65535") { text in
            Int(text).flatMap { (0...65_535).contains($0) ? $0 : nil }
        }
    }

    /// A whole number of at least `minimum`.
    public static func integer(flag: String, environment: String, minimum: Int = 1) -> Setting<Int> {
        Setting(flag: flag, environment: environment, expected: "a whole number of at least \(minimum)") { text in
            Int(text).flatMap { $0 >= minimum ? $0 : nil }
        }
    }
}

extension Setting where Value == String {
    /// Any text that is not empty.
    public static func text(flag: String, environment: String, expected: String = "a value that is not empty") -> Setting<String> {
        Setting(flag: flag, environment: environment, expected: expected) { $0.isEmpty ? nil : $0 }
    }

    /// One of a fixed set of words, compared without case.
    public static func choice(flag: String, environment: String, _ choices: [String]) -> Setting<String> {
        Setting(flag: flag, environment: environment, expected: "one of \(choices.joined(separator: ", "))") { text in
            choices.contains(text.lowercased()) ? text.lowercased() : nil
        }
    }
}
