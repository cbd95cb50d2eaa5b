import Foundation

/// Where the mecab-ko-dic dictionary is: the folder holding `sys.dic`, `matrix.bin` and `dicrc`.
///
/// Looked for, in order: the `--mecab-dictionary` option of a service, `NEWSLINE_MECAB_DICTIONARY`,
/// `defaultPath` (which scripts/install-dependencies links to the installed package), then the
/// `dictionary/` folder of the `mecab_ko_dic` Python package as `python3` reports it (PyPI's
/// `python-mecab-ko-dic`, the compiled mecab-ko-dic). The first candidate given explicitly is the
/// only one tried, so a wrong setting fails loudly instead of silently using another dictionary.
public enum MorphologyDictionary {
    public static let environmentVariable = "NEWSLINE_MECAB_DICTIONARY"
    public static let defaultPath = "/usr/local/share/newsline/mecab-ko-dic"

    /// The dictionary folder to load, or `MorphologyError.dictionaryNotFound` naming every place tried.
    public static func locate(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        if let given = explicit ?? environment[environmentVariable].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard isDictionary(given) else { throw MorphologyError.dictionaryNotFound(searched: [given]) }
            return given
        }
        var searched = [defaultPath]
        if isDictionary(defaultPath) { return defaultPath }
        if let package = pythonPackageFolder() {
            searched.append(package)
            if isDictionary(package) { return package }
        } else {
            searched.append("python3 mecab_ko_dic package")
        }
        throw MorphologyError.dictionaryNotFound(searched: searched)
    }

    /// Whether `path` is a folder with a compiled MeCab system dictionary in it.
    public static func isDictionary(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/sys.dic")
            && FileManager.default.fileExists(atPath: path + "/matrix.bin")
    }

    /// Asks `python3` where the `mecab_ko_dic` package is (once, at start-up); nil when it cannot tell.
    private static func pythonPackageFolder() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import os, mecab_ko_dic; print(os.path.join(os.path.dirname(mecab_ko_dic.__file__), 'dictionary'))",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }
}
