import Foundation
import Kafka
import Synchronization

/// Keeps a stage from crashing on the same input forever.
///
/// Before a batch is processed, the guard writes which inputs it holds to a small file; once the
/// batch has been processed the file says so. A process that dies inside a batch (a trap, a signal,
/// the kernel's out-of-memory killer) leaves the file naming those inputs, and the next process to
/// take the file counts one death for each of them. Inputs with a death on record are processed one
/// at a time, so the next death points at one input; an input that reached `crashLimit` deaths is
/// dead-lettered as `crashed-stage` instead of being processed again.
///
/// The file is written with one `write` and no `fsync`: the page cache survives the death of the
/// process, and a machine that loses power did not crash because of an input. The cost is one small
/// write before and one after each batch. Files live in a state folder (`--state-directory`); a
/// process takes the first free slot file of its group under an exclusive `flock`, which the kernel
/// drops when the process dies, so a restarted instance (or another one on the same host) picks the
/// record up. In Kubernetes the folder is an `emptyDir`, which outlives a container's restart.
public final class CrashGuard: Sendable {
    /// Deaths on one input before it is dead-lettered; 2 keeps one unlucky kill from condemning an input.
    public static let defaultCrashLimit = 2
    /// Inputs whose deaths are remembered; past this the oldest records are forgotten.
    static let maxRecords = 1_000
    /// Slot files per group and host; more processes than this on one host run without a guard file.
    static let maxSlots = 64

    /// An input, as the guard names it in its file.
    struct InputKey: Hashable, Sendable, Comparable {
        var topic: String
        var partition: Int32
        var offset: Int64

        init(topic: String, partition: Int32, offset: Int64) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
        }

        init(_ message: KafkaConsumerMessage) {
            self.init(topic: message.topic, partition: message.partition, offset: message.offset)
        }

        static func < (lhs: InputKey, rhs: InputKey) -> Bool {
            (lhs.topic, lhs.partition, lhs.offset) < (rhs.topic, rhs.partition, rhs.offset)
        }
    }

    /// The guard's record: deaths per input, and the inputs being processed right now.
    struct Record: Equatable, Sendable {
        var deaths: [InputKey: Int] = [:]
        var processing: [InputKey] = []
    }

    public let crashLimit: Int
    /// The file this process holds, or nil when the guard is off.
    public let path: String?
    private let descriptor: Int32
    private let state = Mutex(Record())
    /// Deaths found on start: the inputs a previous process died on.
    public let inheritedDeaths: Int

    /// A guard that keeps no file: nothing is remembered across processes.
    public static func disabled() -> CrashGuard {
        CrashGuard(crashLimit: 0, path: nil, descriptor: -1, record: Record())
    }

    /// Takes the first free slot file of `group` in `directory` and counts the deaths it records.
    public static func open(directory: String, group: String, crashLimit: Int = defaultCrashLimit) throws -> CrashGuard {
        guard crashLimit > 0 else { return disabled() }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CrashGuardError(message: "cannot create the state directory \(directory): \(error)")
        }
        let safeGroup = String(group.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        for slot in 0..<maxSlots {
            let path = "\(directory)/\(safeGroup).\(slot).crash-guard"
            let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw CrashGuardError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                close(descriptor)
                continue
            }
            var record = CrashGuardFile.read(descriptor)
            for input in record.processing {
                record.deaths[input, default: 0] += 1
            }
            record.processing = []
            // Deaths are added only here; past the limit the lowest offsets, read longest ago, go.
            for input in record.deaths.keys.sorted().prefix(max(0, record.deaths.count - maxRecords)) {
                record.deaths[input] = nil
            }
            let guardFile = CrashGuard(crashLimit: crashLimit, path: path, descriptor: descriptor, record: record)
            guardFile.save()
            return guardFile
        }
        throw CrashGuardError(message: "every crash-guard slot of group \(group) in \(directory) is taken")
    }

    private init(crashLimit: Int, path: String?, descriptor: Int32, record: Record) {
        self.crashLimit = crashLimit
        self.path = path
        self.descriptor = descriptor
        inheritedDeaths = record.deaths.values.reduce(0, +)
        state.withLock { $0 = record }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// What to do with each input of a fetched batch.
    public enum Plan: Equatable, Sendable {
        /// No death on record: process the inputs together.
        case together([Int])
        /// A death on record: process this input alone, so a crash points at it.
        case alone(Int)
        /// Dead-letter this input: it crashed the stage `deaths` times.
        case condemned(Int, deaths: Int)
    }

    /// Splits a batch into runs processed together, suspects processed alone and condemned inputs,
    /// keeping the batch's order.
    public func plan(_ batch: [KafkaConsumerMessage]) -> [Plan] {
        let deaths = state.withLock { $0.deaths }
        guard !deaths.isEmpty else { return batch.isEmpty ? [] : [.together(Array(batch.indices))] }
        var plans: [Plan] = []
        var run: [Int] = []
        for (index, message) in batch.enumerated() {
            guard let count = deaths[InputKey(message)] else {
                run.append(index)
                continue
            }
            if !run.isEmpty {
                plans.append(.together(run))
                run = []
            }
            plans.append(count >= crashLimit ? .condemned(index, deaths: count) : .alone(index))
        }
        if !run.isEmpty { plans.append(.together(run)) }
        return plans
    }

    /// Records that these inputs are being processed; call before processing them.
    public func willProcess(_ messages: some Sequence<KafkaConsumerMessage>) {
        guard descriptor >= 0 else { return }
        state.withLock { $0.processing = messages.map(InputKey.init) }
        save()
    }

    /// Records that the inputs given to `willProcess` were processed without a crash.
    public func didProcess() {
        guard descriptor >= 0 else { return }
        let changed = state.withLock { record -> Bool in
            guard !record.processing.isEmpty else { return false }
            for input in record.processing { record.deaths[input] = nil }
            record.processing = []
            return true
        }
        if changed { save() }
    }

    var record: Record { state.withLock { $0 } }

    private func save() {
        let bytes = state.withLock { CrashGuardFile.encode($0) }
        CrashGuardFile.write(bytes, to: descriptor)
    }
}

public struct CrashGuardError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The error a dead letter of an input that crashed the stage carries.
public struct CrashedStage: Error, CustomStringConvertible {
    public var deaths: Int
    public var description: String {
        "the stage process died \(deaths) times while processing this input; it is set aside so the partition can go on"
    }
}
