import Foundation

/// A real PostgreSQL server on loopback for the tests, started once per test process from Debian's
/// `postgresql` binaries (`initdb`, `pg_ctl`) into a temporary folder and stopped when the process exits.
///
/// initdb refuses to run as root: as root, the server's folder is given to the `postgres` system user
/// that Debian's package creates and the binaries run as that user (`runuser`). Each caller gets a
/// database of its own (`makeDatabase()`), so tests in parallel never see each other's rows.
public enum TemporaryPostgres {
    /// The folder holding `initdb` and `pg_ctl`: `NEWSLINE_POSTGRES_BIN`, else the newest
    /// `/usr/lib/postgresql/*/bin`; nil when PostgreSQL is not installed.
    public static let binaries: String? = {
        let manager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["NEWSLINE_POSTGRES_BIN"] {
            return manager.isExecutableFile(atPath: explicit + "/initdb") ? explicit : nil
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? manager.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { manager.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    /// Why PostgreSQL tests cannot run here, or nil when they can.
    public static let unavailableReason: String? = {
        guard binaries != nil else {
            return "PostgreSQL binaries (initdb, pg_ctl) not found: install Debian's postgresql package "
                + "(scripts/install-dependencies) or set NEWSLINE_POSTGRES_BIN; the PostgreSQL index tests are skipped"
        }
        if getuid() == 0, getpwnam("postgres") == nil {
            return "running as root without a postgres system user, and initdb refuses root; the PostgreSQL tests are skipped"
        }
        return nil
    }()

    public static var isAvailable: Bool { unavailableReason == nil }

    /// The running server, started on first use.
    public struct Server: Sendable {
        public var port: Int
        public var directory: String
        public var user = "newsline"
    }

    /// The server of this test process; fails the caller's test when it cannot start.
    public static func server() throws -> Server {
        try started.get()
    }

    /// A new empty database on the shared server, as a `postgres://` URL.
    public static func makeDatabase() throws -> String {
        let server = try server()
        let name = "newsline_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try run(binaries! + "/psql", [
            "-h", "127.0.0.1", "-p", String(server.port), "-U", server.user, "-d", "postgres", "-q", "-v", "ON_ERROR_STOP=1",
            "-c", "CREATE DATABASE \(name)",
        ], asServerUser: false)
        return "postgres://\(server.user)@127.0.0.1:\(server.port)/\(name)"
    }

    /// Attempts to find a port nobody listens on; another process may take one between the check and
    /// the server's bind, so starting is tried this often on fresh ports.
    static let startAttempts = 5

    private static let started: Result<Server, any Error> = Result {
        if let reason = unavailableReason { throw TemporaryPostgresError(reason) }
        let bin = binaries!
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try run("/bin/chown", ["postgres", directory], asServerUser: false)
        }
        try run(bin + "/initdb", [
            "-D", directory + "/data", "-U", "newsline", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ], asServerUser: true)
        var lastError: (any Error)?
        for _ in 0..<startAttempts {
            let port = Int.random(in: 20_000...60_000)
            do {
                // fsync off: a test server's data is thrown away, and the tests measure no durability.
                try run(bin + "/pg_ctl", [
                    "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "start", "-o",
                    "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                ], asServerUser: true)
                stopDirectory = directory
                atexit {
                    guard let directory = TemporaryPostgres.stopDirectory, let bin = TemporaryPostgres.binaries else { return }
                    try? TemporaryPostgres.run(bin + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "stop"], asServerUser: true)
                    try? FileManager.default.removeItem(atPath: directory)
                }
                return Server(port: port, directory: directory)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? TemporaryPostgresError("PostgreSQL did not start")
    }

    nonisolated(unsafe) private static var stopDirectory: String?

    /// Runs a PostgreSQL program to its end; as root, the server's programs run as `postgres`.
    ///
    /// Spawned and reaped with posix_spawn and waitpid: the server pg_ctl starts inherits the output
    /// descriptors and outlives it, and the output goes to a file, whose end never waits for it.
    static func run(_ program: String, _ arguments: [String], asServerUser: Bool) throws {
        // From `/`, which the server's user may enter whoever owns the current folder.
        let inRoot = ["/bin/sh", "-c", "cd / && exec \"$@\"", "sh"]
        let command = inRoot + (asServerUser && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + [program] + arguments
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-pg-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw TemporaryPostgresError("cannot start \(command[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // Exited normally with status 0: the low 7 bits hold no signal and the next 8 the status.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw TemporaryPostgresError("\((program as NSString).lastPathComponent) failed: \(text.suffix(2_000))")
        }
    }
}

public struct TemporaryPostgresError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
