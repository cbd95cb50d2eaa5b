import Synchronization

/// What `/healthz` and `/readyz` answer: named checks, each saying what is wrong or nothing.
///
/// Liveness checks fail only when a restart would help (a poll loop that stopped, a fatal client
/// error); readiness checks fail while the service cannot do its work yet (no partitions assigned,
/// topics not checked, a database that cannot be written). A check runs on every probe, so it
/// reads state the service keeps anyway and never blocks.
public final class ServiceHealth: Sendable {
    /// A check: nil when all is well, else a short reason an operator can act on.
    public typealias Check = @Sendable () -> String?

    public enum Probe: Sendable {
        case liveness
        case readiness
    }

    private let checks = Mutex<[(probe: Probe, name: String, check: Check)]>([])

    public init() {}

    /// Adds a named check to a probe.
    public func add(_ probe: Probe, _ name: String, _ check: @escaping Check) {
        checks.withLock { $0.append((probe, name, check)) }
    }

    /// The failing checks of a probe by name; empty when the probe passes. Readiness includes
    /// liveness: a service that is not alive is not ready either.
    public func failures(_ probe: Probe) -> [String: String] {
        let selected = checks.withLock { checks in
            checks.filter { probe == .readiness || $0.probe == .liveness }
        }
        var failures: [String: String] = [:]
        for entry in selected {
            if let reason = entry.check() { failures[entry.name] = reason }
        }
        return failures
    }

    public var isAlive: Bool { failures(.liveness).isEmpty }
    public var isReady: Bool { failures(.readiness).isEmpty }
}
