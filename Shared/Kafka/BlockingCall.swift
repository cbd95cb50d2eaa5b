import Foundation

/// Runs a blocking librdkafka call on a thread of its own, never on the Swift concurrency pool.
enum BlockingCall {
    static func run<T: Sendable>(_ name: String, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.name = name
            thread.start()
        }
    }
}
