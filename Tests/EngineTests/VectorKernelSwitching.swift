import Testing

/// The suites that flip `VectorKernels.allowed` to compare the AVX-512 kernels with the portable loops.
///
/// The switch is one process-wide variable. XCTest ran tests one at a time; Swift Testing runs them in
/// parallel, and one suite switching the kernels back on during another's "portable" run would turn that
/// comparison into vectorised-against-vectorised (or break its exact-equality checks). `.serialized`
/// keeps these suites, and the tests inside them, one at a time. Tests elsewhere that merely use the
/// kernels could still see the switch flip while one of these runs (the values agree to rounding, so only
/// a bitwise comparison of two runs would notice); scripts/test.sh runs all tests one at a time for that
/// reason, and a task-local switch in Engine would remove the need.
@Suite(.serialized) enum VectorKernelSwitching {}
