import ArgumentParser
import Logging
import StageRuntime
import Testing

/// Every setting is parsed strictly: a bad value stops the service with a message naming the
/// setting and the value instead of being replaced by the default.
struct SettingTests {
    func options(_ arguments: [String] = []) throws -> ServiceOptions {
        try ServiceOptions.parse(arguments)
    }

    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aMistypedLogLevelIsRefusedWithItsName() throws {
        let options = try options()
        let text = message { _ = try options.level(environment: ["LOG_LEVEL": "debgu"]) }
        #expect(text?.hasPrefix("LOG_LEVEL=debgu: expected one of trace, debug") == true, "\(text ?? "nil")")
        #expect(try options.level(environment: ["LOG_LEVEL": "DEBUG"]) == .debug)
        #expect(try options.level(environment: [:]) == .info)
    }

    @Test func theFlagWinsAndIsCheckedToo() throws {
        let options = try options(["--log-level", "loud"])
        let text = message { _ = try options.level(environment: ["LOG_LEVEL": "debug"]) }
        #expect(text?.hasPrefix("--log-level loud: expected") == true, "\(text ?? "nil")")
        #expect(try self.options(["--log-level", "error"]).level(environment: ["LOG_LEVEL": "debug"]) == .error)
    }

    @Test func operationsPortIsAPortAndZeroTurnsItOff() throws {
        let options = try options()
        #expect(message { _ = try options.operationsPort(environment: ["NEWSLINE_OPERATIONS_PORT": "abc"]) }
            == "NEWSLINE_OPERATIONS_PORT=abc: expected a port number from 0 (off) to 65535")
        #expect(message { _ = try options.operationsPort(environment: ["NEWSLINE_OPERATIONS_PORT": "70000"]) } != nil)
        #expect(try options.operationsPort(environment: ["NEWSLINE_OPERATIONS_PORT": "0"]) == 0)
        #expect(try options.operationsPort(environment: [:]) == ServiceOptions.defaultOperationsPort)
    }

    @Test func logFormatAndOTLPEndpointAreChecked() throws {
        let options = try options()
        #expect(try options.format(environment: [:]) == .text)
        #expect(try options.format(environment: ["NEWSLINE_LOG_FORMAT": "JSON"]) == .json)
        #expect(message { _ = try options.format(environment: ["NEWSLINE_LOG_FORMAT": "yaml"]) }
            == "NEWSLINE_LOG_FORMAT=yaml: expected text or json")
        #expect(try options.otlpEndpointURL(environment: [:]) == nil)
        #expect(try options.otlpEndpointURL(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"])
            == "http://collector:4318")
        #expect(message { _ = try options.otlpEndpointURL(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "collector"]) } != nil)
    }

    @Test func checkReportsTheFirstBadSetting() throws {
        let options = try options()
        let text = message { try options.check(environment: ["KAFKA_BROKERS": "localhost:9092", "NEWSLINE_SHUTDOWN_BUDGET": "soon"]) }
        #expect(text?.contains("NEWSLINE_SHUTDOWN_BUDGET=soon") == true, "\(text ?? "nil")")
        try options.check(environment: ["KAFKA_BROKERS": "localhost:9092"])
    }

    @Test func wholeNumbersHaveAMinimum() throws {
        let setting = Setting<Int>.integer(flag: "--max-bytes", environment: "NEWSLINE_MAX_ARTICLE_BYTES")
        #expect(message { _ = try setting.value(flag: nil, environment: ["NEWSLINE_MAX_ARTICLE_BYTES": "2M"]) }
            == "NEWSLINE_MAX_ARTICLE_BYTES=2M: expected a whole number of at least 1")
        #expect(message { _ = try setting.value(flag: "0", environment: [:]) } != nil)
        #expect(try setting.value(flag: nil, default: 7, environment: [:]) == 7)
        #expect(try setting.value(flag: nil, environment: ["NEWSLINE_MAX_ARTICLE_BYTES": " 1024 "]) == 1024)
    }
}
