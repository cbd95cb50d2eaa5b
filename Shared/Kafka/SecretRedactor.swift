/// Removes configured secret values from any text before it reaches a log line or an error.
///
/// librdkafka can echo a property value in a warning or an error (an invalid value, a failed SASL
/// handshake); every such text passes through here first.
public struct SecretRedactor: Sendable {
    private let secrets: [String]

    public init(secrets: [String]) {
        // Longest first, so a secret containing another is removed whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return result
    }

    /// Whether a librdkafka property holds a secret: passwords, private keys, OAuth and SASL secrets.
    public static func isSecretProperty(_ key: String) -> Bool {
        let key = key.lowercased()
        return key.contains("password") || key.contains("secret") || key == "sasl.oauthbearer.config"
            || key == "ssl.key.pem" || key == "ssl_key" || key.hasSuffix(".key.pem")
            || key == "sasl.jaas.config" || key.hasSuffix("token")
    }
}
