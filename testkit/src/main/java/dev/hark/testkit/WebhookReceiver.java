package dev.hark.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on a loopback port: records every request (only records; the tests assert afterwards),
 * answers the first {@code failFirst} with {@code failCode}, and can hang (for a bounded time), go down and come back
 * on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Request(String body, Map<String, List<String>> headers, int answered) {
    }

    private final int port;
    private final List<Request> requests = new ArrayList<>();
    public final AtomicInteger failFirst = new AtomicInteger();
    public volatile int failCode = 503;
    public volatile long hangMillis;
    private HttpServer server;

    public WebhookReceiver() throws IOException {
        this(0);
    }

    private WebhookReceiver(int port) throws IOException {
        this.server = open(port);
        this.port = server.getAddress().getPort();
    }

    private HttpServer open(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
        s.createContext("/hook", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (hangMillis > 0) {
                try {
                    Thread.sleep(hangMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = failFirst.getAndDecrement() > 0 ? failCode : 204;
            synchronized (requests) {
                requests.add(new Request(new String(body, StandardCharsets.UTF_8), Map.copyOf(ex.getRequestHeaders()),
                        code));
                requests.notifyAll();
            }
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-receiver");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hook");
    }

    /** Stops listening (connections are refused). */
    public void down() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void up() throws IOException {
        server = open(port);
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The bodies answered with a 2xx, in order. */
    public List<String> accepted() {
        return requests().stream().filter(r -> r.answered() / 100 == 2).map(Request::body).toList();
    }

    /** Waits until {@code n} requests were answered 2xx, or the timeout. */
    public List<String> awaitAccepted(int n, long timeoutMillis) throws InterruptedException {
        long until = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (requests) {
            while (accepted().size() < n && System.nanoTime() < until) {
                requests.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        }
        return accepted();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
