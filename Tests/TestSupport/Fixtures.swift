import Foundation

/// The sample articles under `Tests/Fixtures/samples`, a copy of the project's shared samples.
public enum Fixtures {
    /// `Tests/Fixtures/samples`.
    public static let samplesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/samples")

    /// A good sample input and the golden file written for it.
    public struct Sample: Sendable, CustomStringConvertible {
        public var input: URL
        public var expected: URL
        /// `archive/openai-tokyo`.
        public var name: String
        public var description: String { name }

        public func bytes() throws -> [UInt8] { Array(try Data(contentsOf: input)) }

        /// The golden file as a JSON object.
        public func expectedObject() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: expected)) as! [String: Any]
        }
    }

    /// Every good sample: each input with a `NAME.expected.json` next to it.
    public static let goodSamples: [Sample] = {
        var samples: [Sample] = []
        let manager = FileManager.default
        let folders = (try? manager.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
        for folder in folders.sorted() where folder != "bad" {
            let directory = samplesDirectory.appendingPathComponent(folder)
            let files = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files.sorted() where !file.hasSuffix(".expected.json") && !file.hasSuffix(".md") {
                let base = (file as NSString).deletingPathExtension
                let expected = directory.appendingPathComponent(base + ".expected.json")
                guard manager.fileExists(atPath: expected.path) else { continue }
                samples.append(
                    Sample(input: directory.appendingPathComponent(file), expected: expected, name: "\(folder)/\(base)"))
            }
        }
        return samples
    }()

    public static func sample(_ name: String) -> Sample {
        goodSamples.first { $0.name == name }!
    }

    /// The inputs that must be dead-lettered, with the reason category `bad/README.md` gives.
    /// `huge.txt` is made on the fly by `make-huge.py`'s rule: 3 MiB of valid UTF-8 on one line.
    public static let badSamples: [(name: String, reason: String)] = [
        ("empty.txt", "empty"),
        ("whitespace-only.txt", "empty"),
        ("binary.bin", "undecodable"),
        ("truncated-utf8.txt", "undecodable"),
        ("chrome-only.txt", "no-article-content"),
        ("broken.json", "malformed-json"),
        ("nested.json", "too-deep"),
        ("no-text.html", "no-article-content"),
    ]

    public static func badBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samplesDirectory.appendingPathComponent("bad").appendingPathComponent(name)))
    }

    /// The 3 MiB single-line article `make-huge.py` writes.
    public static func hugeArticle() -> [UInt8] {
        let line = Array("대용량 기사 본문 반복 ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(3_145_728)
        while bytes.count + line.count <= 3_145_728 { bytes += line }
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 3_145_728 - bytes.count)
        return bytes
    }
}
