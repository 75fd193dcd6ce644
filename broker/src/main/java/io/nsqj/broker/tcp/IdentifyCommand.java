package io.nsqj.broker.tcp;

import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.Frames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

import static io.nsqj.protocol.ErrorCodes.*;

/**
 * IDENTIFY: the client's settings checked as nsqd checks them, the features both sides agree on, and the
 * stream upgrades (TLS, snappy, deflate) in nsqd's order once the answer is out. On the connection's loop.
 */
final class IdentifyCommand {
    private static final System.Logger LOG = System.getLogger(IdentifyCommand.class.getName());
    /** nsqd's deflate level when the client names none; its answer caps it by --max-deflate-level. */
    private static final int DEFAULT_DEFLATE_LEVEL = 6;

    private final ProtocolV2 protocol;
    private final ClientConnection client;
    private final ProtocolLimits limits;
    private final NegotiableFeatures features;
    private final String version;

    IdentifyCommand(ProtocolV2 protocol, String version) {
        this.protocol = protocol;
        this.client = protocol.client;
        this.limits = protocol.limits;
        this.features = protocol.features;
        this.version = version;
    }

    int identify(int bodyStart) throws ClientError {
        if (protocol.state != ProtocolV2.STATE_INIT) {
            throw ClientError.fatal(E_INVALID, "cannot IDENTIFY in current state");
        }
        Integer len = protocol.bodyLength(bodyStart);
        if (len == null) {
            return -1;
        }
        if (len > limits.maxBodySize()) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY body too big " + len + " > " + limits.maxBodySize());
        }
        if (len <= 0) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY invalid body size " + len);
        }
        if (!protocol.bodyArrived(bodyStart, len)) {
            return -1;
        }
        Buffer body = protocol.pending.getBuffer(bodyStart + 4, bodyStart + 4 + len);
        IdentifyRequest request;
        try {
            request = IdentifyRequest.parse(new JsonObject(body));
        } catch (RuntimeException e) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY failed to decode JSON body");
        }
        String invalid = applyIdentify(request);
        if (invalid != null) {
            throw ClientError.fatal(E_BAD_BODY, "IDENTIFY " + invalid);
        }
        if (!request.featureNegotiation()) {
            client.reply(Frames.response(Frames.OK));
        } else {
            boolean tls = features.tls().enabled() && request.tlsV1();
            boolean deflate = features.deflate() && request.deflate();
            boolean snappy = features.snappy() && request.snappy();
            int deflateLevel = deflate && request.deflateLevel() > 0 ? request.deflateLevel() : DEFAULT_DEFLATE_LEVEL;
            deflateLevel = Math.min(deflateLevel, limits.maxDeflateLevel());
            if (deflate && snappy) {
                throw ClientError.fatal(E_IDENTIFY_FAILED, "cannot enable both deflate and snappy compression");
            }
            JsonObject response = new JsonObject()
                    .put("max_rdy_count", limits.maxRdyCount())
                    .put("version", version)
                    .put("max_msg_timeout", limits.maxMsgTimeoutMillis())
                    .put("msg_timeout", client.msgTimeoutMillis)
                    .put("tls_v1", tls)
                    .put("deflate", deflate)
                    .put("deflate_level", deflateLevel)
                    .put("max_deflate_level", limits.maxDeflateLevel())
                    .put("snappy", snappy)
                    .put("sample_rate", client.sampleRate)
                    .put("auth_required", features.auth().enabled())
                    .put("output_buffer_size", client.outputBufferSize)
                    .put("output_buffer_timeout", client.outputBufferTimeoutMillis)
                    .put("topology_region", "")
                    .put("topology_zone", "");
            int level = deflateLevel;
            Runnable upgrade = tls || snappy || deflate ? () -> upgrade(tls, snappy, deflate, level) : null;
            client.reply(Frames.response(response.encode().getBytes(StandardCharsets.UTF_8)), upgrade);
        }
        client.startHeartbeats();
        return 4 + len;
    }

    /**
     * nsqd's order once IDENTIFY's answer is out: TLS, then snappy or deflate, each followed by an OK that
     * already travels the upgraded stream, so the client can check each step.
     */
    private void upgrade(boolean tls, boolean snappy, boolean deflate, int deflateLevel) {
        StreamUpgrades upgrades = client.upgrades();
        if (tls) {
            LOG.log(System.Logger.Level.INFO, "PROTOCOL(V2): [" + client + "] upgrading connection to TLS");
            upgrades.startTls(features.tls());
            client.write(Frames.response(Frames.OK));
        }
        if (snappy) {
            LOG.log(System.Logger.Level.INFO, "PROTOCOL(V2): [" + client + "] upgrading connection to snappy");
            upgrades.startSnappy();
            client.write(Frames.response(Frames.OK));
        }
        if (deflate) {
            LOG.log(System.Logger.Level.INFO, "PROTOCOL(V2): [" + client + "] upgrading connection to deflate (level "
                    + deflateLevel + ")");
            upgrades.startDeflate(deflateLevel);
            client.write(Frames.response(Frames.OK));
        }
    }

    /** Applies IDENTIFY's settings as nsqd validates them; returns nsqd's complaint or null. */
    private String applyIdentify(IdentifyRequest r) {
        client.clientId = r.clientId();
        client.hostname = r.hostname();
        client.userAgent = r.userAgent();
        client.topologyRegion = r.topologyRegion();
        client.topologyZone = r.topologyZone();
        int hb = r.heartbeatInterval();
        if (hb == -1) {
            client.heartbeatMillis = 0;
        } else if (hb != 0) {
            if (hb < 1000 || hb > limits.maxHeartbeatMillis()) {
                return "heartbeat interval (" + hb + ") is invalid";
            }
            client.heartbeatMillis = hb;
        }
        int obt = r.outputBufferTimeout();
        if (obt == -1) {
            client.outputBufferTimeoutMillis = 0;
        } else if (obt != 0) {
            if (obt < limits.minOutputBufferTimeoutMillis() || obt > limits.maxOutputBufferTimeoutMillis()) {
                return "output buffer timeout (" + obt + ") is invalid";
            }
            client.outputBufferTimeoutMillis = obt;
        }
        int obs = r.outputBufferSize();
        if (obs == -1) {
            client.outputBufferSize = 1;
            client.outputBufferTimeoutMillis = 0;
        } else if (obs != 0) {
            if (obs < 64 || obs > limits.maxOutputBufferSize()) {
                return "output buffer size (" + obs + ") is invalid";
            }
            client.outputBufferSize = obs;
        }
        int sample = r.sampleRate();
        if (sample < 0 || sample > 99) {
            return "sample rate (" + sample + ") is invalid";
        }
        client.sampleRate = sample;
        int mt = r.msgTimeout();
        if (mt != 0) {
            if (mt < 1000 || mt > limits.maxMsgTimeoutMillis()) {
                return "msg timeout (" + mt + ") is invalid";
            }
            client.msgTimeoutMillis = mt;
        }
        return null;
    }
}
