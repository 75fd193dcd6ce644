package io.nsqj.broker.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;

/**
 * nsqd's default --node-id (NewOptions): crc32 of the MD5 digest of the hostname, modulo 1024. Computed as nsqd
 * computes it, so a broker replacing an nsqd on the same host keeps its node id and so its message id space.
 */
public final class DefaultNodeId {
    private DefaultNodeId() {
    }

    public static long forHostname(String hostname) {
        CRC32 crc = new CRC32();
        crc.update(md5(hostname.getBytes(StandardCharsets.UTF_8)));
        return crc.getValue() % 1024;
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
