import TestSupport
import Testing

@testable import Kafka

@Suite struct DeliveryPromiseTests {
    @Test func aCancelledWaiterStopsWaitingWhileOthersGetTheReport() async throws {
        let promise = DeliveryPromise()
        let cancelled = Task { await promise.result() }
        let other = Task { await promise.result() }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        let result = await bounded(.seconds(10)) { await cancelled.value }
        guard case .failure(let error)? = result else {
            Issue.record("a cancelled waiter must return, got \(String(describing: result))")
            promise.fulfill(.failure(KafkaError(code: .closed, message: "test end")))
            return
        }
        #expect(error.code == .cancelled)
        #expect(!promise.isSettled)
        promise.fulfill(.success(KafkaDeliveryReport(topic: "t", partition: 0, offset: 5)))
        #expect(try await other.value.get().offset == 5)
    }

    @Test func waitingInACancelledTaskReturnsAtOnce() async {
        let promise = DeliveryPromise()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await promise.result()
        }
        let result = await bounded(.seconds(10)) { await task.value }
        if result == nil { promise.fulfill(.failure(KafkaError(code: .closed, message: "test end"))) }
        #expect(result.map { (try? $0.get()) == nil } == true)
    }
}
