package io.nsqj.broker.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DefaultNodeIdTest {
    /** Expected values are crc32(md5(hostname)) % 1024, computed outside Java (Python's zlib and hashlib). */
    @Test
    void isNsqdsCrc32OfTheMd5OfTheHostname() {
        assertEquals(16, DefaultNodeId.forHostname("localhost"));
        assertEquals(937, DefaultNodeId.forHostname("broker-1"));
        assertEquals(561, DefaultNodeId.forHostname("nsqd-0.nsqd.default.svc"));
        assertEquals(812, DefaultNodeId.forHostname(""));
    }
}
