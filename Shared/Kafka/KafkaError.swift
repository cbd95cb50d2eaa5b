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

    /// What a failed delivery of one message means for the input that produced it.
    public var disposition: Disposition { code.disposition }

    /// How a stage treats a message the broker did not take, by what the error is about.
    public enum Disposition: Sendable, Equatable {
        /// Passing: trying again later can succeed (broker down, timeouts, leader changes).
        case retry
        /// About this one message (too large, invalid record): the input is dead-lettered.
        case deadLetter
        /// About this service (authorization, configuration, a fatal producer error): every later
        /// message would fail the same way, so the service stops rather than dead-letter the stream.
        case stopService
        /// The client stopped before the message was delivered (shutdown, purge, cancellation):
        /// the input is not acknowledged and is read again.
        case abandoned
    }

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
        public static let notImplemented = Code(rawValue: -170)
        public static let authentication = Code(rawValue: -169)
        public static let unsupportedFeature = Code(rawValue: -165)
        public static let purgeQueue = Code(rawValue: -152)
        public static let purgeInFlight = Code(rawValue: -151)
        public static let localMessageSizeTooLarge = Code(rawValue: -141)
        public static let ssl = Code(rawValue: -181)
        public static let unknownTopic = Code(rawValue: -188)
        public static let noOffset = Code(rawValue: -168)
        public static let fatal = Code(rawValue: -150)
        public static let corruptMessage = Code(rawValue: 2)
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
        public static let invalidRequiredAcks = Code(rawValue: 21)
        public static let rebalanceInProgress = Code(rawValue: 27)
        public static let topicAuthorizationFailed = Code(rawValue: 29)
        public static let groupAuthorizationFailed = Code(rawValue: 30)
        public static let clusterAuthorizationFailed = Code(rawValue: 31)
        public static let invalidTimestamp = Code(rawValue: 32)
        public static let unsupportedVersion = Code(rawValue: 35)
        public static let topicAlreadyExists = Code(rawValue: 36)
        public static let outOfOrderSequenceNumber = Code(rawValue: 45)
        public static let invalidProducerEpoch = Code(rawValue: 47)
        public static let transactionalIdAuthorizationFailed = Code(rawValue: 53)
        public static let saslAuthenticationFailed = Code(rawValue: 58)
        public static let invalidRecord = Code(rawValue: 87)
        public static let producerFenced = Code(rawValue: 90)
        /// Newsline's own: a setting that is missing or malformed.
        public static let configuration = Code(rawValue: -100_001)
        /// Newsline's own: the client was closed while the call was pending.
        public static let closed = Code(rawValue: -100_002)
        /// Newsline's own: the task waiting for the call was cancelled.
        public static let cancelled = Code(rawValue: -100_003)

        public var name: String {
            switch self {
            case .configuration: "configuration"
            case .closed: "closed"
            case .cancelled: "cancelled"
            default: RDKafkaErrorName.name(of: rawValue)
            }
        }

        public var isRetriable: Bool { disposition == .retry }

        /// Sorts an error by what it is about. An error not known to concern one message stops the
        /// service: dead-lettering on an unknown error could move a whole stream to the dead-letter topic.
        public var disposition: Disposition {
            switch self {
            case .transport, .messageTimedOut, .allBrokersDown, .queueFull, .timedOut, .leaderNotAvailable,
                .notLeaderForPartition, .requestTimedOut, .coordinatorLoadInProgress, .coordinatorNotAvailable,
                .notCoordinator, .notEnoughReplicas, .notEnoughReplicasAfterAppend, .rebalanceInProgress:
                .retry
            case .messageSizeTooLarge, .localMessageSizeTooLarge, .recordListTooLarge, .invalidRecord,
                .corruptMessage, .invalidTimestamp, .badMessage:
                .deadLetter
            case .closed, .cancelled, .purgeQueue, .purgeInFlight, .destroy:
                .abandoned
            default:
                // Among them: fatal, topic/cluster/group authorization, authentication, SSL, unknown
                // topic or partition (the output topic is missing), invalid acks, unsupported version,
                // producer fenced or out of sequence, configuration, invalid argument, state.
                .stopService
            }
        }
    }
}
