import Kafka
import Logging

/// Checks at start that the topics a service reads and writes exist, so a missing or misspelt
/// topic stops the service with a message naming it instead of a consumer that waits forever or
/// a producer whose every delivery fails.
public enum TopicCheck {
    /// How long the check waits for the cluster to answer (a broker still starting) before the
    /// service gives up and exits, for its supervisor to start it again.
    public static let answerBudget: Duration = .seconds(60)

    public struct MissingTopics: Error, CustomStringConvertible {
        public var topics: [String]
        public var brokers: String

        public var description: String {
            "topics \(topics.joined(separator: ", ")) do not exist on \(brokers); create them first "
                + "(deploy/create-topics.sh with deploy/topics.txt)"
        }
    }

    public static func require(_ topics: [String], configuration: KafkaConfiguration, logger: Logger) async throws {
        let admin = try KafkaAdmin(configuration: configuration, logger: logger)
        let deadline = ContinuousClock.now + answerBudget
        var known: [TopicDescription] = []
        while true {
            let result = await listTopics(admin)
            switch result {
            case .success(let topics):
                known = topics
            case .failure(let error):
                guard error.isRetriable, ContinuousClock.now < deadline else { throw error }
                logger.warning("cannot list the topics yet, trying again", metadata: ["error": .string(error.description)])
                try await Task.sleep(for: .seconds(2))
                continue
            }
            break
        }
        let missing = Set(topics).subtracting(known.map(\.name)).sorted()
        guard missing.isEmpty else {
            let error = MissingTopics(topics: missing, brokers: configuration.bootstrapServers.joined(separator: ","))
            logger.critical("refusing to start: topics missing", metadata: ["topics": .string(missing.joined(separator: ","))])
            throw error
        }
    }

    private static func listTopics(_ admin: KafkaAdmin) async -> Result<[TopicDescription], KafkaError> {
        do {
            return .success(try await admin.listTopics())
        } catch {
            return .failure(error)
        }
    }
}
