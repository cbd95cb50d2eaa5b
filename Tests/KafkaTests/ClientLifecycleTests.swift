import Logging
import TestSupport
import Testing

@testable import Kafka

/// Waits that must end: cancellation, stopping before starting, sends racing a shutdown. No broker
/// is needed: the clients point at a closed port, so nothing is ever delivered.
@Suite(.timeLimit(.minutes(2)))
struct ClientLifecycleTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    var configuration: KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: ["127.0.0.1:1"], properties: ["reconnect.backoff.max.ms": "100"])
    }

    @Test func nextBatchReturnsWhenItsTaskIsCancelled() async throws {
        let consumer = try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["t"], logger: logger)
        try consumer.start()
        let waiting = Task { await consumer.nextBatch() }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        let batch = await bounded(.seconds(10)) { await waiting.value }
        if batch == nil { consumer.stopDelivering() }
        #expect(batch == [])
        _ = await bounded(.seconds(30)) { await consumer.close() }
    }

    @Test func stoppingBeforeStartingLetsCloseReturn() async throws {
        let consumer = try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["t"], logger: logger)
        consumer.stopDelivering()
        try consumer.start()
        #expect(await bounded(.seconds(10)) { await consumer.nextBatch() } == [])
        #expect(await bounded(.seconds(10)) { await consumer.close() } != nil)
    }

    @Test func shutdownBeforeStartSettlesWhatWasEnqueued() async throws {
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        let promise = try await producer.enqueue(KafkaProducerMessage(topic: "t", key: nil, value: [1]))
        #expect(await bounded(.seconds(20)) { await producer.shutdown(flushTimeout: .milliseconds(200)) } != nil)
        let result = await bounded(.seconds(10)) { await promise.result() }
        guard case .failure(let error)? = result else {
            Issue.record("the send must fail, got \(String(describing: result))")
            return
        }
        #expect(error.disposition == .abandoned, "\(error)")
    }

    /// Every send either is refused (`closed`) or gets a result: none waits for a report nobody serves.
    @Test func sendsRacingAShutdownAllSettle() async throws {
        for _ in 0..<20 {
            let producer = try KafkaProducer(configuration: configuration, logger: logger)
            producer.start()
            let senders = (0..<4).map { _ in
                Task { () -> [DeliveryPromise] in
                    var promises: [DeliveryPromise] = []
                    while let promise = try? await producer.enqueue(KafkaProducerMessage(topic: "t", key: nil, value: [2])) {
                        promises.append(promise)
                        await Task.yield()
                    }
                    return promises
                }
            }
            try await Task.sleep(for: .milliseconds(20))
            await producer.shutdown(flushTimeout: .milliseconds(50))
            for sender in senders {
                let promises = await sender.value
                let settled: Bool? = await bounded(.seconds(10)) {
                    for promise in promises { _ = await promise.result() }
                    return true
                }
                #expect(settled != nil, "\(promises.filter { !$0.isSettled }.count) of \(promises.count) sends never settled")
            }
        }
    }

    @Test func theProducerServesEveryReportAfterAPurge() async throws {
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        producer.start()
        var promises: [DeliveryPromise] = []
        for index in 0..<5_000 {
            promises.append(try await producer.enqueue(KafkaProducerMessage(topic: "t", key: nil, value: [UInt8(index % 256)])))
        }
        await producer.shutdown(flushTimeout: .milliseconds(100))
        let unsettled = promises.filter { !$0.isSettled }.count
        #expect(unsettled == 0, "\(unsettled) unsettled after the shutdown")
        #expect(producer.queuedMessages == 0)
    }
}
