#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// OpenBLAS, loaded at run time with the kernel set chosen for this CPU, or absent.
///
/// Why dlopen instead of linking: OpenBLAS reads `OPENBLAS_CORETYPE` once, when the library loads, and
/// Debian's 0.3.21 misdetects AVX-512 Xeons that hide their model name as "Prescott" (SSE3, ~4× slower).
/// Loading it ourselves lets the engine set the variable first, so users never need to know; and a
/// machine without OpenBLAS still runs, on the pure-Swift GEMM.
public final class BLASLibrary: @unchecked Sendable {
    typealias SgemmFunction = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float,
        UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
        UnsafeMutablePointer<Float>?, Int32
    ) -> Void
    typealias SgemvFunction = @convention(c) (
        Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void
    typealias StringFunction = @convention(c) () -> UnsafePointer<CChar>?
    typealias SetThreadsFunction = @convention(c) (Int32) -> Void
    typealias GetThreadsFunction = @convention(c) () -> Int32

    let sgemm: SgemmFunction
    let sgemv: SgemvFunction?
    private let corenameFunction: StringFunction?
    private let configFunction: StringFunction?
    private let setThreadsFunction: SetThreadsFunction?
    private let getThreadsFunction: GetThreadsFunction?
    /// The file that was loaded.
    public let path: String
    /// The kernel set OpenBLAS chose (e.g. "SkylakeX").
    public var coreName: String { corenameFunction?().map { String(cString: $0) } ?? "unknown" }
    /// OpenBLAS's build configuration string.
    public var configuration: String { configFunction?().map { String(cString: $0) } ?? "unknown" }
    /// The kernel set the engine asked for before loading, if it asked (nil when the user set it).
    public let requestedCoreType: String?

    /// The process-wide library, or nil when OpenBLAS is missing or `UNLEARN_BLAS=swift` forces the fallback.
    public static let shared: BLASLibrary? = load()

    private init(handle: UnsafeMutableRawPointer, path: String, requested: String?, sgemm: SgemmFunction) {
        self.path = path
        self.sgemm = sgemm
        self.requestedCoreType = requested
        func symbol<T>(_ name: String, _ type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        sgemv = symbol("cblas_sgemv", SgemvFunction.self)
        corenameFunction = symbol("openblas_get_corename", StringFunction.self)
        configFunction = symbol("openblas_get_config", StringFunction.self)
        setThreadsFunction = symbol("openblas_set_num_threads", SetThreadsFunction.self)
        getThreadsFunction = symbol("openblas_get_num_threads", GetThreadsFunction.self)
    }

    /// Threads OpenBLAS uses for one call.
    public var threadCount: Int {
        get { Int(getThreadsFunction?() ?? 1) }
        set { setThreadsFunction?(Int32(max(1, newValue))) }
    }

    private static func load() -> BLASLibrary? {
        let environment = ProcessInfo.processInfo.environment
        if environment["UNLEARN_BLAS"]?.lowercased() == "swift" { return nil }
        var requested: String? = nil
        if environment["OPENBLAS_CORETYPE"] == nil, let coreType = CPUFeatures.current.bestOpenBLASCoreType {
            setenv("OPENBLAS_CORETYPE", coreType, 1)
            requested = coreType
        }
        let candidates = [
            "libopenblas.so.0", "libopenblas.so",
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
        ]
        for path in candidates {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let sgemm = dlsym(handle, "cblas_sgemm") else { continue }
            return BLASLibrary(handle: handle, path: path, requested: requested,
                               sgemm: unsafeBitCast(sgemm, to: SgemmFunction.self))
        }
        FileHandle.standardError.write(Data(("warning: OpenBLAS not found; using the portable Swift GEMM, about 10x slower "
            + "(Debian/Ubuntu: apt-get install libopenblas0-pthread)\n").utf8))
        return nil
    }
}

/// Instruction-set facts read from the CPU, used to pick kernels.
public struct CPUFeatures: Sendable {
    /// Feature flags as the kernel reports them (`avx512f`, `avx2`, `fma`, …).
    public let flags: Set<String>

    /// Features of the CPU this process runs on (empty when they cannot be read).
    public static let current: CPUFeatures = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return CPUFeatures(flags: []) }
        return CPUFeatures(flags: Set(line[line.index(after: colon)...].split(separator: " ").map(String.init)))
    }()

    /// The OpenBLAS kernel set to request: the fastest this CPU supports, nil when detection can be trusted.
    public var bestOpenBLASCoreType: String? {
        if flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl") { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }
}
