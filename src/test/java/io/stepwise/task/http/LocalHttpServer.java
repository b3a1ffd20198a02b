package io.stepwise.task.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a free local port, for the HTTP task's tests: routes by path, records what it received. */
final class LocalHttpServer implements AutoCloseable {

    /** What one request carried. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    @FunctionalInterface
    interface Route {
        void answer(Received request, HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    LocalHttpServer route(String path, Route route) {
        server.createContext(path, exchange -> {
            try {
                var uri = exchange.getRequestURI();
                var request = new Received(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(request);
                counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                route.answer(request, exchange);
            } catch (Exception e) {
                try {
                    exchange.sendResponseHeaders(599, -1);
                } catch (IOException alreadySent) {
                    // the route failed after answering; the client sees what it sent
                }
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    int count(String path) {
        AtomicInteger count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
