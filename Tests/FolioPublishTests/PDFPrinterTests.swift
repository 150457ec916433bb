import Foundation
import Testing
@testable import FolioPublish

@Suite struct PDFPrinterTests {
    @Test func aMissingChromiumIsAnErrorNamingWhereItLooked() {
        #expect(throws: PDFError.chromiumNotFound(variable: "CHROMIUM", searched: ["/nowhere/chromium"])) {
            try PDFPrinter.find(environment: ["CHROMIUM": "/nowhere/chromium", "PATH": "/usr/bin"])
        }
        #expect(throws: PDFError.chromiumNotFound(variable: "CHROMIUM", searched: PDFPrinter.programNames.map { "/nowhere/\($0)" })) {
            try PDFPrinter.find(environment: ["PATH": "/nowhere"])
        }
        let message = PDFError.chromiumNotFound(variable: "CHROMIUM", searched: ["/nowhere/chromium"]).description
        #expect(message.contains("/nowhere/chromium") && message.contains("CHROMIUM"))
    }

    @Test func theDatesChromiumStampsAreSetInPlace() {
        let pdf = Array("<</Producer (Skia/PDF m156)\n/CreationDate (D:20261130180532+00'00')\n/ModDate (D:20261130180533+00'00')>>\nxref".utf8)
        let fixed = PDFDocumentDates.settingDates(of: pdf, to: Fixtures.date)
        #expect(String(decoding: fixed, as: UTF8.self)
            == "<</Producer (Skia/PDF m156)\n/CreationDate (D:20261130120000+00'00')\n/ModDate (D:20261130120000+00'00')>>\nxref")
        // Another form would move every offset after it: left alone.
        let other = Array("/CreationDate (D:20261130)".utf8)
        #expect(PDFDocumentDates.settingDates(of: other, to: Fixtures.date) == other)
    }

    /// Prints two chapters with Chromium, when it is installed: twice, for the same bytes.
    @Test(.enabled(if: (try? PDFPrinter.find()) != nil, "Chromium is not installed (apt-get install chromium)"),
          .timeLimit(.minutes(3)))
    func chromiumPrintsATaggedPDFWithAnOutlineTheSameEachTime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var book = Fixtures.book
        book.chapters = book.chapters.filter { ["introduction", "softmax"].contains($0.slug) }
        let html = try PrintEdition(paper: .a4).html(for: book)
        try Data(html.utf8).write(to: folder.appendingPathComponent("print.html"))
        try Data(Fixtures.stylesheet).write(to: folder.appendingPathComponent("assets/folio.css"))
        try Data(Fixtures.bytes("pipeline.svg")).write(to: folder.appendingPathComponent("pipeline.svg"))

        let printer = try PDFPrinter.find()
        let first = folder.appendingPathComponent("book.pdf")
        let second = folder.appendingPathComponent("again.pdf")
        try printer.print(folder.appendingPathComponent("print.html").path, to: first.path, date: Fixtures.date)
        try printer.print(folder.appendingPathComponent("print.html").path, to: second.path, date: Fixtures.date)
        let pdf = try Data(contentsOf: first)
        let again = try Data(contentsOf: second)
        let difference = zip(pdf, again).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(again == pdf, "\(pdf.count) and \(again.count) bytes, first difference at \(difference.map(String.init) ?? "the end")")
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/CreationDate (D:20261130120000+00'00')"))
        #expect(text.contains("/Outlines"))
        #expect(text.contains("/StructTreeRoot"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".book.pdf.partial").path))

        if let pdfinfo = ExternalTool.find("pdfinfo") {
            let info = try ExternalTool.run(pdfinfo, [first.path]).output
            #expect(info.contains("Tagged:          yes"), "\(info)")
            #expect(info.contains("(A4)"), "\(info)")
        }
        if let pdffonts = ExternalTool.find("pdffonts") {
            let fonts = try ExternalTool.run(pdffonts, [first.path]).output.split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty)
            // Columns: name, type, encoding, then emb: every font embedded.
            for font in fonts { #expect(font.contains(" yes "), "\(font)") }
        }
    }

    @Test func aPageThatDoesNotExistIsAnError() {
        #expect(throws: PDFError.noPage(path: "/nowhere/print.html")) {
            try PDFPrinter(executable: "/bin/true").print("/nowhere/print.html", to: "/tmp/x.pdf", date: Fixtures.date)
        }
    }
}
