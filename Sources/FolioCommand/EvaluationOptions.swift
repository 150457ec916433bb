import ArgumentParser
import Folio
import Foundation

/// Options shared by the commands that run chapters' code.
struct EvaluationOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds a chapter's program may run before it is stopped.")
    var timeout: Double = 30

    @Option(name: .customLong("warn-type-check"),
            help: "Warn at expressions that take longer than this many milliseconds to type-check (0: never).")
    var slowTypeCheck = 200

    @Flag(name: .long, help: "Say for each chapter why its code was evaluated or its results reused.")
    var explain = false

    @Option(name: [.short, .long], help: "How many chapters to evaluate at once (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard slowTypeCheck >= 0 else { throw ValidationError("--warn-type-check must be 0 or more") }
        guard jobs ?? 1 >= 1 else { throw ValidationError("--jobs must be 1 or more") }
    }

    func request(chapters: [String], output: String) -> RenderRequest {
        RenderRequest(chapters: chapters, outputDirectory: output, timeout: timeout,
                      slowTypeCheckMilliseconds: slowTypeCheck == 0 ? nil : slowTypeCheck,
                      jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
