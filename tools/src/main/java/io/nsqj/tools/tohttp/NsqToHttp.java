package io.nsqj.tools.tohttp;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.tools.cli.ConsumerFlags;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StopSignal;
import io.nsqj.tools.cli.ToolExit;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NSQ's nsq_to_http: consumes a topic's channel and sends every message to HTTP addresses ({@code -get} or
 * {@code -post}); a message is FINed when the destination took it and requeued when it did not, so nsqd's
 * attempts are the retries. SIGINT or SIGTERM stops consuming and waits for what is in flight.
 */
public final class NsqToHttp {
    static final String VERSION = "1.3.0";
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private NsqToHttp() {
    }

    static FlagSet flags() {
        FlagSet flags = new FlagSet("nsq_to_http")
                .bool("version", false, "print version string")
                .string("topic", "", "nsq topic")
                .string("channel", "nsq_to_http", "nsq channel")
                .integer("n", 100, "number of concurrent publishers")
                .string("mode", "hostpool", "the upstream request mode options: round-robin, hostpool (default), epsilon-greedy")
                .decimal("sample", 1.0, "% of messages to publish (float b/w 0 -> 1)")
                .duration("http-client-connect-timeout", Duration.ofSeconds(2), "timeout for HTTP connect")
                .duration("http-client-request-timeout", Duration.ofSeconds(20), "timeout for HTTP request")
                .integer("status-every", 250, "the # of requests between logging status (per handler), 0 disables")
                .string("content-type", DEFAULT_CONTENT_TYPE, "the Content-Type used for POST requests")
                .strings("post", "HTTP address to make a POST request to.  data will be in the body (may be given multiple times)")
                .strings("header", "Custom header for HTTP requests (may be given multiple times)")
                .strings("get", "HTTP address to make a GET request to. '%s' will be printf replaced with data (may be given multiple times)");
        ConsumerFlags.define(flags, 200);
        return flags;
    }

    public static void run(String[] args) throws InterruptedException {
        FlagSet flags = flags().parse(args);
        if (flags.getBool("version")) {
            System.out.println("nsq_to_http v" + VERSION);
            return;
        }
        Map<String, String> headers = parseHeaders(flags.getStrings("header"));
        String topic = flags.getString("topic");
        String channel = flags.getString("channel");
        if (topic.isEmpty() || channel.isEmpty()) {
            throw ToolExit.fatal("--topic and --channel are required");
        }
        List<String> posts = flags.getStrings("post");
        List<String> gets = flags.getStrings("get");
        String contentType = flags.getString("content-type");
        if (!contentType.equals(DEFAULT_CONTENT_TYPE)) {
            if (posts.isEmpty()) {
                throw ToolExit.fatal("--content-type only used with --post");
            }
            if (contentType.isEmpty()) {
                throw ToolExit.fatal("--content-type requires a value when used");
            }
        }
        ConsumerFlags.check(flags);
        if (gets.isEmpty() && posts.isEmpty()) {
            throw ToolExit.fatal("--get or --post required");
        }
        if (!gets.isEmpty() && !posts.isEmpty()) {
            throw ToolExit.fatal("use --get or --post not both");
        }
        for (String get : gets) {
            if (get.split("%s", -1).length != 2) {
                throw ToolExit.fatal("invalid GET address - must be a printf string");
            }
        }
        double sample = flags.getDouble("sample");
        if (sample > 1.0 || sample < 0.0) {
            throw ToolExit.fatal("ERROR: --sample must be between 0.0 and 1.0");
        }

        StopSignal stop = StopSignal.install();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(flags.getDuration("http-client-connect-timeout")).build();
        Duration requestTimeout = flags.getDuration("http-client-request-timeout");
        HttpPublisher publisher = posts.isEmpty()
                ? HttpPublisher.get(http, requestTimeout, headers)
                : HttpPublisher.post(http, requestTimeout, contentType, headers);
        PublishHandler handler = new PublishHandler(publisher, posts.isEmpty() ? gets : posts,
                PublishHandler.Mode.of(flags.getString("mode")), sample, flags.getInt("status-every"));
        // as NSQ's, the tool's own -max-in-flight and user agent win over -consumer-opt
        ClientConfig config = ConsumerFlags.config(flags)
                .maxInFlight(flags.getInt("max-in-flight"))
                .concurrency(Math.max(1, flags.getInt("n")))
                .userAgent("nsq_to_http/" + VERSION + " nsqj-client/" + ClientConfig.VERSION)
                .build();
        Consumer consumer;
        try {
            consumer = new Consumer(topic, channel, handler, config);
        } catch (IllegalArgumentException e) {
            throw ToolExit.fatal(e.getMessage());
        }
        try {
            ConsumerFlags.connect(consumer, flags);
            stop.await();
        } finally {
            consumer.stop();
        }
    }

    /** NSQ's {@code key:value} headers, both sides trimmed and neither empty; its error message says '='. */
    static Map<String, String> parseHeaders(List<String> values) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String v : values) {
            int colon = v.indexOf(':');
            String key = colon < 0 ? "" : v.substring(0, colon).trim();
            String value = colon < 0 ? "" : v.substring(colon + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                throw ToolExit.fatal("--header value format should be 'key=value'");
            }
            headers.put(key, value);
        }
        return headers;
    }
}
