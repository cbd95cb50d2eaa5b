import TestSupport
import Testing

@testable import StageRuntime

@Suite struct InFlightLimitTests {
    @Test func aCancelledWaiterGivesUpWithoutTakingRoom() async throws {
        let limit = InFlightLimit(1)
        #expect(await limit.acquire())
        let waiting = Task { await limit.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        let granted = await bounded(.seconds(10)) { await waiting.value }
        if granted == nil { limit.release() }
        #expect(granted == false)
        limit.release()
        // The room the cancelled waiter did not take is there for the next one.
        #expect(await bounded(.seconds(10)) { await limit.acquire() } == true)
    }

    @Test func waitersAreServedInOrder() async throws {
        let limit = InFlightLimit(1)
        #expect(await limit.acquire())
        let first = Task { await limit.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        limit.release()
        #expect(await bounded(.seconds(10)) { await first.value } == true)
    }

    @Test func closingRefusesTheWaitingAndEveryLaterAcquire() async throws {
        let limit = InFlightLimit(1)
        #expect(await limit.acquire())
        let waiting = Task { await limit.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        limit.close()
        #expect(await bounded(.seconds(10)) { await waiting.value } == false)
        limit.release()
        #expect(await bounded(.seconds(10)) { await limit.acquire() } == false)
    }
}
