#if NEWSLINE_FUZZING
import StagePipeline

/// Built once: the enricher loads its gazetteers and tagger model at start-up, as the service does.
nonisolated(unsafe) let pipeline: StagePipeline = {
    do {
        return try StagePipeline()
    } catch {
        fatalError("the stages cannot start: \(error)")
    }
}()

/// libFuzzer's entry point: one input through ingest, parse and enrich.
///
/// Crashes, per-input timeouts and the memory limit are what libFuzzer reports; a stage's thrown error
/// is the dead letter the service would write, so it is an expected outcome here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? pipeline.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation

/// Without `-sanitize=fuzzer` (see scripts/fuzz) there is no libFuzzer to drive the target.
@main
enum NewslineFuzz {
    static func main() {
        FileHandle.standardError.write(Data("newsline-fuzz is built and run by scripts/fuzz\n".utf8))
        exit(2)
    }
}
#endif
