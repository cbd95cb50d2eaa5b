/// An error from Kafka or from Newsline's Kafka client, with a code callers can match.
public struct KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Code
    /// librdkafka's account of the error, with configured secrets redacted.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.name): \(message)" }

    /// Whether trying again later can succeed (broker down, timeouts, leader changes).
    public var isRetriable: Bool { code.isRetriable }

    /// A Kafka or librdkafka error code. Negative codes are librdkafka's own, positive ones the broker's.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let badMessage = Code(rawValue: -199)
        public static let destroy = Code(rawValue: -197)
        public static let failure = Code(rawValue: -196)
        public static let transport = Code(rawValue: -195)
        public static let messageTimedOut = Code(rawValue: -192)
        public static let unknownPartition = Code(rawValue: -190)
        public static let allBrokersDown = Code(rawValue: -187)
        public static let queueFull = Code(rawValue: -184)
        public static let timedOut = Code(rawValue: -185)
        public static let invalidArgument = Code(rawValue: -186)
        public static let state = Code(rawValue: -172)
        public static let noOffset = Code(rawValue: -168)
        public static let fatal = Code(rawValue: -150)
        public static let unknownTopicOrPartition = Code(rawValue: 3)
        public static let leaderNotAvailable = Code(rawValue: 5)
        public static let notLeaderForPartition = Code(rawValue: 6)
        public static let requestTimedOut = Code(rawValue: 7)
        public static let messageSizeTooLarge = Code(rawValue: 10)
        public static let coordinatorLoadInProgress = Code(rawValue: 14)
        public static let coordinatorNotAvailable = Code(rawValue: 15)
        public static let notCoordinator = Code(rawValue: 16)
        public static let recordListTooLarge = Code(rawValue: 18)
        public static let notEnoughReplicas = Code(rawValue: 19)
        public static let notEnoughReplicasAfterAppend = Code(rawValue: 20)
        public static let rebalanceInProgress = Code(rawValue: 27)
        public static let topicAlreadyExists = Code(rawValue: 36)
        /// Newsline's own: a setting that is missing or malformed.
        public static let configuration = Code(rawValue: -100_001)
        /// Newsline's own: the client was closed while the call was pending.
        public static let closed = Code(rawValue: -100_002)

        public var name: String {
            switch self {
            case .configuration: "configuration"
            case .closed: "closed"
            default: RDKafkaErrorName.name(of: rawValue)
            }
        }

        public var isRetriable: Bool {
            switch self {
            case .transport, .messageTimedOut, .allBrokersDown, .queueFull, .timedOut, .leaderNotAvailable,
                .notLeaderForPartition, .requestTimedOut, .coordinatorLoadInProgress, .coordinatorNotAvailable,
                .notCoordinator, .notEnoughReplicas, .notEnoughReplicasAfterAppend, .rebalanceInProgress,
                .unknownTopicOrPartition:
                true
            default:
                false
            }
        }
    }
}
