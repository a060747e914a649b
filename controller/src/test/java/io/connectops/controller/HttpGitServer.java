package io.connectops.controller;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real Git smart-HTTP server (protocol v0, fetch only) on the JDK's HTTP server, with JGit's
 * UploadPack behind it and HTTP Basic authentication: the other side of GitSource's token path.
 */
final class HttpGitServer implements AutoCloseable {
    private final HttpServer server;

    HttpGitServer(Path repositories, String user, String token) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                serve(repositories, exchange);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void serve(Path repositories, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.replaceFirst("^/", "").replaceFirst("/(info/refs|git-upload-pack)$", "");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repositories.resolve(name).resolve(".git").toFile())
                .setMustExist(true).build()) {
            if (path.endsWith("/info/refs")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                PacketLineOut pkt = new PacketLineOut(body);
                pkt.writeString("# service=git-upload-pack\n");
                pkt.end();
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                upload.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pkt));
                respond(exchange, "application/x-git-upload-pack-advertisement", body.toByteArray());
            } else if (path.endsWith("/git-upload-pack")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                // JGit gzips the request body and says so.
                try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new java.util.zip.GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                    upload.upload(in, body, null);
                }
                respond(exchange, "application/x-git-upload-pack-result", body.toByteArray());
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
