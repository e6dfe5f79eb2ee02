/// A compiled program's scratch memory behind a lock.
///
/// Objective closures must be `@Sendable`, and a compiled program's
/// workspace must not be shared by concurrent callers. An optimiser calls
/// its objective from one thread, so the lock is never contended: the
/// closures stay thread-safe without allocating a workspace per call.
final class LockedWorkspace<Workspace: Sendable>: Sendable {
    private let mutex: ThreadLock<Workspace>

    init(_ workspace: Workspace) { mutex = ThreadLock(workspace) }

    /// Runs `body` with exclusive access to the workspace.
    func with<Result: Sendable>(_ body: (inout Workspace) -> Result) -> Result {
        mutex.withLock { workspace in body(&workspace) }
    }
}
