import Foundation

/// Analyzes the articles of a batch on every core, keeping the batch's order.
enum BatchAnalysis {
    /// Below this many articles per core, threads cost more than they save.
    static let minimumPerWorker = 16

    static func columns(for batch: [IndexInput], analyzer: TextAnalyzer) -> [IndexColumns] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, batch.count / minimumPerWorker)
        guard workers > 1 else {
            return batch.map { IndexColumns(analyzer: analyzer, event: $0.event) }
        }
        let results = WorkerResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (batch.count * worker / workers)..<(batch.count * (worker + 1) / workers)
            results.store(batch[range].map { IndexColumns(analyzer: analyzer, event: $0.event) }, at: worker)
        }
        return results.joined()
    }
}

/// One slot per worker for `BatchAnalysis`.
///
/// `@unchecked Sendable` is safe: every access to `slots` holds `lock`.
private final class WorkerResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[IndexColumns]]

    init(count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func store(_ columns: [IndexColumns], at worker: Int) {
        lock.withLock { slots[worker] = columns }
    }

    func joined() -> [IndexColumns] {
        lock.withLock { slots.flatMap { $0 } }
    }
}
