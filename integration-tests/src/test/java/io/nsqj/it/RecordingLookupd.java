package io.nsqj.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for nsqlookupd that records every command a broker sends over protocol V1 and answers as
 * nsqlookupd does ([size][data]: OK, or its identity JSON for IDENTIFY). Connections can be cut to watch
 * the broker reconnect.
 */
final class RecordingLookupd implements AutoCloseable {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> identifyBodies = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    RecordingLookupd() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "recording-lookupd");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int connectionCount() {
        return connections.size();
    }

    /** Cuts every open connection, as a lookupd restart would. */
    void dropConnections() throws IOException {
        for (Socket s : connections) {
            s.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "recording-lookupd-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] magic = new byte[4];
            in.readFully(magic);
            commands.add("MAGIC " + new String(magic, StandardCharsets.US_ASCII).trim());
            while (true) {
                String line = readLine(in);
                commands.add(line);
                byte[] answer = "OK".getBytes(StandardCharsets.US_ASCII);
                if (line.equals("IDENTIFY")) {
                    byte[] body = new byte[in.readInt()];
                    in.readFully(body);
                    identifyBodies.add(new String(body, StandardCharsets.UTF_8));
                    answer = "{\"tcp_port\":4160,\"http_port\":4161,\"version\":\"1.3.0\",\"broadcast_address\":\"127.0.0.1\",\"hostname\":\"test\"}"
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.writeInt(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            connections.remove(s);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
