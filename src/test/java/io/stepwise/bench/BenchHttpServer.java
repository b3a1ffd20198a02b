package io.stepwise.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API the {@code httptask} scenario calls: a JDK HTTP server in the benchmark's JVM on a free
 * loopback port, answering every request with a trivial JSON document, and counting the requests so
 * the report can say every execution made exactly one call.
 */
final class BenchHttpServer implements AutoCloseable {

    private static final byte[] REPLY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();

    private BenchHttpServer(HttpServer server) {
        this.server = server;
    }

    static BenchHttpServer start() throws IOException {
        // The JDK server keeps at most 200 idle keep-alive connections and closes the rest; a client with
        // more connections then reuses ones the server has just closed, and POSTs fail ("header parser
        // received no bytes": 547 of 20,000 calls at 256 at once). Stepwise opens at most
        // stepwise.http.max-concurrent-requests (128) unless a run raises it; this keeps such runs honest.
        // Read once, when the server class loads: set before the first HttpServer.create.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "8192");
        // a deep accept backlog: every worker slot may open its own keep-alive connection at once
        var server = new BenchHttpServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096));
        server.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, REPLY.length);
                exchange.getResponseBody().write(REPLY);
                server.requests.incrementAndGet();
            }
        });
        server.server.start();
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/orders";
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
