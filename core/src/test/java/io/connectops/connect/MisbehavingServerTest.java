package io.connectops.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * A Connect server is not trusted to answer promptly or briefly: real sockets that drip, flood or never
 * answer, and the client's bounds against them.
 */
class MisbehavingServerTest {
    /** A server on loopback whose every connection is handled by {@code behaviour}; records each request line. */
    static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requestLines = new CopyOnWriteArrayList<>();

        RawServer(Consumer<Socket> behaviour) throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        Thread t = new Thread(() -> {
                            try (s) {
                                requestLines.add(readHead(s.getInputStream()));
                                behaviour.accept(s);
                            } catch (IOException e) {
                                // the client went away
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int newlines = 0;
            while (newlines < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
                newlines = (b == '\r' || b == '\n') ? newlines + 1 : 0;
            }
            return head.toString().lines().findFirst().orElse("");
        }
    }

    static void write(Socket socket, String text) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ConnectClient client(List<URI> urls, Duration request) {
        return new ConnectClient(new ConnectEndpoint("test", urls, null, null, Duration.ofSeconds(2), request), RetryPolicy.NONE);
    }

    @Test
    void aServerThatDripsItsAnswerIsCutOffAtTheDeadlineOfTheWholeExchange() throws Exception {
        try (RawServer dripping = new RawServer(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
            for (int i = 0; i < 120; i++) {
                write(s, " ");
                sleepQuietly(500); // well inside any per-read timeout: only a deadline on the whole answer stops it
            }
        })) {
            ConnectClient client = client(List.of(dripping.url()), Duration.ofSeconds(2));
            ConnectApiException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(ConnectApiException.class, client::connectorNames));
            assertTrue(e.getMessage().contains("no complete answer") && e.getMessage().contains("within 2 s"), e.getMessage());
        }
    }

    @Test
    void aHugeAnswerIsRefusedWithoutBeingRead() throws Exception {
        long huge = ConnectClient.MAX_ANSWER_BYTES + (8L << 20);
        try (RawServer flooding = new RawServer(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + huge + "\r\n\r\n[");
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (long sent = 1; sent < huge; sent += chunk.length) {
                    s.getOutputStream().write(chunk);
                }
            } catch (IOException e) {
                // refused by the client: as it should be
            }
        })) {
            ConnectClient client = client(List.of(flooding.url()), Duration.ofSeconds(30));
            ConnectApiException e = assertThrows(ConnectApiException.class, client::connectorNames);
            assertTrue(e.getMessage().contains("is larger than 64 MiB: refused"), e.getMessage());
        }
    }

    @Test
    void aWriteThatMayHaveReachedAWorkerIsNeverSentToAnotherOne() throws Exception {
        try (RawServer silent = new RawServer(s -> sleepQuietly(5_000));
             RawServer healthy = new RawServer(s -> write(s, "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                     + "Content-Length: 2\r\n\r\n{}"))) {
            ConnectClient client = client(List.of(silent.url(), healthy.url()), Duration.ofSeconds(1));
            ConnectApiException e = assertThrows(ConnectApiException.class, () -> client.create("once", Map.of("connector.class", "X"), null));
            assertTrue(e.getMessage().contains("no complete answer"), e.getMessage());
            assertEquals(List.of("POST /connectors HTTP/1.1"), silent.requestLines);
            assertEquals(List.of(), healthy.requestLines, "the create went to one worker only");
            // A read may go on to the next worker.
            assertEquals(List.of(), client.connectorNames());
            assertEquals(List.of("GET /connectors HTTP/1.1"), healthy.requestLines);
        }
    }

    @Test
    void aWriteGoesToTheNextWorkerWhenTheFirstCannotBeReached() throws Exception {
        ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        URI refused = URI.create("http://127.0.0.1:" + closed.getLocalPort());
        closed.close();
        try (RawServer healthy = new RawServer(s -> write(s, "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}"))) {
            client(List.of(refused, healthy.url()), Duration.ofSeconds(2)).create("c", Map.of("connector.class", "X"), null);
            assertEquals(List.of("POST /connectors HTTP/1.1"), healthy.requestLines);
        }
    }

    @Test
    void aClientThatMayNoLongerWriteSendsNoWriteButStillReads() throws Exception {
        try (RawServer healthy = new RawServer(s -> write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n[]"))) {
            java.util.concurrent.atomic.AtomicBoolean leading = new java.util.concurrent.atomic.AtomicBoolean(true);
            ConnectClient client = new ConnectClient(new ConnectEndpoint("test", List.of(healthy.url()), null, null, Duration.ofSeconds(2),
                    Duration.ofSeconds(2)), RetryPolicy.NONE, ConnectClient.CallObserver.NONE, leading::get);
            client.pause("a");
            leading.set(false); // leadership lost in the middle of an apply
            ConnectApiException e = assertThrows(ConnectApiException.class, () -> client.resume("a"));
            assertTrue(e.getMessage().contains("no longer the leader"), e.getMessage());
            assertEquals(List.of(), client.connectorNames());
            assertEquals(List.of("PUT /connectors/a/pause HTTP/1.1", "GET /connectors HTTP/1.1"), healthy.requestLines);
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
