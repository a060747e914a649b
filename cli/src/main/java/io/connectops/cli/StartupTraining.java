package io.connectops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run once by the launcher after a build, with {@code -XX:ArchiveClassesAtExit}: goes through what a
 * one-shot command does (parse options, read and render the examples, one bulk read over HTTP, plan,
 * print) so the class-data-sharing archive holds those classes, pre-parsed and pre-verified, for
 * every later run. The "cluster" is a loopback socket answering every request like an empty Connect.
 * Kept small on purpose: every class archived costs a little at each start, used or not.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path examples = Path.of(System.getProperty("connectops.home", "."), "examples");
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answer(server), "training-connect");
            answering.setDaemon(true);
            answering.start();
            String url = "http://127.0.0.1:" + server.getLocalPort();
            PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            // The plan reads only the Connect examples (the top-level files; --connect-url points their cluster at the socket
            // above): examples/kafka names a broker on 127.0.0.1:9092, and a training run must not talk to whatever listens
            // there on the user's machine.
            java.util.List<String> plan = new java.util.ArrayList<>(java.util.List.of("plan"));
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(examples)) {
                files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> plan.addAll(java.util.List.of("-f", f.toString())));
            }
            plan.addAll(java.util.List.of("--connect-url", url));
            // As a real run builds them: only the named command (so the archive holds no other command's classes).
            for (String[] command : new String[][] {{"validate", "-f", examples.toString()}, plan.toArray(String[]::new)}) {
                Main.commandLineFor(sink, sink, Map.of(), new io.connectops.secrets.Redactor(), command).execute(command);
            }
        }
    }

    /** Every request gets {@code {}}: no connectors. */
    private static void answer(ServerSocket server) {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                .getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int end = 0;
                while (end < 4) { // read up to the blank line after the headers
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    end = (b == '\r' || b == '\n') ? end + 1 : 0;
                }
                socket.getOutputStream().write(answer);
            } catch (IOException e) {
                return;
            }
        }
    }
}
