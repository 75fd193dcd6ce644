package io.nsqj.broker.http;

import io.nsqj.broker.auth.AuthServers;
import io.nsqj.broker.auth.AuthState;
import io.nsqj.broker.security.PeerCommonName;
import io.nsqj.protocol.GoAddresses;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.QueryParams;
import io.vertx.core.http.HttpServerRequest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code --http-auth-required}: /pub and /mpub need a secret whose grants, asked of the auth servers as TCP's AUTH
 * asks them, allow publishing on the topic. nsqd has no such check; its HTTP port publishes for anyone who reaches
 * it. Grants are kept for their ttl so that a publishing loop does not ask the auth server per message.
 */
final class PublishAuth {
    private static final System.Logger LOG = System.getLogger(PublishAuth.class.getName());
    /** Past this many cached grants, the expired ones are dropped on the next miss. */
    private static final int PRUNE_ABOVE = 10_000;
    private static final String BEARER = "Bearer ";

    private final AuthServers servers;
    private final ConcurrentMap<Asker, CompletableFuture<AuthState>> grants = new ConcurrentHashMap<>();

    /** What the auth server is told, so a grant is reused only for the same question. */
    private record Asker(String secret, String remoteIp, boolean tls, String commonName) {
    }

    PublishAuth(AuthServers servers) {
        if (!servers.enabled()) {
            throw new IllegalArgumentException("--http-auth-required needs --auth-http-address");
        }
        this.servers = servers;
    }

    /**
     * Empty when the request may publish, else the answer that refuses it: 401 AUTH_REQUIRED without a secret,
     * 403 UNAUTHORIZED when the grants do not cover the topic, 503 AUTH_FAILED when no auth server gave grants
     * (unreachable, or refusing the secret: TCP's AUTH answers E_AUTH_FAILED to both). Completes off the event
     * loop, on the auth client's threads, whenever the auth server is asked.
     */
    CompletableFuture<Optional<ApiError>> check(HttpServerRequest request, QueryParams query) {
        String secret = secret(request, query);
        if (secret.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(new ApiError(401, "AUTH_REQUIRED")));
        }
        boolean tls = request.isSSL();
        String remoteIp = request.remoteAddress() == null ? "" : GoAddresses.host(request.remoteAddress());
        Asker asker = new Asker(secret, remoteIp, tls, tls ? PeerCommonName.of(request.sslSession()) : "");
        String topic = query.first("topic") == null ? "" : query.first("topic");
        return grantsFor(asker).handle((state, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "HTTP publish auth failed - " + error.getMessage());
                return Optional.of(new ApiError(503, "AUTH_FAILED"));
            }
            return state.isAllowed(topic, "") ? Optional.empty() : Optional.of(new ApiError(403, "UNAUTHORIZED"));
        });
    }

    /** The Authorization header's bearer token, else the secret query parameter; empty when neither. */
    private static String secret(HttpServerRequest request, QueryParams query) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).trim();
        }
        String param = query.first("secret");
        return param == null ? "" : param;
    }

    private CompletableFuture<AuthState> grantsFor(Asker asker) {
        CompletableFuture<AuthState> cached = grants.get(asker);
        if (cached != null && !(cached.isDone() && !cached.isCompletedExceptionally() && cached.join().isExpired())) {
            return cached;
        }
        if (grants.size() > PRUNE_ABOVE) {
            grants.values().removeIf(f -> f.isDone() && !f.isCompletedExceptionally() && f.join().isExpired());
        }
        CompletableFuture<AuthState> fresh = servers.query(asker.remoteIp(), asker.tls(), asker.commonName(),
                asker.secret());
        grants.put(asker, fresh);
        // a failure is not an answer: the next request asks again
        fresh.whenComplete((state, error) -> {
            if (error != null) {
                grants.remove(asker, fresh);
            }
        });
        return fresh;
    }
}
