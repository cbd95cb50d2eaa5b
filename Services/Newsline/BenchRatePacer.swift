/// Spreads sends evenly at a fixed rate: send `n` (counting from 0) is due `n / perSecond` seconds
/// after the start.
///
/// The schedule never slips: a sender that fell behind sends every overdue message at once, so a
/// stall shows up as latency of the messages it delayed instead of silently lowering the rate.
struct BenchRatePacer: Sendable {
    let perSecond: Double
    let start: ContinuousClock.Instant

    init(perSecond: Double, start: ContinuousClock.Instant) {
        precondition(perSecond > 0, "a rate must be positive")
        self.perSecond = perSecond
        self.start = start
    }

    /// When send `number` is due.
    func due(_ number: Int) -> ContinuousClock.Instant {
        start + .nanoseconds(Int64((Double(number) / perSecond * 1e9).rounded()))
    }

    /// How many sends are due at `now`: every send whose due instant is not after it.
    func dueCount(at now: ContinuousClock.Instant) -> Int {
        guard now >= start else { return 0 }
        let elapsed = (now - start) / .nanoseconds(1)
        var count = Int((elapsed * perSecond / 1e9).rounded(.down)) + 1
        // Rounding may put the boundary one send off; the due instants decide.
        while count > 0, due(count - 1) > now { count -= 1 }
        while due(count) <= now { count += 1 }
        return count
    }
}
