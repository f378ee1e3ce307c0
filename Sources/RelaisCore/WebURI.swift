/// An absolute `http` or `https` URI as RFC 3986 writes it (the `format: uri` that
/// `openapi.yaml` promises for `subject.url`): `scheme "://" authority path [?query] [#fragment]`,
/// a host that is not empty, and only the characters a URI may hold, other bytes
/// percent-encoded (`%20`, never a raw space or a raw non-ASCII letter).
///
/// Checked by hand, not with `URL(string:)`: Foundation's parser percent-encodes what it does
/// not accept, so it takes `https://example.com/a b` and `https://exa<mple.com` for URLs.
public enum WebURI {
    public static func isAbsoluteHTTP(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: ascii(":")) else { return false }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https" else { return false }
        let start = colon + 1
        guard bytes.count >= start + 2, bytes[start] == ascii("/"), bytes[start + 1] == ascii("/") else { return false }
        let authorityStart = start + 2
        let authorityEnd = bytes[authorityStart...].firstIndex { $0 == ascii("/") || $0 == ascii("?") || $0 == ascii("#") } ?? bytes.endIndex
        guard isAuthority(bytes[authorityStart..<authorityEnd]) else { return false }
        // path-abempty, then query and fragment: pchar, "/" and "?", one "#".
        var index = authorityEnd
        var inFragment = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ascii("%") {
                guard isPercentEncoded(bytes, at: index) else { return false }
                index += 3
                continue
            }
            if byte == ascii("#") {
                guard !inFragment else { return false }
                inFragment = true
            } else if !(isPathCharacter(byte) || byte == ascii("/") || byte == ascii("?")) {
                return false
            }
            index += 1
        }
        return true
    }

    /// `[userinfo "@"] host [":" port]`, the host not empty.
    static func isAuthority(_ bytes: ArraySlice<UInt8>) -> Bool {
        var hostPort = bytes
        if let at = bytes.firstIndex(of: ascii("@")) {
            guard isRun(bytes[bytes.startIndex..<at], extra: [ascii(":")]) else { return false }
            hostPort = bytes[(at + 1)...]
        }
        let portStart: ArraySlice<UInt8>.Index
        if hostPort.first == ascii("[") {
            // IP-literal: an IPv6 address (hex digits, ':' and '.') in brackets.
            guard let close = hostPort.firstIndex(of: ascii("]")) else { return false }
            let inside = hostPort[(hostPort.startIndex + 1)..<close]
            guard inside.count >= 2, inside.contains(ascii(":")),
                inside.allSatisfy({ isHexDigit($0) || $0 == ascii(":") || $0 == ascii(".") })
            else { return false }
            portStart = close + 1
        } else {
            let colon = hostPort.firstIndex(of: ascii(":")) ?? hostPort.endIndex
            let host = hostPort[hostPort.startIndex..<colon]
            guard !host.isEmpty, isRun(host, extra: []) else { return false }
            portStart = colon
        }
        let rest = hostPort[portStart...]
        guard let first = rest.first else { return true }
        return first == ascii(":") && rest.dropFirst().allSatisfy { $0 >= ascii("0") && $0 <= ascii("9") }
    }

    /// unreserved / pct-encoded / sub-delims, and the `extra` characters.
    private static func isRun(_ bytes: ArraySlice<UInt8>, extra: [UInt8]) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ascii("%") {
                guard index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelimiter(byte) || extra.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    private static func isPercentEncoded(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
    }

    /// pchar without pct-encoded: unreserved / sub-delims / ":" / "@".
    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelimiter(byte) || byte == ascii(":") || byte == ascii("@")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= ascii("a") && byte <= ascii("z")) || (byte >= ascii("A") && byte <= ascii("Z")) || (byte >= ascii("0") && byte <= ascii("9"))
            || byte == ascii("-") || byte == ascii(".") || byte == ascii("_") || byte == ascii("~")
    }

    private static func isSubDelimiter(_ byte: UInt8) -> Bool { "!$&'()*+,;=".utf8.contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= ascii("0") && byte <= ascii("9")) || (byte >= ascii("a") && byte <= ascii("f")) || (byte >= ascii("A") && byte <= ascii("F"))
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
}
