/// The "Figure 3:" or "表 3：" that opens a numbered caption, one rule for figures and tables
/// alike: the name and number stand out, and the colon is there only when a caption follows.
enum CaptionNumber {
    static func write(_ name: String, _ number: String, class className: String, captioned: Bool, vocabulary: Vocabulary,
                      into writer: inout HTMLWriter) {
        writer.element("span", ["class": className], text: "\(name) \(number)" + (captioned ? vocabulary.captionColon : ""))
        if captioned { writer.text(vocabulary.captionGap) }
    }
}
