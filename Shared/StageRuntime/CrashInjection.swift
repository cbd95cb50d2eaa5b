import Foundation
import Kafka
import TextScanning

/// A fault-injection hook for reliability tests: a stage process traps on an input that carries a
/// marker, as a stage with a bug would.
///
/// Off unless `NEWSLINE_TEST_CRASH_MARKER` is set in the environment, and then only in the stage
/// `NEWSLINE_TEST_CRASH_STAGE` names (every stage when it is unset); `newsline chaos` sets both for
/// its crash scenario. The check runs after the crash guard recorded the inputs, where a real defect
/// in a stage would strike.
enum CrashInjection {
    static let environmentKey = "NEWSLINE_TEST_CRASH_MARKER"
    static let stageKey = "NEWSLINE_TEST_CRASH_STAGE"
    static let marker: String? = ProcessInfo.processInfo.environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 }
    static let stage: String? = ProcessInfo.processInfo.environment[stageKey]

    static func check(_ batch: [KafkaConsumerMessage], stage name: String) {
        guard let marker, stage == nil || stage == name else { return }
        for message in batch where message.value.withUnsafeBufferPointer({ UTF8Search.contains($0, marker) }) {
            fatalError("\(environmentKey): crashing on \(message.topic)/\(message.partition)@\(message.offset) as asked")
        }
    }
}
