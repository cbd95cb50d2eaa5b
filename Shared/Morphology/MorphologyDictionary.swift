import Foundation

/// Where the mecab-ko-dic dictionary is: the folder holding `sys.dic`, `matrix.bin` and `dicrc`.
///
/// Looked for, in order: the `--mecab-dictionary` option of a service, `NEWSLINE_MECAB_DICTIONARY`,
/// `defaultPath` (which scripts/install-dependencies links to the installed package), then the
/// `dictionary/` folder of the `mecab_ko_dic` Python package (PyPI's `python-mecab-ko-dic`, the
/// compiled mecab-ko-dic) in the usual pip install places. The first candidate given explicitly is the
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
        if isDictionary(defaultPath) { return defaultPath }
        if let package = pythonPackageFolders().first(where: isDictionary) { return package }
        throw MorphologyError.dictionaryNotFound(
            searched: [defaultPath, "mecab_ko_dic/dictionary in the python3 site-packages folders"])
    }

    /// Whether `path` is a folder with a compiled MeCab system dictionary in it.
    public static func isDictionary(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/sys.dic")
            && FileManager.default.fileExists(atPath: path + "/matrix.bin")
    }

    /// The `mecab_ko_dic/dictionary` folders of pip's usual install places (system, user and pyenv
    /// site-packages), read from the file system rather than by running `python3`: start-up spawns no
    /// process (Foundation's `Process` beside other threads corrupted the heap).
    static func pythonPackageFolders(home: String = NSHomeDirectory()) -> [String] {
        let manager = FileManager.default
        func children(_ folder: String) -> [String] {
            ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
        }
        var libraries = ["/usr/lib", "/usr/local/lib", home + "/.local/lib"]
        libraries += children(home + "/.pyenv/versions").map { $0 + "/lib" }
        var result: [String] = []
        for library in libraries {
            for python in children(library) where python.split(separator: "/").last?.hasPrefix("python3") == true {
                for packages in ["dist-packages", "site-packages"] {
                    result.append(python + "/" + packages + "/mecab_ko_dic/dictionary")
                }
            }
        }
        result.append("/usr/lib/python3/dist-packages/mecab_ko_dic/dictionary")
        return result
    }
}
