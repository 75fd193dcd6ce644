package io.nsqj.broker.auth;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One grant of an auth server's answer: a topic pattern, channel patterns and permissions. Patterns match
 * anywhere in the name (Go's MatchString), so a grant meant for a whole name anchors itself with ^ and $.
 */
record Authorization(Pattern topic, List<Pattern> channels, Set<String> permissions) {

    /** nsqd's rule: a channel means SUB, which needs "subscribe"; no channel means a publish. */
    boolean isAllowed(String topicName, String channelName) {
        String needed = channelName.isEmpty() ? "publish" : "subscribe";
        if (!permissions.contains(needed) || !topic.matcher(topicName).find()) {
            return false;
        }
        // a publish has the empty channel: a grant with a channel pattern matching "" (".*") allows it
        for (Pattern c : channels) {
            if (c.matcher(channelName).find()) {
                return true;
            }
        }
        return false;
    }
}
