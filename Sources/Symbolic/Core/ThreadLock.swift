#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a POSIX mutex: the lock of the intern table and of every
/// other shared mutable state in the library.
///
/// `Synchronization.Mutex` is built on a futex that ThreadSanitizer does not
/// see on Linux, so TSan reported the table's accesses as races although they
/// were ordered; `pthread_mutex_lock` and `pthread_mutex_unlock` are
/// intercepted by TSan, so `swift test --sanitize=thread` checks the real
/// ordering with no suppressions. The mutex lives in its own allocation
/// (never moved, as POSIX requires).
///
///     let counter = ThreadLock(0)
///     counter.withLock { $0 += 1 }
///     print(counter.withLock { $0 })   // Prints "1"
final class ThreadLock<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Creates a lock guarding `value`.
    init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed (\(status))")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// Runs `body` with exclusive access to the value if no other thread
    /// holds the lock; returns `nil` at once otherwise.
    ///
    ///     let busy = ThreadLock(0)
    ///     print(busy.withLockIfAvailable { $0 += 1; return $0 } ?? -1)   // Prints "1"
    @inline(__always)
    func withLockIfAvailable<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result? {
        guard pthread_mutex_trylock(mutex) == 0 else { return nil }
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
