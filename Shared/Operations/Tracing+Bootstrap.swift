import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Sets up distributed tracing for a service process: always an OpenTelemetry tracer, so trace
/// context is continued from message headers to message headers; spans leave the process only when
/// an OTLP endpoint is configured (HTTP/protobuf, `OTEL_EXPORTER_OTLP_ENDPOINT` or the flag).
public enum ServiceTracing {
    /// Bootstraps the process-wide tracer once and returns the service that exports spans (and
    /// flushes them at shutdown); run it in the service group.
    ///
    /// Other `OTEL_*` variables (sampler, headers, timeouts) apply as the OpenTelemetry
    /// specification says.
    public static func bootstrap(serviceName: String, otlpEndpoint: String?, logger: Logger) throws -> any Service {
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        configuration.diagnosticLogger = .custom(logger)
        configuration.diagnosticLogLevel = .warning
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        if let otlpEndpoint {
            configuration.traces.exporter = .otlp
            configuration.traces.otlpExporter.endpoint = otlpEndpoint
        } else {
            configuration.traces.exporter = .none
        }
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// Adds the current span's `trace_id` and `span_id` to every log line.
    public static let loggingMetadataProvider: Logger.MetadataProvider = OTel.makeLoggingMetadataProvider()
}
