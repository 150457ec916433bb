import Foundation
import PackagePlugin

/// Embeds files into a target at build time, so they exist once in the repository:
/// FolioEvaluate gets the runtime's sources (`RuntimeSource`, compiled into each book's cache),
/// FolioRender its stylesheet (`StylesheetSource`, from `Sources/FolioRender/Stylesheet/folio.css`).
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let files: [URL]
        let name: String
        switch target.name {
        case "FolioEvaluate":
            guard let runtime = try context.package.targets(named: ["FolioRuntime"]).first as? SourceModuleTarget else { return [] }
            files = runtime.sourceFiles(withSuffix: "swift").map(\.url)
            name = "RuntimeSource"
        case "FolioRender":
            // A folder the target excludes from its sources, so SwiftPM leaves the CSS to us.
            let folder = context.package.directoryURL.appendingPathComponent("Sources/FolioRender/Stylesheet")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files = names.filter { $0.hasSuffix(".css") }.map { folder.appendingPathComponent($0) }
            name = "StylesheetSource"
        default:
            return []
        }
        let inputs = files.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(name).swift")
        return [.buildCommand(displayName: "Embedding \(inputs.count) files as \(name)",
                              executable: try context.tool(named: "FolioEmbed").url,
                              arguments: [output.path, name] + inputs.map(\.path),
                              inputFiles: inputs, outputFiles: [output])]
    }
}
