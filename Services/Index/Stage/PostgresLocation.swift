import Foundation
import PostgresNIO

/// A PostgreSQL index database named by a `postgres://user:password@host:port/database` URL.
///
/// `?host=/run/postgresql` connects through the Unix socket in that folder instead of TCP, as libpq
/// reads it. The connection is plain: `sslmode` other than `disable` or `prefer` is refused rather
/// than silently sent in the clear.
public struct PostgresLocation: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var socketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String

    public static let defaultPort = 5432

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws(IndexLocationError) {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw .invalidURL(Self.redacted(text))
        }
        let items = components.queryItems ?? []
        func item(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let mode = item("sslmode"), !["disable", "prefer", "allow"].contains(mode) {
            throw .unsupportedTLS(mode)
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? Self.defaultPort
        socketDirectory = item("host").flatMap { $0.hasPrefix("/") ? $0 : nil }
        username = components.user.flatMap { $0.removingPercentEncoding } ?? item("user") ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? item("password")
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : (path.removingPercentEncoding ?? path)
    }

    /// The URL with its password left out, for logs.
    public var description: String {
        let server = socketDirectory.map { "?host=\($0)" } ?? ""
        return "postgres://\(username)@\(host):\(port)/\(database)\(server)"
    }

    var clientConfiguration: PostgresClient.Configuration {
        if let socketDirectory {
            return PostgresClient.Configuration(
                unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "an unreadable URL" }
        if components.password != nil { components.password = "…" }
        return components.string ?? "an unreadable URL"
    }
}

/// Why an index location could not be used.
public enum IndexLocationError: Error, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case unsupportedTLS(String)

    public var description: String {
        switch self {
        case .invalidURL(let text): "\(text) is no postgres://user@host:port/database URL"
        case .unsupportedTLS(let mode): "sslmode=\(mode) is not supported; use a private network or a TLS proxy"
        }
    }
}
