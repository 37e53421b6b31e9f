package dev.hark.serve.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.serve.sink.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless firefox-esr driven over WebDriver BiDi (the W3C protocol Firefox speaks itself on
 * {@code --remote-debugging-port}), with Java's own WebSocket client: no geckodriver. Just what the dashboard's
 * Firefox test needs: open a page, evaluate a script, set the viewport, take a screenshot.
 */
final class FirefoxBidi implements AutoCloseable {
    private final Path profile;
    private final Process firefox;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final String context;
    private int nextId = 1;

    FirefoxBidi(Path profile) throws Exception {
        this.profile = profile;
        Files.createDirectories(profile);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        firefox = new ProcessBuilder("firefox-esr", "--headless", "--no-remote", "--profile", profile.toString(),
                "--remote-debugging-port", String.valueOf(port), "about:blank").redirectErrorStream(true).start();
        try {
            String url = awaitListening(firefox, 60);
            StringBuilder partial = new StringBuilder();
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url + "/session"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                try {
                                    replies.add(Json.MAPPER.readTree(partial.toString()));
                                } catch (IOException e) {
                                    throw new IllegalStateException("not JSON from Firefox: " + partial, e);
                                }
                                partial.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            ObjectNode caps = Json.object();
            caps.putObject("capabilities");
            call("session.new", caps);
            context = call("browsingContext.getTree", Json.object()).path("contexts").path(0).path("context").asText();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Reads Firefox's output until it says where WebDriver BiDi listens; keeps draining it afterwards. */
    private static String awaitListening(Process p, int seconds) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int at = line.indexOf("WebDriver BiDi listening on ");
                    if (at >= 0) {
                        url.complete(line.substring(at + "WebDriver BiDi listening on ".length()).strip());
                    }
                }
                url.completeExceptionally(new IOException("firefox-esr ended without opening WebDriver BiDi"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "firefox-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(seconds, TimeUnit.SECONDS);
    }

    /** Sends a command and waits for its reply; an error reply is an AssertionError naming it. */
    synchronized JsonNode call(String method, ObjectNode params) throws Exception {
        int id = nextId++;
        ObjectNode m = Json.object();
        m.put("id", id);
        m.put("method", method);
        m.set("params", params);
        socket.sendText(Json.write(m), true).get(30, TimeUnit.SECONDS);
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode r = replies.poll(1, TimeUnit.SECONDS);
            if (r == null || r.path("id").asInt(-1) != id) {
                continue; // an event, or nothing yet
            }
            if (!"success".equals(r.path("type").asText())) {
                throw new AssertionError(method + ": " + r);
            }
            return r.path("result");
        }
        throw new AssertionError("no reply from Firefox to " + method);
    }

    void navigate(String url) throws Exception {
        ObjectNode p = Json.object();
        p.put("context", context);
        p.put("url", url);
        p.put("wait", "complete");
        call("browsingContext.navigate", p);
    }

    void viewport(int width, int height) throws Exception {
        ObjectNode p = Json.object();
        p.put("context", context);
        ObjectNode v = p.putObject("viewport");
        v.put("width", width);
        v.put("height", height);
        call("browsingContext.setViewport", p);
    }

    /** The value of a JavaScript expression in the page (numbers, strings, booleans; null otherwise). */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode p = Json.object();
        p.put("expression", expression);
        p.putObject("target").put("context", context);
        p.put("awaitPromise", false);
        JsonNode r = call("script.evaluate", p);
        if (!"success".equals(r.path("type").asText())) {
            throw new AssertionError("the script failed: " + expression + ": " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the viewport. */
    byte[] screenshot() throws Exception {
        ObjectNode p = Json.object();
        p.put("context", context);
        return Base64.getDecoder().decode(call("browsingContext.captureScreenshot", p).path("data").asText());
    }

    /** Ends the session, stops Firefox and deletes its profile; idempotent. */
    @Override
    public void close() {
        try {
            if (socket != null && !socket.isOutputClosed()) {
                call("session.end", Json.object());
            }
        } catch (Exception | AssertionError e) {
            // Firefox is stopped below either way
        }
        if (socket != null) {
            socket.abort();
        }
        firefox.destroy();
        try {
            if (!firefox.waitFor(10, TimeUnit.SECONDS)) {
                firefox.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: JUnit cleans what is left
        }
    }
}
