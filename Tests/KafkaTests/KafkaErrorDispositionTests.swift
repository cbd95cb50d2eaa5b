import Testing

@testable import Kafka

/// Failed deliveries are sorted by what they are about: a wrong sort either dead-letters a whole
/// stream (a service error taken for a message error) or stalls a partition.
@Suite struct KafkaErrorDispositionTests {
    @Test(arguments: [
        KafkaError.Code.topicAuthorizationFailed, .clusterAuthorizationFailed, .groupAuthorizationFailed,
        .transactionalIdAuthorizationFailed, .saslAuthenticationFailed, .authentication, .ssl, .fatal,
        .unknownTopic, .unknownTopicOrPartition, .unknownPartition, .invalidRequiredAcks, .unsupportedVersion,
        .producerFenced, .outOfOrderSequenceNumber, .invalidProducerEpoch, .configuration, .invalidArgument,
        .state, .failure,
    ])
    func errorsAboutTheServiceStopIt(_ code: KafkaError.Code) {
        #expect(code.disposition == .stopService, "\(code.name)")
        #expect(!code.isRetriable)
    }

    @Test(arguments: [
        KafkaError.Code.messageSizeTooLarge, .localMessageSizeTooLarge, .recordListTooLarge, .invalidRecord,
        .corruptMessage, .invalidTimestamp, .badMessage,
    ])
    func errorsAboutOneMessageDeadLetterIt(_ code: KafkaError.Code) {
        #expect(code.disposition == .deadLetter, "\(code.name)")
    }

    @Test(arguments: [
        KafkaError.Code.transport, .messageTimedOut, .allBrokersDown, .timedOut, .leaderNotAvailable,
        .notLeaderForPartition, .requestTimedOut, .notEnoughReplicas, .notEnoughReplicasAfterAppend,
        .notCoordinator,
    ])
    func passingErrorsAreRetried(_ code: KafkaError.Code) {
        #expect(code.disposition == .retry, "\(code.name)")
        #expect(code.isRetriable)
    }

    @Test(arguments: [KafkaError.Code.closed, .cancelled, .purgeQueue, .purgeInFlight, .destroy])
    func stoppedClientsAbandonTheMessage(_ code: KafkaError.Code) {
        #expect(code.disposition == .abandoned, "\(code.name)")
    }

    @Test func namesComeFromLibrdkafka() {
        #expect(KafkaError.Code.topicAuthorizationFailed.name == "TOPIC_AUTHORIZATION_FAILED")
        #expect(KafkaError.Code.purgeQueue.name == "_PURGE_QUEUE")
        #expect(KafkaError.Code.unknownTopic.name == "_UNKNOWN_TOPIC")
    }
}
