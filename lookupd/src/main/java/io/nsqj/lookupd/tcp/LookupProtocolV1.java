package io.nsqj.lookupd.tcp;

import io.nsqj.lookupd.registry.Category;
import io.nsqj.lookupd.registry.PeerInfo;
import io.nsqj.lookupd.registry.ProducerRemoval;
import io.nsqj.lookupd.registry.Registration;
import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.protocol.ClientError;
import io.nsqj.protocol.ErrorCodes;
import io.nsqj.protocol.LookupV1;
import io.nsqj.protocol.Names;

import java.util.List;
import java.util.function.Supplier;

/**
 * The commands of one V1 connection, with nsqlookupd's replies and error texts. Every error here is fatal: the
 * connection answers it and closes. Framing and byte handling are {@link LookupConnection}'s.
 *
 * <p>Thread-safety: used only from its connection's event loop.
 */
final class LookupProtocolV1 {
    private static final System.Logger LOG = System.getLogger(LookupProtocolV1.class.getName());

    private final RegistrationDB db;
    private final Supplier<ServerIdentity> server;
    private final String remoteAddress;
    private PeerInfo peer;

    LookupProtocolV1(RegistrationDB db, Supplier<ServerIdentity> server, String remoteAddress) {
        this.db = db;
        this.server = server;
        this.remoteAddress = remoteAddress;
    }

    /** Runs PING, REGISTER, UNREGISTER; anything but IDENTIFY (which needs its body, see below) is invalid. */
    byte[] execute(List<String> params) throws ClientError {
        String command = params.get(0);
        List<String> args = params.subList(1, params.size());
        return switch (command) {
            case LookupV1.PING -> ping();
            case LookupV1.REGISTER -> register(args);
            case LookupV1.UNREGISTER -> unregister(args);
            default -> throw ClientError.fatal(ErrorCodes.E_INVALID, "invalid command " + command);
        };
    }

    /** Checked before reading IDENTIFY's body: nsqlookupd refuses a second IDENTIFY without reading it. */
    void checkCanIdentify() throws ClientError {
        if (peer != null) {
            throw ClientError.fatal(ErrorCodes.E_INVALID, "cannot IDENTIFY again");
        }
    }

    byte[] identify(byte[] body) throws ClientError {
        IdentifyBody info = IdentifyBody.decode(body);
        if (!info.hasRequiredFields()) {
            throw ClientError.fatal(ErrorCodes.E_BAD_BODY, "IDENTIFY missing fields");
        }
        peer = new PeerInfo(remoteAddress, info.hostname(), info.broadcastAddress(), info.tcpPort(),
                info.httpPort(), info.version(), info.topologyZone(), info.topologyRegion(), db.nowNanos());
        LOG.log(System.Logger.Level.INFO, "CLIENT(" + remoteAddress + "): IDENTIFY Address:" + peer.broadcastAddress()
                + " TCP:" + peer.tcpPort() + " HTTP:" + peer.httpPort() + " Version:" + peer.version());
        if (db.addProducer(Registration.client(), peer)) {
            logRegistration("REGISTER", Registration.client());
        }
        return server.get().identifyResponse();
    }

    /** The connection is gone: its nsqd stops being a producer anywhere. */
    void connectionClosed() {
        if (peer != null) {
            db.removePeer(peer.id()).forEach(r -> logRegistration("UNREGISTER", r));
        }
    }

    private byte[] ping() {
        // a PING may come before IDENTIFY; then there is nobody to refresh
        if (peer != null) {
            peer.touch(db.nowNanos());
        }
        return LookupV1.OK;
    }

    private byte[] register(List<String> args) throws ClientError {
        requireIdentified();
        TopicAndChannel tc = topicAndChannel(LookupV1.REGISTER, args);
        if (!tc.channel().isEmpty()) {
            addProducer(Registration.channel(tc.topic(), tc.channel()));
        }
        addProducer(Registration.topic(tc.topic()));
        return LookupV1.OK;
    }

    private byte[] unregister(List<String> args) throws ClientError {
        requireIdentified();
        TopicAndChannel tc = topicAndChannel(LookupV1.UNREGISTER, args);
        if (!tc.channel().isEmpty()) {
            Registration channel = Registration.channel(tc.topic(), tc.channel());
            ProducerRemoval removal = removeProducer(channel);
            // an ephemeral channel goes away with its last producer
            if (removal.remaining() == 0 && Names.isEphemeral(tc.channel())) {
                db.removeRegistration(channel);
            }
        } else {
            // a topic unregistration also drops this nsqd from the topic's channels
            for (Registration channel : db.findRegistrations(Category.CHANNEL, tc.topic(), Registration.ANY)) {
                if (db.removeProducer(channel, peer.id()).removed()) {
                    LOG.log(System.Logger.Level.WARNING, "client(" + remoteAddress + ") unexpected UNREGISTER category:"
                            + "channel key:" + tc.topic() + " subkey:" + channel.subKey());
                }
            }
            Registration topic = Registration.topic(tc.topic());
            ProducerRemoval removal = removeProducer(topic);
            if (removal.remaining() == 0 && Names.isEphemeral(tc.topic())) {
                db.removeRegistration(topic);
            }
        }
        return LookupV1.OK;
    }

    private void requireIdentified() throws ClientError {
        if (peer == null) {
            throw ClientError.fatal(ErrorCodes.E_INVALID, "client must IDENTIFY");
        }
    }

    private static TopicAndChannel topicAndChannel(String command, List<String> args) throws ClientError {
        if (args.isEmpty()) {
            throw ClientError.fatal(ErrorCodes.E_INVALID, command + " insufficient number of params");
        }
        String topic = args.get(0);
        String channel = args.size() >= 2 ? args.get(1) : "";
        if (!Names.isValidTopicName(topic)) {
            throw ClientError.fatal(ErrorCodes.E_BAD_TOPIC, command + " topic name '" + topic + "' is not valid");
        }
        if (!channel.isEmpty() && !Names.isValidChannelName(channel)) {
            throw ClientError.fatal(ErrorCodes.E_BAD_CHANNEL,
                    command + " channel name '" + channel + "' is not valid");
        }
        return new TopicAndChannel(topic, channel);
    }

    private void addProducer(Registration registration) {
        if (db.addProducer(registration, peer)) {
            logRegistration("REGISTER", registration);
        }
    }

    private ProducerRemoval removeProducer(Registration registration) {
        ProducerRemoval removal = db.removeProducer(registration, peer.id());
        if (removal.removed()) {
            logRegistration("UNREGISTER", registration);
        }
        return removal;
    }

    private void logRegistration(String action, Registration r) {
        LOG.log(System.Logger.Level.INFO, "DB: client(" + remoteAddress + ") " + action + " category:"
                + r.category().wireName() + " key:" + r.key() + " subkey:" + r.subKey());
    }

    private record TopicAndChannel(String topic, String channel) {
    }
}
