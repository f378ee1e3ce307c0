import Foundation
import HTTPTypes
import Hummingbird

/// The one check that a form POST comes from Relais's own pages, for the report sheet and
/// the console alike (with their SameSite cookies and form tokens, the CSRF defence).
///
/// Refused: a browser saying the request is cross-site (`Sec-Fetch-Site: cross-site`), or an
/// `Origin` whose host and port differ from the request's own authority (or from
/// `X-Forwarded-Host` behind a proxy). Without `Origin` (older browsers, curl) the request
/// passes: the form token still has to match. The sheet's own form, even inside a
/// third-party iframe, has Relais's origin.
enum OriginCheck {
    static func isSameOrigin(_ request: Request) -> Bool {
        if request.headers[.secFetchSite] == "cross-site" { return false }
        guard let origin = request.headers[.origin] else { return true }
        guard let originHost = URL(string: origin)?.host else { return false }
        let authority = request.headers[values: HTTPField.Name("X-Forwarded-Host")!].first ?? request.head.authority ?? ""
        let originAuthority = URL(string: origin).map { url in url.port.map { "\(originHost):\($0)" } ?? originHost } ?? ""
        return authority.lowercased() == originAuthority.lowercased()
            || authority.split(separator: ":").first.map(String.init)?.lowercased() == originAuthority.lowercased()
    }
}
