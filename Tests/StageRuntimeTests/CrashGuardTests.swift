import Foundation
import Kafka
import NewslineModels
import Testing

@testable import StageRuntime

@Suite struct CrashGuardTests {
    private func message(_ offset: Int64, partition: Int32 = 0) -> KafkaConsumerMessage {
        KafkaConsumerMessage(
            topic: "articles.parsed", partition: partition, offset: offset, key: nil, value: [], headers: [],
            timestampMilliseconds: nil)
    }

    private func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "crash-guard-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A process that dies inside `willProcess`/`didProcess` leaves its file as this leaves it: the
    /// guard object goes away (closing the file and its lock) without `didProcess`.
    private func die(processing batch: [KafkaConsumerMessage], directory: String) throws {
        let guardFile = try CrashGuard.open(directory: directory, group: "newsline-enrich")
        guardFile.willProcess(batch)
    }

    @Test func aCleanRunLeavesNothingOnRecord() throws {
        let directory = temporaryDirectory()
        do {
            let guardFile = try CrashGuard.open(directory: directory, group: "newsline-enrich")
            guardFile.willProcess([message(0), message(1)])
            guardFile.didProcess()
        }
        let next = try CrashGuard.open(directory: directory, group: "newsline-enrich")
        #expect(next.inheritedDeaths == 0)
        #expect(next.plan([message(0), message(1)]) == [.together([0, 1])])
    }

    @Test func aDeathInABatchSendsItsInputsAloneAndASecondDeathCondemnsOne() throws {
        let directory = temporaryDirectory()
        let batch = (0..<4).map { message($0) }
        try die(processing: batch, directory: directory)

        let second = try CrashGuard.open(directory: directory, group: "newsline-enrich")
        #expect(second.inheritedDeaths == 4)
        #expect(second.plan(batch + [message(9)]) == [.alone(0), .alone(1), .alone(2), .alone(3), .together([4])])
        // Input 0 goes through; input 2 kills the process again.
        second.willProcess([batch[0]])
        second.didProcess()
        second.willProcess([batch[2]])
        _ = consume second

        let third = try CrashGuard.open(directory: directory, group: "newsline-enrich")
        #expect(third.plan(batch) == [.together([0]), .alone(1), .condemned(2, deaths: 2), .alone(3)])
    }

    @Test func aRecordCutShortIsNotTrusted() {
        let record = CrashGuard.Record(
            deaths: [CrashGuard.InputKey(topic: "articles.raw", partition: 2, offset: 7): 1],
            processing: [CrashGuard.InputKey(topic: "articles.raw", partition: 2, offset: 8)])
        let bytes = CrashGuardFile.encode(record)
        #expect(CrashGuardFile.decode(bytes) == record)
        // Left over from a longer earlier record after `end`: ignored.
        #expect(CrashGuardFile.decode(bytes + Array("processing articles.raw 2 99\n".utf8)) == record)
        #expect(CrashGuardFile.decode(Array(bytes.dropLast(4))) == CrashGuard.Record())
        #expect(CrashGuardFile.decode(Array("garbage".utf8)) == CrashGuard.Record())
    }

    @Test func twoLiveProcessesTakeTwoSlots() throws {
        let directory = temporaryDirectory()
        let first = try CrashGuard.open(directory: directory, group: "newsline-parse")
        let second = try CrashGuard.open(directory: directory, group: "newsline-parse")
        #expect(first.path != nil && second.path != nil && first.path != second.path)
        // The first one dies on an input; whoever takes its slot next inherits the death.
        first.willProcess([message(5)])
        _ = consume first
        let third = try CrashGuard.open(directory: directory, group: "newsline-parse")
        #expect(third.path != second.path)
        #expect(third.inheritedDeaths == 1)
    }

    @Test func aLimitOfZeroTurnsTheGuardOff() throws {
        let directory = temporaryDirectory()
        let off = try CrashGuard.open(directory: directory, group: "newsline-index", crashLimit: 0)
        off.willProcess([message(1)])
        #expect(off.path == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func theDeadLetterNamesTheCrashCount() {
        let letter = DeadLetterMessage.make(for: message(3), stage: "enrich", error: CrashedStage(deaths: 2))
        #expect(letter.headers.text(for: DeadLetterHeader.errorClass) == "crashed-stage")
        #expect(letter.headers.text(for: DeadLetterHeader.crashCount) == "2")
    }

    @Test func settingsAreReadStrictly() throws {
        let options = try CrashGuardOptions.parse([])
        #expect(try options.limit(environment: [:]) == 2)
        #expect(try options.limit(environment: ["NEWSLINE_CRASH_LIMIT": "3"]) == 3)
        #expect(throws: (any Error).self) { try options.limit(environment: ["NEWSLINE_CRASH_LIMIT": "two"]) }
        #expect(throws: (any Error).self) { try CrashGuardOptions.parse(["--crash-limit", "-1"]).limit(environment: [:]) }
        #expect(options.directory(environment: ["NEWSLINE_STATE_DIRECTORY": "/srv/state"]) == "/srv/state")
    }
}
