package io.nsqj.tools.tohttp;

import io.nsqj.protocol.GoStrings;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a message's body to one address as nsq_to_http does: {@code -post} puts it in a POST's body with
 * {@code -content-type} and wants a 2xx; {@code -get} puts it, query-escaped, where the address says
 * {@code %s} and wants a 200. Anything else is an {@link IOException}, so the message is requeued.
 * Thread-safe: the HTTP client is shared by every handler thread.
 */
final class HttpPublisher {
    private static final String USER_AGENT = "nsq_to_http v" + NsqToHttp.VERSION;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final boolean post;
    private final String contentType;
    private final Map<String, String> headers;

    private HttpPublisher(HttpClient client, Duration requestTimeout, boolean post, String contentType,
                          Map<String, String> headers) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.post = post;
        this.contentType = contentType;
        this.headers = headers;
    }

    static HttpPublisher post(HttpClient client, Duration requestTimeout, String contentType, Map<String, String> headers) {
        return new HttpPublisher(client, requestTimeout, true, contentType, headers);
    }

    static HttpPublisher get(HttpClient client, Duration requestTimeout, Map<String, String> headers) {
        return new HttpPublisher(client, requestTimeout, false, null, headers);
    }

    void publish(String address, byte[] body) throws IOException, InterruptedException {
        int status;
        try {
            status = client.send(request(address, body), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IllegalArgumentException e) {
            // an address or header Java refuses fails like an unreachable address: requeued, logged
            throw new IOException(e.getMessage(), e);
        } catch (ConnectException e) {
            // the JDK's client gives no message: say what failed, as Go's error does
            throw new IOException((post ? "Post " : "Get ") + GoStrings.quote(address) + ": "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()), e);
        }
        if (post ? status < 200 || status >= 300 : status != 200) {
            throw new IOException("got status code " + status);
        }
    }

    private HttpRequest request(String address, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(requestTimeout).header("User-Agent", USER_AGENT);
        if (post) {
            request.uri(URI.create(address)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.uri(URI.create(address.replace("%s", queryEscape(body)))).GET();
        }
        headers.forEach(request::setHeader);
        return request.build();
    }

    /** Go's url.QueryEscape, byte by byte: letters, digits and {@code -_.~} stay, a space is +. */
    static String queryEscape(byte[] body) {
        StringBuilder s = new StringBuilder(body.length * 3);
        for (byte b : body) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                s.append((char) c);
            } else if (c == ' ') {
                s.append('+');
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return s.toString();
    }
}
