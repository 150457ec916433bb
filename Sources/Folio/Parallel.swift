import Foundation

/// Runs a build's independent pieces of work (parsing chapters, evaluating and rendering them)
/// on several threads, and hands the results back in order on the calling thread.
enum Parallel {
    /// Threads get the main thread's stack size: parsing is recursive, and hostile input nests.
    static let stackSize = 8 << 20

    /// `transform` of each item, computed on up to `jobs` threads; the results in item order.
    static func map<Item: Sendable, Output: Sendable>(_ items: [Item], jobs: Int,
                                                      _ transform: @escaping @Sendable (Item) -> Output) -> [Output] {
        var outputs: [Output] = []
        outputs.reserveCapacity(items.count)
        inOrder(count: items.count, jobs: jobs, window: items.count) { (index: Int) throws(Never) in
            transform(items[index])
        } receive: { (output: Output) throws(Never) in
            outputs.append(output)
        }
        return outputs
    }

    /// Computes `work(0)`, `work(1)`, … on up to `jobs` threads and passes each result to
    /// `receive` on this thread, in index order, as soon as it and all before it are done. No
    /// work starts more than `window` indices ahead of the last one received, so at most that
    /// many results are held. The first error, from either side, stops new work and is thrown
    /// once the work already started has finished.
    static func inOrder<Output: Sendable, Failure: Error>(
        count: Int, jobs: Int, window: Int,
        work: @escaping @Sendable (Int) throws(Failure) -> Output,
        receive: (Output) throws(Failure) -> Void
    ) throws(Failure) {
        guard count > 0 else { return }
        guard jobs > 1, count > 1 else {
            for index in 0..<count { try receive(try work(index)) }
            return
        }
        let state = State<Output, Failure>(window: max(1, window), count: count)
        let finished = DispatchGroup()
        for _ in 0..<min(jobs, count) {
            finished.enter()
            let thread = Thread {
                while let index = state.nextIndex() {
                    let result: Result<Output, Failure>
                    do throws(Failure) {
                        result = .success(try work(index))
                    } catch {
                        result = .failure(error)
                    }
                    state.finish(index, with: result)
                }
                finished.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        var failure: Failure?
        for index in 0..<count {
            switch state.take(index) {
            case .success(let output):
                do throws(Failure) {
                    try receive(output)
                } catch {
                    failure = error
                }
            case .failure(let error):
                failure = error
            }
            if failure != nil {
                state.cancel()
                break
            }
        }
        finished.wait()
        if let failure { throw failure }
    }

    /// What the workers and the receiving thread share, behind one lock.
    private final class State<Output: Sendable, Failure: Error>: @unchecked Sendable {
        private let condition = NSCondition()
        private let window: Int
        private let count: Int
        private var next = 0
        private var received = 0
        private var cancelled = false
        private var results: [Int: Result<Output, Failure>] = [:]

        init(window: Int, count: Int) {
            self.window = window
            self.count = count
        }

        /// The next index to work on, waiting while the window is full; `nil` when done.
        func nextIndex() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while !cancelled, next < count, next >= received + window { condition.wait() }
            guard !cancelled, next < count else { return nil }
            defer { next += 1 }
            return next
        }

        func finish(_ index: Int, with result: Result<Output, Failure>) {
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }

        /// The result for `index`, waiting for it.
        func take(_ index: Int) -> Result<Output, Failure> {
            condition.lock()
            defer { condition.unlock() }
            while results[index] == nil { condition.wait() }
            received = index + 1
            condition.broadcast()
            return results.removeValue(forKey: index)!
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
