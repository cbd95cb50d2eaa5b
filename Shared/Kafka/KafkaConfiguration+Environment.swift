import Foundation

extension KafkaConfiguration {
    /// Reads the configuration from environment variables.
    ///
    /// - `KAFKA_BROKERS`: comma-separated `host:port` list.
    /// - `KAFKA_CLIENT_ID`: the client id.
    /// - `KAFKA_PROPERTIES_FILE`: a Java-style properties file of librdkafka properties.
    /// - `KAFKA_PROP_<property>`: one librdkafka property, written with its dots
    ///   (`KAFKA_PROP_security.protocol=SASL_SSL`) or, where a shell forbids dots, in upper case with
    ///   underscores (`KAFKA_PROP_SECURITY_PROTOCOL=SASL_SSL`). These win over the file.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> KafkaConfiguration {
        var configuration = KafkaConfiguration()
        if let brokers = environment["KAFKA_BROKERS"] {
            configuration.bootstrapServers = try parseBrokers(brokers)
        }
        if let clientId = environment["KAFKA_CLIENT_ID"], !clientId.isEmpty {
            configuration.clientId = clientId
        }
        if let path = environment["KAFKA_PROPERTIES_FILE"], !path.isEmpty {
            try configuration.loadProperties(fromFile: path)
        }
        for (name, value) in environment where name.hasPrefix("KAFKA_PROP_") {
            var key = String(name.dropFirst("KAFKA_PROP_".count))
            guard !key.isEmpty else { continue }
            if key == key.uppercased() {
                key = key.lowercased().replacingOccurrences(of: "_", with: ".")
            }
            configuration.properties[key] = value
        }
        return configuration
    }

    /// Adds the properties of a Java-style properties file (`key=value`, `#` comments).
    public mutating func loadProperties(fromFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KafkaError(code: .configuration, message: "cannot read properties file \(path)")
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("!") { continue }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw KafkaError(
                    code: .configuration, message: "\(path):\(number + 1): expected key=value")
            }
            let key = trimmed[..<separator].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            properties[key] = value
        }
    }

    /// Parses `host:port[,host:port…]`.
    public static func parseBrokers(_ text: String) throws -> [String] {
        let brokers = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !brokers.isEmpty else {
            throw KafkaError(code: .configuration, message: "KAFKA_BROKERS is empty; expected host:port[,host:port…]")
        }
        for broker in brokers {
            guard let colon = broker.lastIndex(of: ":"), Int(broker[broker.index(after: colon)...]) != nil else {
                throw KafkaError(code: .configuration, message: "broker address \(broker) is not host:port")
            }
        }
        return brokers
    }
}
