import Kafka
import Testing

/// The lag `newsline status` shows and the services export as `newsline_consumer_lag`.
struct GroupLagTests {
    @Test func lagIsTheEndMinusTheCommittedOffset() {
        #expect(GroupLag.lag(high: 120, low: 0, committed: 100) == 20)
        #expect(GroupLag.lag(high: 120, low: 0, committed: 120) == 0)
    }

    @Test func aGroupWithoutACommitReadsFromTheOldestKeptOffset() {
        #expect(GroupLag.lag(high: 50, low: 10, committed: nil) == 40)
    }

    @Test func aCommitBelowTheOldestKeptOffsetCountsOnlyWhatIsStillThere() {
        // Retention deleted offsets 0..<30 before the group read them: they can no longer be read.
        #expect(GroupLag.lag(high: 50, low: 30, committed: 5) == 20)
    }

    @Test func lagIsNeverNegative() {
        #expect(GroupLag.lag(high: 10, low: 0, committed: 12) == 0)
    }
}
