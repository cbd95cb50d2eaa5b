import Kafka
import Metrics
import Operations
import Prometheus
import Testing

/// librdkafka's statistics JSON becomes gauges; the lag is counted as `newsline status` counts it.
struct KafkaStatisticsGaugesTests {
    /// A consumer's statistics as librdkafka writes them (trimmed to the fields read, plus some not).
    static let consumerStatistics = """
        {"name":"rdkafka#consumer-1","client_id":"newsline","type":"consumer","ts":1,"msg_cnt":0,"msg_size":0,
         "tx":120,"tx_bytes":9000,"rx":118,"rx_bytes":64000,"txmsgs":0,"rxmsgs":40,"replyq":0,
         "brokers":{"localhost:9092/1":{"name":"localhost:9092/1","nodeid":1,"state":"UP","outbuf_cnt":0,
                    "waitresp_cnt":1,"txerrs":0,"rxerrs":0,"rtt":{"min":100,"max":900,"avg":250,"p99":800}},
                    "GroupCoordinator":{"name":"GroupCoordinator","nodeid":-1,"state":"UP"}},
         "topics":{"articles.parsed":{"topic":"articles.parsed","partitions":{
            "0":{"partition":0,"desired":true,"lo_offset":0,"hi_offset":120,"ls_offset":120,"committed_offset":100,
                 "fetchq_cnt":3,"consumer_lag":20},
            "1":{"partition":1,"desired":true,"lo_offset":10,"hi_offset":50,"ls_offset":50,"committed_offset":-1001,
                 "fetchq_cnt":0,"consumer_lag":-1},
            "2":{"partition":2,"desired":false,"lo_offset":0,"hi_offset":9,"committed_offset":-1001},
            "-1":{"partition":-1,"lo_offset":-1,"hi_offset":-1,"committed_offset":-1001}}}},
         "cgrp":{"state":"up","rebalance_cnt":2,"assignment_size":2}}
        """

    @Test func consumerStatisticsBecomeGaugesWithTheStatusLag() throws {
        let registry = PrometheusCollectorRegistry()
        KafkaStatisticsGauges(client: "consumer", factory: PrometheusMetricsFactory(registry: registry))
            .record(json: Self.consumerStatistics)
        let text = registry.emitToString()
        let lag = { (partition: String) in
            text.split(separator: "\n").first {
                $0.hasPrefix("newsline_consumer_lag{") && $0.contains("partition=\"\(partition)\"")
            }.map { String($0.split(separator: " ").last!) }
        }
        #expect(lag("0") == "20.0")
        // No commit yet: the group reads from the oldest kept offset, as `newsline status` counts.
        #expect(lag("1") == String(Double(GroupLag.lag(high: 50, low: 10, committed: nil))))
        #expect(lag("2") == nil, "a partition this consumer does not read")
        #expect(lag("-1") == nil)
        #expect(text.contains("newsline_kafka_broker_rtt_seconds{client=\"consumer\",broker=\"localhost:9092/1\"} 0.00025"))
        #expect(!text.contains("GroupCoordinator"))
        #expect(text.contains("newsline_kafka_rebalances{client=\"consumer\"} 2"))
    }

    @Test func malformedStatisticsAreIgnored() {
        let registry = PrometheusCollectorRegistry()
        KafkaStatisticsGauges(client: "producer", factory: PrometheusMetricsFactory(registry: registry)).record(json: "{not json")
        #expect(registry.emitToString().isEmpty)
    }
}
