package io.nsqj.protocol.http;

/**
 * The redirect nsqd and nsqlookupd answer for a path off by a trailing slash or by letter case: both use
 * httprouter v1.3.0 with RedirectTrailingSlash and RedirectFixedPath left on, and it answers 301 to GET and
 * 307 to every other method (router.go, ServeHTTP; 308 came in a later httprouter). The response is the one
 * net/http's http.Redirect writes. Both daemons use this one decision so they cannot drift apart again.
 *
 * @param contentType null when http.Redirect sets none (methods other than GET and HEAD)
 * @param body        the HTML link http.Redirect writes for GET, else empty
 */
public record RouterRedirect(int status, String location, String contentType, String body) {
    private static final String HTML = "text/html; charset=utf-8";

    /** The redirect for a request no route of its method matched, or null: then it is OPTIONS, 405 or 404. */
    public static RouterRedirect find(RouteTable<?> routes, String method, String path, String rawQuery) {
        if (!routes.hasMethod(method) || method.equals("CONNECT") || path.equals("/")) {
            return null;
        }
        String target = routes.trailingSlashRedirect(method, path);
        if (target == null) {
            target = routes.fixedPath(method, path);
        }
        if (target == null) {
            return null;
        }
        String url = GoPaths.escape(target) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        boolean get = method.equals("GET");
        // only GET is 301, so the link text is always 301's
        String body = get ? "<a href=\"" + GoPaths.htmlEscape(url) + "\">Moved Permanently</a>.\n\n" : "";
        return new RouterRedirect(get ? 301 : 307, GoPaths.hexEscapeNonAscii(url),
                get || method.equals("HEAD") ? HTML : null, body);
    }
}
