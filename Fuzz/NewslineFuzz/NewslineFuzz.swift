#if NEWSLINE_FUZZING
import StagePipeline

/// Built once: the enricher loads its gazetteers and tagger model at start-up, as the service does.
let pipeline: StagePipeline = {
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
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? pipeline.run(bytes)
    return 0
}

/// libFuzzer's driver (FuzzerDriver.cpp), declared here to spare a C module for one function.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's entry point. SwiftPM links an executable's `main` to `<module>_main`, so libFuzzer's
/// own `main` is never used; this one hands the arguments to libFuzzer's driver instead.
@_cdecl("NewslineFuzz_main")
public func newslineFuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
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
