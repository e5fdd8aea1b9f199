package io.keras4j.datasets;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

/** A local HTTP server on 127.0.0.1 serving fixed files under {@code /datasets/}. */
final class FileServer implements AutoCloseable {
    private final HttpServer server;

    FileServer(Map<String, byte[]> files) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/datasets/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/datasets/".length());
            byte[] body = files.get(name);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** The base URL to which file names are appended. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
