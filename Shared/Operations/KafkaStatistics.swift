import Foundation

/// The part of librdkafka's statistics JSON (`statistics.interval.ms`) Newsline exports as gauges.
///
/// Field names and meanings are librdkafka's (STATISTICS.md). Offsets librdkafka does not know yet
/// are negative there (-1, or -1001 for "invalid") and are treated as absent here.
public struct KafkaStatistics: Decodable, Sendable {
    /// `producer` or `consumer`.
    public var type: String
    /// Messages and bytes waiting in the client's queues (the producer's queue).
    public var msg_cnt: Int64?
    public var msg_size: Int64?
    /// Requests, bytes and messages sent and received since the client started.
    public var tx: Int64?
    public var tx_bytes: Int64?
    public var rx: Int64?
    public var rx_bytes: Int64?
    public var txmsgs: Int64?
    public var rxmsgs: Int64?
    /// Operations (callbacks, events) waiting to be served by the polling thread.
    public var replyq: Int64?
    public var brokers: [String: Broker]?
    public var topics: [String: Topic]?
    public var cgrp: ConsumerGroup?

    public struct Broker: Decodable, Sendable {
        public var nodeid: Int64?
        /// `UP`, `DOWN`, `INIT`, …
        public var state: String?
        public var outbuf_cnt: Int64?
        public var waitresp_cnt: Int64?
        public var txerrs: Int64?
        public var rxerrs: Int64?
        public var rtt: Window?
    }

    /// A rolling window of microsecond samples.
    public struct Window: Decodable, Sendable {
        public var avg: Int64?
        public var p99: Int64?
    }

    public struct Topic: Decodable, Sendable {
        public var partitions: [String: Partition]?
    }

    public struct Partition: Decodable, Sendable {
        public var partition: Int64
        public var lo_offset: Int64?
        public var hi_offset: Int64?
        public var ls_offset: Int64?
        public var committed_offset: Int64?
        public var fetchq_cnt: Int64?
        public var consumer_lag: Int64?
        /// Whether this client consumes the partition now (a consumer lists others it knows of too).
        public var desired: Bool?
    }

    public struct ConsumerGroup: Decodable, Sendable {
        public var state: String?
        public var rebalance_cnt: Int64?
        public var assignment_size: Int64?
    }

    public static func decode(_ json: String) throws -> KafkaStatistics {
        try JSONDecoder().decode(KafkaStatistics.self, from: Data(json.utf8))
    }
}
