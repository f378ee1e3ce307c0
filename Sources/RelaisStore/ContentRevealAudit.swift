/// What the audit log says when a moderator shows a case's blurred content in the console.
/// Written here once; each backend only runs the SQL, in the call that checks the case.
public enum ContentRevealAudit {
    public static let action = "case.content_revealed"
    static let before = AuditJSON.make(["content": "blurred"])
    static let after = AuditJSON.make(["content": "shown"])
}
