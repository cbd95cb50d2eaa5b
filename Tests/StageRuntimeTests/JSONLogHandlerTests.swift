import Foundation
import Logging
import Operations
import Testing

/// JSON log lines: one object a line with the fields a log collector indexes.
struct JSONLogHandlerTests {
    @Test func aLineIsOneObjectWithServiceInstanceTraceAndMetadata() throws {
        let output = JSONLogOutput.buffer()
        let provider = Logger.MetadataProvider { ["trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7"] }
        var logger = Logger(label: "newsline.parse") { label in
            JSONLogHandler(label: label, metadataProvider: provider, output: output)
        }
        logger[metadataKey: "service"] = "parse"
        logger[metadataKey: "instance"] = "parse-1"
        logger.warning("input dead-lettered", metadata: ["reason": "malformed-event", "offset": "\(42)", "tags": ["a", "b"]])
        logger.debug("below the level")

        let lines = output.lines
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "input dead-lettered")
        #expect(object["level"] as? String == "warning")
        #expect(object["service"] as? String == "parse")
        #expect(object["instance"] as? String == "parse-1")
        #expect(object["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["reason"] as? String == "malformed-event")
        #expect(metadata["offset"] as? String == "42")
        #expect(metadata["tags"] as? [String] == ["a", "b"])
        #expect(metadata["service"] == nil)
        let time = try #require(object["time"] as? String)
        #expect(try Date(time, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) <= Date())
        #expect(!lines[0].contains("\n"))
    }
}
