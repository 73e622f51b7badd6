import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens files as read-only memory maps wrapped in `Data`, so multi-hundred-MB checkpoints are
/// paged in lazily instead of being copied into the heap.
enum MappedFile {
    /// Maps `url` read-only; the mapping is released when the last `Data` copy goes away.
    static func map(_ url: URL) throws -> Data {
        let path = url.path
        let name = url.lastPathComponent
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CheckpointError.io(name, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CheckpointError.io(name, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw CheckpointError.io(name, "\(path) is not a regular file")
        }
        let size = Int(status.st_size)
        // mmap rejects zero-length mappings; an empty file is simply empty data.
        if size == 0 { return Data() }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != MAP_FAILED
        else {
            throw CheckpointError.io(name, "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, length in
            munmap(pointer, length)
        })
    }
}
