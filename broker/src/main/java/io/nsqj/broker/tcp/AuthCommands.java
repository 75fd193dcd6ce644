package io.nsqj.broker.tcp;

import io.nsqj.broker.auth.AuthState;
import io.nsqj.broker.core.OwnerLoop;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.Frames;
import io.nsqj.protocol.GoStrings;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static io.nsqj.protocol.ErrorCodes.*;

/**
 * AUTH and nsqd's CheckAuth: the auth servers are asked off the event loop, and commands that arrive meanwhile
 * wait unparsed until the answer is in. On the connection's loop.
 */
final class AuthCommands {
    private static final System.Logger LOG = System.getLogger(AuthCommands.class.getName());

    private final ProtocolV2 protocol;
    private final ClientConnection client;
    private final ProtocolLimits limits;
    private final NegotiableFeatures features;
    private final OwnerLoop clientLoop;
    /** AUTH's secret, sent again when the grants expire. */
    private String authSecret;
    /** Fetching expired grants again failed: the command that waited for them fails with E_AUTH_FAILED. */
    private boolean authRefreshFailed;

    AuthCommands(ProtocolV2 protocol) {
        this.protocol = protocol;
        this.client = protocol.client;
        this.limits = protocol.limits;
        this.features = protocol.features;
        this.clientLoop = protocol.clientLoop;
    }

    int auth(byte[][] params, int bodyStart) throws ClientError {
        if (protocol.state != ProtocolV2.STATE_INIT) {
            throw ClientError.fatal(E_INVALID, "cannot AUTH in current state");
        }
        if (params.length != 1) {
            throw ClientError.fatal(E_INVALID, "AUTH invalid number of parameters");
        }
        Integer len = protocol.bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len > limits.maxBodySize()) {
            throw ClientError.fatal(E_BAD_BODY, "AUTH body too big " + len + " > " + limits.maxBodySize());
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_BODY, "AUTH invalid body size " + len);
        }
        if (!protocol.bodyArrived(bodyStart, len)) {
            return -1;
        }
        if (client.hasAuthorizations()) {
            throw ClientError.fatal(E_INVALID, "AUTH already set");
        }
        if (!features.auth().enabled()) {
            throw ClientError.fatal("E_AUTH_DISABLED", "AUTH disabled");
        }
        authSecret = ProtocolV2.str(protocol.pending.getBytes(bodyStart + 4, bodyStart + 4 + len));
        ClientConnection.Reply slot = client.pendingReply();
        askAuthServer(state -> {
            if (!state.hasAuthorizations()) {
                protocol.failed = true;
                slot.complete(Frames.error(E_UNAUTHORIZED + " AUTH no authorizations found"), true);
                return;
            }
            JsonObject answer = new JsonObject().put("identity", state.identity())
                    .put("identity_url", state.identityUrl())
                    .put("permission_count", state.authorizations().size());
            slot.complete(Frames.response(answer.encode().getBytes(StandardCharsets.UTF_8)), false);
        }, () -> {
            // what went wrong with the auth server is logged, not told to an untrusted client
            protocol.failed = true;
            slot.complete(Frames.error(E_AUTH_FAILED + " AUTH failed"), true);
        });
        return 4 + len;
    }

    /**
     * Asks the auth servers off the event loop; commands parsed after this wait until the answer is in, then
     * parsing goes on where it stopped, with the grants (or the failure) known.
     */
    private void askAuthServer(Consumer<AuthState> answered, Runnable failedToAsk) {
        protocol.awaitingAuth = true;
        StreamUpgrades upgrades = client.upgrades();
        features.auth().query(client.remoteIp(), upgrades.tls(), upgrades.peerCommonName(), authSecret)
                .whenComplete((state, error) -> clientLoop.run(() -> {
                    protocol.awaitingAuth = false;
                    if (error == null) {
                        client.authState = state;
                        answered.accept(state);
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "PROTOCOL(V2): [" + client + "] AUTH failed "
                                + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
                        failedToAsk.run();
                    }
                    client.drainReplies();
                    if (!protocol.failed) {
                        protocol.parsePending();
                    }
                }));
    }

    /**
     * nsqd's CheckAuth. Returns false when the grants expired and are being fetched again: the command is
     * then parsed again once they are in, as if its bytes had just arrived.
     */
    boolean authorized(String command, String topicName, String channelName) throws ClientError {
        if (!features.auth().enabled()) {
            return true;
        }
        if (!client.hasAuthorizations()) {
            throw ClientError.fatal(E_AUTH_FIRST, "AUTH required before " + command);
        }
        if (authRefreshFailed) {
            throw ClientError.fatal(E_AUTH_FAILED, "AUTH failed");
        }
        AuthState state = client.authState;
        if (state.isExpired()) {
            askAuthServer(fresh -> { }, () -> authRefreshFailed = true);
            return false;
        }
        if (!state.isAllowed(topicName, channelName)) {
            throw ClientError.fatal(E_UNAUTHORIZED, "AUTH failed for " + command + " on "
                    + GoStrings.quote(topicName) + " " + GoStrings.quote(channelName));
        }
        return true;
    }
}
