import Foundation

/// The text a crash-guard file holds: one line per remembered death and per input in process,
/// closed by an `end` line.
///
/// ```
/// newsline-crash-guard 1
/// deaths 1 articles.parsed 3 1204
/// processing articles.parsed 3 1205
/// end
/// ```
/// The whole file is rewritten with one `write` and then cut to length; anything after `end` (left
/// over from a longer earlier record when the process died between the two calls) is ignored, and so
/// is a file that does not read as a record (a guard then starts with nothing on record).
enum CrashGuardFile {
    static let header = "newsline-crash-guard 1"

    static func encode(_ record: CrashGuard.Record) -> [UInt8] {
        var text = header + "\n"
        for (input, count) in record.deaths.sorted(by: { $0.key < $1.key }) {
            text += "deaths \(count) \(input.topic) \(input.partition) \(input.offset)\n"
        }
        for input in record.processing {
            text += "processing \(input.topic) \(input.partition) \(input.offset)\n"
        }
        text += "end\n"
        return Array(text.utf8)
    }

    static func decode(_ bytes: [UInt8]) -> CrashGuard.Record {
        var record = CrashGuard.Record()
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header else { return record }
        for line in lines.dropFirst() {
            let fields = line.split(separator: " ")
            if fields == ["end"] { return record }
            switch (fields.first, fields.count) {
            case ("deaths", 5):
                if let count = Int(fields[1]), let input = key(fields[2...]) { record.deaths[input] = count }
            case ("processing", 4):
                if let input = key(fields[1...]) { record.processing.append(input) }
            default:
                break
            }
        }
        // No `end`: a record cut short is not trusted.
        return CrashGuard.Record()
    }

    private static func key(_ fields: ArraySlice<Substring>) -> CrashGuard.InputKey? {
        let fields = Array(fields)
        guard fields.count == 3, let partition = Int32(fields[1]), let offset = Int64(fields[2]) else { return nil }
        return CrashGuard.InputKey(topic: String(fields[0]), partition: partition, offset: offset)
    }

    static func read(_ descriptor: Int32) -> CrashGuard.Record {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            guard count > 0 else { break }
            bytes += buffer[..<count]
            offset += off_t(count)
        }
        return decode(bytes)
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        guard descriptor >= 0 else { return }
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        if written == bytes.count { _ = ftruncate(descriptor, off_t(bytes.count)) }
    }
}
