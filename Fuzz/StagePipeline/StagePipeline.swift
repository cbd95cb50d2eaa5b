import EnrichStage
import Foundation
import IngestStage
import NewslineModels
import ParseStage

/// Raw bytes through ingest, parse and enrich in process, as the three services pass them.
///
/// Each hand-over goes through the event codec, as it does through Kafka, so an input reaches parse
/// and enrich exactly as the services would see it. Shared by the fuzz target and the regression test
/// that replays the inputs the fuzzer found.
public struct StagePipeline: Sendable {
    /// How far an input got.
    public enum Outcome: Equatable, Sendable {
        case enriched
        /// A stage refused the input with a dead-letter reason.
        case rejected(stage: String, reason: String)
    }

    let ingester = Ingester()
    let parser = ArticleParser()
    let enricher: Enricher
    let codec = EventCodec()

    public init() throws {
        enricher = try Enricher()
    }

    /// The input's bytes, with an optional `content-type:` first line taken as the message header so
    /// the fuzzer can vary declared charsets and formats.
    public static func raw(_ bytes: [UInt8]) -> RawArticle {
        let prefix = Array("content-type:".utf8)
        guard bytes.starts(with: prefix), let newline = bytes.firstIndex(of: 0x0A), newline < 200 else {
            return RawArticle(bytes: bytes)
        }
        let header = String(decoding: bytes[prefix.count..<newline], as: UTF8.self)
        return RawArticle(bytes: Array(bytes[(newline + 1)...]), contentType: header)
    }

    /// Throws what a stage throws other than RejectedInput (an event the codec cannot read back, say).
    public func run(_ bytes: [UInt8]) throws -> Outcome {
        let ingested: ArticleIngested
        do {
            ingested = try codec.decode(ArticleIngested.self, from: codec.encode(ingester.ingest(Self.raw(bytes))))
        } catch let rejected as RejectedInput {
            return .rejected(stage: "ingest", reason: rejected.reason)
        }
        let parsed: ArticleParsed
        do {
            parsed = try codec.decode(ArticleParsed.self, from: codec.encode(parser.parse(ingested)))
        } catch let rejected as RejectedInput {
            return .rejected(stage: "parse", reason: rejected.reason)
        }
        do {
            _ = try codec.encode(enricher.enrich(parsed))
        } catch let rejected as RejectedInput {
            return .rejected(stage: "enrich", reason: rejected.reason)
        }
        return .enriched
    }
}
