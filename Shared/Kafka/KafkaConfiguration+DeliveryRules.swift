import Foundation

extension KafkaConfiguration {
    /// A librdkafka property whose value Newsline's delivery rules depend on, with the values that
    /// keep them.
    struct DeliveryRule: Sendable {
        var property: String
        var allowed: Set<String>
        /// Why other values are refused, for the error message.
        var reason: String
    }

    /// The consumer's rules: offsets are stored by Newsline only after the outputs of an input are
    /// acknowledged, and librdkafka commits what was stored.
    static let consumerRules: [DeliveryRule] = [
        DeliveryRule(
            property: "enable.auto.offset.store", allowed: ["false"],
            reason: "librdkafka would store offsets of messages whose outputs are not delivered yet"),
        DeliveryRule(
            property: "enable.auto.commit", allowed: ["true"],
            reason: "stored offsets would only be committed on rebalance and shutdown"),
        DeliveryRule(
            property: "auto.commit.enable", allowed: ["true"],
            reason: "stored offsets would only be committed on rebalance and shutdown"),
        DeliveryRule(
            property: "auto.offset.reset", allowed: ["earliest", "smallest", "beginning"],
            reason: "a new group or a reset offset would skip the data not read yet"),
        DeliveryRule(
            property: "isolation.level", allowed: ["read_committed"],
            reason: "messages of aborted transactions would be processed"),
    ]

    /// The producer's rules: idempotent, acknowledged by every in-sync replica, in order.
    static let producerRules: [DeliveryRule] = [
        DeliveryRule(
            property: "enable.idempotence", allowed: ["true"],
            reason: "retries could duplicate or reorder outputs within a partition"),
        DeliveryRule(
            property: "acks", allowed: ["all", "-1"],
            reason: "a delivery report could arrive for a message a broker failure then loses"),
        DeliveryRule(
            property: "request.required.acks", allowed: ["all", "-1"],
            reason: "a delivery report could arrive for a message a broker failure then loses"),
        DeliveryRule(
            property: "queuing.strategy", allowed: ["fifo"],
            reason: "messages would be sent out of order"),
        DeliveryRule(
            property: "transactional.id", allowed: [],
            reason: "Newsline producers are idempotent, not transactional, and never begin a transaction"),
    ]

    /// Refuses pass-through properties that break the delivery rules, naming the property and value.
    ///
    /// Checked when a client is created, so a service refuses to start rather than run with a
    /// setting that could lose or reorder data.
    func checkDeliveryRules(for role: ClientRole) throws(KafkaError) {
        let rules: [DeliveryRule]
        switch role {
        case .producer: rules = Self.producerRules
        case .consumer: rules = Self.consumerRules
        case .admin: return
        }
        for rule in rules {
            guard let value = properties[rule.property] else { continue }
            let normalized = value.trimmingCharacters(in: .whitespaces).lowercased()
            if rule.allowed.contains(normalized) { continue }
            let expected =
                rule.allowed.isEmpty ? "it must not be set" : "expected \(rule.allowed.sorted().joined(separator: " or "))"
            throw KafkaError(
                code: .configuration,
                message: "property \(rule.property)=\(value) is refused: \(rule.reason); \(expected)")
        }
    }
}
