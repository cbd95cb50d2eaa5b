import Foundation

/// Shows publishing progress: a bar with rate and ETA on a terminal, plain lines otherwise.
final class ProgressReporter {
    private let total: Int
    private let totalBytes: Int
    private let start = Date()
    private let isTerminal = isatty(STDOUT_FILENO) != 0
    private var done = 0
    private var bytes = 0
    private var lastLine = Date.distantPast

    init(total: Int, totalBytes: Int) {
        self.total = total
        self.totalBytes = totalBytes
    }

    var elapsedSeconds: Double { Date().timeIntervalSince(start) }

    func advance(bytes: Int) {
        done += 1
        self.bytes += bytes
        let now = Date()
        let interval: TimeInterval = isTerminal ? 0.1 : 5
        if now.timeIntervalSince(lastLine) >= interval || done == total {
            lastLine = now
            draw()
        }
    }

    func report(failure: String) {
        if isTerminal { print("\r\u{1B}[K", terminator: "") }
        FileHandle.standardError.write(Data("failed: \(failure)\n".utf8))
    }

    /// A line about the run (such as waiting for the pipeline), between progress updates.
    func note(_ text: String) {
        if isTerminal { print("\r\u{1B}[K", terminator: "") }
        print(text)
        fflush(nil)
    }

    func finish() {
        if isTerminal && done > 0 { print("") }
    }

    private func draw() {
        let elapsed = max(elapsedSeconds, 0.001)
        let rate = Double(done) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let stats = "\(done)/\(total)  \(ByteCount.format(bytes))  " + String(format: "%.0f/s  ETA %.0fs", rate, remaining)
        if isTerminal {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            print("\r\u{1B}[K[\(bar)] \(stats)", terminator: "")
            fflush(nil)
        } else {
            print("published \(stats)")
        }
    }
}
