package io.nsqj.lookupd.http;

import java.util.ArrayDeque;
import java.util.Deque;

/** httprouter's CleanPath: resolves ".", ".." and repeated slashes, keeping a trailing slash. */
final class PathCleaner {
    private PathCleaner() {
    }

    static String clean(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(segment);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append('/').append(part);
        }
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        if (out.length() == 0 || trailing) {
            out.append('/');
        }
        return out.toString();
    }
}
