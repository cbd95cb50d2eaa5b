import Foundation
import Synchronization

/// Peak resident memory of processes, from the kernel's own high-water mark (`VmHWM` in
/// `/proc/PID/status`).
///
/// The high-water mark covers every moment of the process's life, so sampling only has to happen
/// while the process still exists; sampling every half second also keeps the last figure of a
/// process that dies during the run.
final class BenchMemorySampler: Sendable {
    struct Watched: Sendable {
        var name: String
        var pid: Int32
    }

    private final class Peaks: Sendable {
        let kibibytes = Mutex<[String: Int]>([:])
    }

    private let peaks = Peaks()
    private let task: Task<Void, Never>

    init(_ watched: [Watched], every interval: Duration = .milliseconds(500)) {
        let peaks = self.peaks
        task = Task {
            while !Task.isCancelled {
                Self.sample(watched, into: peaks)
                try? await Task.sleep(for: interval)
            }
        }
    }

    deinit {
        task.cancel()
    }

    /// Takes a last sample and stops; returns the peak in KiB of every process seen.
    func finish(_ watched: [Watched]) -> [String: Int] {
        task.cancel()
        Self.sample(watched, into: peaks)
        return peaks.kibibytes.withLock { $0 }
    }

    private static func sample(_ watched: [Watched], into peaks: Peaks) {
        for process in watched {
            guard let value = highWaterMark(pid: process.pid) else { continue }
            peaks.kibibytes.withLock { $0[process.name] = max($0[process.name] ?? 0, value) }
        }
    }

    /// `VmHWM` of a running process in KiB, or nil when it is gone.
    static func highWaterMark(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            // "VmHWM:\t   12345 kB"
            return Int(line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}
