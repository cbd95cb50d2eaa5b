import Logging

/// Where the index lives: a SQLite file (the embedded default) or a PostgreSQL database.
///
/// One setting chooses it: a `postgres://` URL is PostgreSQL; a path, or `sqlite:` before one,
/// is a SQLite file.
public enum IndexLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    public init(_ text: String) throws(IndexLocationError) {
        if PostgresLocation.isPostgresURL(text) {
            self = .postgres(try PostgresLocation(url: text))
        } else if text.hasPrefix("sqlite://") {
            self = .sqlite(path: String(text.dropFirst("sqlite://".count)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens the index, creating and migrating it unless `create` is false.
    public func open(create: Bool = true, logger: Logger = Logger(label: "newsline.index")) async throws
        -> any IndexBackend
    {
        switch self {
        case .sqlite(let path): try SQLiteIndexBackend(path: path, create: create)
        case .postgres(let location): try await PostgresIndex.open(location, migrate: create, logger: logger)
        }
    }
}
