import Foundation
import Synchronization

/// What the last render left for the browser: nothing when it succeeded, else the lines of its
/// diagnostics (`file:line:col: error: message`), which served pages show in a banner.
public final class PreviewState: Sendable {
    /// A snapshot of the state: `generation` grows whenever the banner changes, so cached pages
    /// and ETags made under an older banner are not reused.
    public struct Snapshot: Sendable, Equatable {
        public var problems: [String]
        public var generation: Int
        public var changedAt: Date
    }

    private let current: Mutex<Snapshot>

    public init() {
        current = Mutex(Snapshot(problems: [], generation: 0, changedAt: Date(timeIntervalSince1970: 0)))
    }

    public var snapshot: Snapshot { current.withLock { $0 } }

    /// Records a render's problems; empty after a render without errors.
    public func update(problems: [String]) {
        current.withLock { state in
            guard state.problems != problems else { return }
            state = Snapshot(problems: problems, generation: state.generation + 1, changedAt: Date())
        }
    }
}
