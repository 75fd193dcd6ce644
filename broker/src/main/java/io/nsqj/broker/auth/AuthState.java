package io.nsqj.broker.auth;

import java.util.List;

/** What an auth server granted one secret, and until when (its ttl) nsqd may rely on it without asking again. */
public record AuthState(String identity, String identityUrl, List<Authorization> authorizations,
                        long expiresAtMillis) {

    public boolean hasAuthorizations() {
        return !authorizations.isEmpty();
    }

    public boolean isExpired() {
        return System.currentTimeMillis() >= expiresAtMillis;
    }

    /** SUB names a channel; PUB, MPUB and DPUB pass an empty one. */
    public boolean isAllowed(String topic, String channel) {
        for (Authorization a : authorizations) {
            if (a.isAllowed(topic, channel)) {
                return true;
            }
        }
        return false;
    }
}
