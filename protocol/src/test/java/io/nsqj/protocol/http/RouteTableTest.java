package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {
    private final RouteTable<String> routes = new RouteTable<>();

    RouteTableTest() {
        routes.add("PUT", "/config/:opt", "put config");
        routes.add("GET", "/ping", "ping");
        routes.add("GET", "/config/:opt", "get config");
        routes.add("GET", "/debug/pprof/", "pprof");
        routes.add("POST", "/topic/create", "create");
    }

    @Test
    void findsExactPathsAndNamedParameters() {
        assertEquals("ping", routes.find("GET", "/ping").route().handler());
        RouteTable.Match<String> config = routes.find("PUT", "/config/log_level");
        assertEquals("put config", config.route().handler());
        assertEquals("/config/:opt", config.route().pattern());
        assertEquals(Map.of("opt", "log_level"), config.params());
        assertNull(routes.find("GET", "/config/"), "a parameter is never empty");
        assertNull(routes.find("GET", "/Ping"));
        assertNull(routes.find("DELETE", "/ping"));
        assertTrue(routes.hasMethod("POST"));
        assertFalse(routes.hasMethod("DELETE"));
    }

    @Test
    void redirectsByTrailingSlashEitherWay() {
        assertEquals("/ping", routes.trailingSlashRedirect("GET", "/ping/"));
        assertEquals("/debug/pprof/", routes.trailingSlashRedirect("GET", "/debug/pprof"));
        assertNull(routes.trailingSlashRedirect("GET", "/nothing/"));
    }

    @Test
    void fixedPathIsTheCleanedPathMatchedIgnoringCase() {
        assertEquals("/topic/create", routes.fixedPath("POST", "/TOPIC/Create"));
        assertEquals("/topic/create", routes.fixedPath("POST", "//topic/./x/../create/"));
        assertEquals("/debug/pprof/", routes.fixedPath("GET", "/DEBUG/pprof"));
        assertEquals("/config/MaxSize", routes.fixedPath("GET", "/CONFIG/MaxSize"), "parameters keep their case");
        assertNull(routes.fixedPath("POST", "/topic/created"));
        assertNull(routes.fixedPath("DELETE", "/ping"));
    }

    @Test
    void allowHeaderListsTheOtherMethodsAndOptionsSorted() {
        assertEquals("GET, OPTIONS, PUT", routes.allowHeader("/config/x", "POST"));
        assertEquals("GET, OPTIONS", routes.allowHeader("/config/x", "PUT"));
        assertEquals("OPTIONS, POST", routes.allowHeader("/topic/create", "GET"));
        assertNull(routes.allowHeader("/nowhere", "GET"));
    }
}
