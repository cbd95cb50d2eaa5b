import Kafka
import Metrics

/// Turns librdkafka's statistics into gauges: queue depths, request and byte totals, broker round
/// trips and state, and per partition the consumer's lag, end offset and committed offset.
///
/// The lag is `GroupLag.lag`, the count `newsline status` shows, so a dashboard and the command
/// agree. Only partitions this consumer reads now are exported; a partition revoked keeps its last
/// value until the process restarts (Prometheus has no way to retract a series short of that).
public struct KafkaStatisticsGauges: Sendable {
    private let factory: any MetricsFactory
    private let client: String

    /// - Parameter client: `consumer` or `producer`, the `client` label of the client gauges.
    public init(client: String, factory: any MetricsFactory) {
        self.factory = factory
        self.client = client
    }

    /// Records one statistics JSON; malformed JSON is ignored (the next one comes in an interval).
    public func record(json: String) {
        guard let statistics = try? KafkaStatistics.decode(json) else { return }
        record(statistics)
    }

    public func record(_ statistics: KafkaStatistics) {
        let labels = [("client", client)]
        let totals: [(String, Int64?)] = [
            ("newsline_kafka_queue_messages", statistics.msg_cnt), ("newsline_kafka_queue_bytes", statistics.msg_size),
            ("newsline_kafka_requests_sent", statistics.tx), ("newsline_kafka_bytes_sent", statistics.tx_bytes),
            ("newsline_kafka_requests_received", statistics.rx), ("newsline_kafka_bytes_received", statistics.rx_bytes),
            ("newsline_kafka_messages_sent", statistics.txmsgs), ("newsline_kafka_messages_received", statistics.rxmsgs),
            ("newsline_kafka_reply_queue", statistics.replyq),
        ]
        for (name, value) in totals {
            if let value { gauge(name, labels).record(value) }
        }
        for (name, broker) in statistics.brokers ?? [:] where (broker.nodeid ?? -1) >= 0 {
            let brokerLabels = labels + [("broker", name)]
            gauge("newsline_kafka_broker_up", brokerLabels).record(broker.state == "UP" ? 1 : 0)
            if let value = broker.outbuf_cnt { gauge("newsline_kafka_broker_outbuf_requests", brokerLabels).record(value) }
            if let value = broker.waitresp_cnt { gauge("newsline_kafka_broker_waiting_responses", brokerLabels).record(value) }
            if let value = broker.txerrs { gauge("newsline_kafka_broker_send_errors", brokerLabels).record(value) }
            if let value = broker.rxerrs { gauge("newsline_kafka_broker_receive_errors", brokerLabels).record(value) }
            if let rtt = broker.rtt?.avg { gauge("newsline_kafka_broker_rtt_seconds", brokerLabels).record(Double(rtt) / 1e6) }
            if let rtt = broker.rtt?.p99 { gauge("newsline_kafka_broker_rtt_p99_seconds", brokerLabels).record(Double(rtt) / 1e6) }
        }
        if let group = statistics.cgrp {
            if let value = group.rebalance_cnt { gauge("newsline_kafka_rebalances", labels).record(value) }
            if let value = group.assignment_size { gauge("newsline_kafka_assignment_size", labels).record(value) }
        }
        guard statistics.type == "consumer" else { return }
        for (topic, entry) in statistics.topics ?? [:] {
            for partition in (entry.partitions ?? [:]).values where partition.partition >= 0 && partition.desired != false {
                record(topic: topic, partition)
            }
        }
    }

    private func record(topic: String, _ partition: KafkaStatistics.Partition) {
        let labels = [("topic", topic), ("partition", String(partition.partition))]
        let known = { (offset: Int64?) in offset.flatMap { $0 >= 0 ? $0 : nil } }
        guard let high = known(partition.hi_offset) else { return }
        let low = known(partition.lo_offset) ?? 0
        let committed = known(partition.committed_offset)
        gauge("newsline_consumer_lag", labels).record(GroupLag.lag(high: high, low: low, committed: committed))
        gauge("newsline_partition_end_offset", labels).record(high)
        if let committed { gauge("newsline_partition_committed_offset", labels).record(committed) }
        if let fetched = partition.fetchq_cnt { gauge("newsline_partition_fetch_queue", labels).record(fetched) }
    }

    private func gauge(_ name: String, _ labels: [(String, String)]) -> Gauge {
        Gauge(label: name, dimensions: labels, factory: factory)
    }
}
