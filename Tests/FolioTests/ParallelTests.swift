import Foundation
import Synchronization
import Testing
@testable import Folio

/// The worker pool behind parallel builds: results come back in order, no more than the window
/// is held, and the first error stops the work.
@Suite struct ParallelTests {
    @Test func resultsComeBackInOrderWhateverOrderTheyFinishIn() {
        let squares = Parallel.map(Array(0..<50), jobs: 4) { value -> Int in
            // Later items finish first.
            usleep(useconds_t((50 - value) * 200))
            return value * value
        }
        #expect(squares == (0..<50).map { $0 * $0 })
    }

    @Test func noMoreThanTheWindowIsStartedAheadOfWhatWasReceived() {
        let progress = Mutex((received: 0, furthestAhead: 0))
        var received: [Int] = []
        Parallel.inOrder(count: 40, jobs: 4, window: 6) { (index: Int) throws(Never) -> Int in
            progress.withLock { $0.furthestAhead = max($0.furthestAhead, index - $0.received) }
            usleep(1_000)
            return index
        } receive: { (index: Int) throws(Never) in
            // A slow receiver: the workers must wait for it rather than run ahead.
            usleep(3_000)
            received.append(index)
            progress.withLock { $0.received = index + 1 }
        }
        #expect(received == Array(0..<40))
        #expect(progress.withLock { $0.furthestAhead } <= 6)  // the window, plus the one being received
        #expect(progress.withLock { $0.furthestAhead } >= 3)
    }

    struct Stop: Error, Equatable { let index: Int }

    @Test func theFirstErrorStopsNewWorkAndIsThrown() {
        let started = Mutex(0)
        var received: [Int] = []
        #expect(throws: Stop(index: 3)) {
            try Parallel.inOrder(count: 1000, jobs: 3, window: 4) { (index: Int) throws(Stop) -> Int in
                started.withLock { $0 += 1 }
                if index == 3 { throw Stop(index: 3) }
                return index
            } receive: { (index: Int) throws(Stop) in
                received.append(index)
            }
        }
        #expect(received == [0, 1, 2])
        // Nothing starts more than the window past what was received, so most of the work never ran.
        #expect(started.withLock { $0 } < 20)
    }
}
