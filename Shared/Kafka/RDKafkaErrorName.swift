import CRDKafka

/// The one place that turns librdkafka error codes into names and `KafkaError` values.
enum RDKafkaErrorName {
    static func name(of code: Int32) -> String {
        String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: code)))
    }

    static func error(_ code: rd_kafka_resp_err_t, redactor: SecretRedactor? = nil) -> KafkaError {
        let text = String(cString: rd_kafka_err2str(code))
        return KafkaError(
            code: KafkaError.Code(rawValue: code.rawValue), message: redactor?.redact(text) ?? text)
    }
}
