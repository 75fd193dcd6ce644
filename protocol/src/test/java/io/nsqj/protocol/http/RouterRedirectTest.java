package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** httprouter v1.3.0's redirects, which nsqd and nsqlookupd 1.3 answer, written as net/http's http.Redirect. */
class RouterRedirectTest {
    private final RouteTable<String> routes = new RouteTable<>();

    RouterRedirectTest() {
        routes.add("GET", "/ping", "ping");
        routes.add("POST", "/topic/create", "create");
        routes.add("PUT", "/config/:opt", "put config");
    }

    @Test
    void getIsMovedPermanentlyWithAnHtmlLink() {
        RouterRedirect r = RouterRedirect.find(routes, "GET", "/ping/", "a=1&b=<2>");
        assertEquals(301, r.status());
        assertEquals("/ping?a=1&b=<2>", r.location());
        assertEquals("text/html; charset=utf-8", r.contentType());
        assertEquals("<a href=\"/ping?a=1&amp;b=&lt;2&gt;\">Moved Permanently</a>.\n\n", r.body());
    }

    @Test
    void everyOtherMethodIsTemporaryRedirectWithoutBody() {
        RouterRedirect post = RouterRedirect.find(routes, "POST", "/TOPIC/Create/", "topic=t");
        assertEquals(307, post.status());
        assertEquals("/topic/create?topic=t", post.location());
        assertNull(post.contentType());
        assertEquals("", post.body());
        assertEquals(307, RouterRedirect.find(routes, "PUT", "/config/x/", null).status());
    }

    @Test
    void noRedirectForTheRootUnknownPathsOrMethodsWithoutRoutes() {
        assertNull(RouterRedirect.find(routes, "GET", "/", null));
        assertNull(RouterRedirect.find(routes, "GET", "/nothing/", null));
        assertNull(RouterRedirect.find(routes, "DELETE", "/ping/", null));
        assertNull(RouterRedirect.find(routes, "GET", "/topic/create/", null), "another method's path is 405");
    }
}
