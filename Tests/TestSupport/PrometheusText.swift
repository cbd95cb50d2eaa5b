import Foundation

/// Parses a `/metrics` body with the Prometheus project's own Python client
/// (`prometheus_client.parser.text_string_to_metric_families`), so tests check the exposition
/// format with a real parser rather than by matching strings.
public enum PrometheusText {
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        samples = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for sample in family.samples:
                samples.append({"name": sample.name, "labels": sample.labels, "value": sample.value})
        print(json.dumps(samples))
        """

    /// Whether python3 with prometheus_client is installed (`pip install prometheus-client`).
    public static var parserAvailable: Bool {
        (try? run(script: "import prometheus_client", input: "")) != nil
    }

    /// Every sample of the body; throws when the parser refuses it.
    public static func parse(_ body: String) throws -> [Sample] {
        let output = try run(script: script, input: body)
        guard let array = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] else {
            throw ParseError(description: "unexpected parser output: \(output.prefix(200))")
        }
        return array.map { entry in
            Sample(
                name: entry["name"] as? String ?? "", labels: entry["labels"] as? [String: String] ?? [:],
                value: (entry["value"] as? NSNumber)?.doubleValue ?? .nan)
        }
    }

    private static func run(script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ParseError(description: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension Array where Element == PrometheusText.Sample {
    /// The value of the sample with this name whose labels include `labels`.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }
}
