import Foundation
import Testing

@testable import RelaisCore

/// A NUL in any string a caller sends is a field error (`StoredText`), and `subject.url` is
/// an absolute http(s) URI as RFC 3986 writes it (`WebURI`).
@Suite("Stored text and web URIs")
struct StoredTextTests {
    static let stringFields = [
        "surface", "details", "category", "reporter.id", "reporter.country", "reporter.locale", "reporter.ageBracket",
        "subject.kind", "subject.id", "subject.url", "subject.authorId", "subject.text",
        "subject.language", "subject.createdAt",
    ]

    @Test("a NUL in any string field of a report is refused, each field named", arguments: stringFields)
    func nulInAReport(field: String) {
        let body = ReportDraftTests.body(setting: field, to: #""x\u0000y""#)
        let result = ReportDraft.validate(body)
        #expect(result.errorFields == [field])
        #expect(result.fieldErrors.first?.message == StoredText.nulRefusal)
    }

    @Test("every NUL is reported in one answer")
    func everyNULAtOnce() {
        var json = Fixture.json(ReportDraftTests.validBody) as! [String: Any]
        json["details"] = "a\u{0}"
        var subject = json["subject"] as! [String: Any]
        subject["id"] = "c-1\u{0}alice"
        subject["text"] = "\u{0}"
        json["subject"] = subject
        #expect(Set(ReportDraft.validate(json).errorFields) == ["details", "subject.id", "subject.text"])
    }

    @Test("a NUL in a decision's texts is refused")
    func nulInADecision() {
        let body: [String: Any] = [
            "restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "3.2\u{0}", "explanation": "Insults\u{0}",
            "facts": "A comment.", "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": ["FR"],
            "noteForReporter": "\u{0}", "internalNote": "x\u{0}",
        ]
        guard case .failure(let failure) = Decision.validate(json: body) else {
            Issue.record("a decision with NULs was accepted")
            return
        }
        #expect(Set(failure.errors.map(\.field)) == ["termsClause", "explanation", "noteForReporter", "internalNote"])
    }

    @Test("everything but NUL is storable")
    func storable() {
        #expect(StoredText.isStorable("é e\u{301} 👩🏽‍💻 \u{1}\u{7F}\u{FEFF}"))
        #expect(!StoredText.isStorable("c-1\u{0}alice"))
    }

    @Test(
        "absolute http(s) URIs pass",
        arguments: [
            "http://example.com", "https://example.com/", "HTTPS://EXAMPLE.COM/x", "https://example.com:8443/a/b?q=1&r=2#top",
            "https://user:pw@example.com/", "https://[2001:db8::1]:443/x", "https://192.0.2.1/x", "https://example.com/a%20b",
            "https://example.com/!$&'()*+,;=:@-._~", "https://example.com/?q=/path?x", "https://xn--caf-dma.example/",
        ])
    func validURIs(uri: String) {
        #expect(WebURI.isAbsoluteHTTP(uri))
        #expect(ReportDraft.validate(ReportDraftTests.body(setting: "subject.url", to: ReportDraftTests.quoted(uri))).fieldErrors == [])
    }

    @Test(
        "anything else is refused",
        arguments: [
            "https://example.com/a b", "https://exa mple.com/", "https://example.com/é", "https://café.example/",
            "https://exa<mple.com/", "https://example.com/\"x\"", "https://example.com/%zz", "https://example.com/%4",
            "https:///path", "https://:80/", "https://example.com:80x/", "https://example.com/#a#b", "https://[::1/", "https://[zz]/",
            "https://example.com/\\x", "https://a@b@example.com/", "ftp://example.com/", "mailto:a@example.com", "https:example.com",
            "//example.com/", "", "https://example.com/{x}", "https://example.com/`",
        ])
    func invalidURIs(uri: String) {
        #expect(!WebURI.isAbsoluteHTTP(uri))
    }
}
