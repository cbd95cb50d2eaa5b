/// Percentiles of a run's latencies, in milliseconds.
struct BenchLatencySummary: Sendable, Equatable {
    var count: Int
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double

    init(milliseconds: [Double]) {
        let sorted = milliseconds.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 0.50)
        p95 = Self.percentile(sorted, 0.95)
        p99 = Self.percentile(sorted, 0.99)
        max = sorted.last ?? 0
    }

    /// The nearest-rank percentile of ascending values: the smallest value with at least `fraction`
    /// of all values at or below it; 0 for no values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((Double(sorted.count) * fraction).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    var json: [String: Any] {
        ["count": count, "p50Milliseconds": p50, "p95Milliseconds": p95, "p99Milliseconds": p99, "maxMilliseconds": max]
    }
}
