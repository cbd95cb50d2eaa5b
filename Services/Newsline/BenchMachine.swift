import Foundation

/// The machine a benchmark ran on, and how busy it was: figures from a shared machine only mean
/// something next to its load.
enum BenchMachine {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var memoryGiB: Double { Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 }

    /// The 1, 5 and 15 minute load averages from `/proc/loadavg`, e.g. `3.12 2.80 2.51`.
    static var load: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var summary: String {
        String(format: "%d cores, %.0f GiB", cores, memoryGiB) + ", load \(load) (1/5/15 min)"
    }

    static var json: [String: Any] {
        ["cores": cores, "memoryGiB": (memoryGiB * 10).rounded() / 10, "load": load]
    }
}

extension TextTable {
    /// The rows as a Markdown table, columns padded to line up in plain text too.
    static func markdown(header: [String], rows: [[String]]) -> String {
        var widths = header.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                cell + String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        return ([line(header), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"]
            + rows.map(line)).joined(separator: "\n")
    }
}
