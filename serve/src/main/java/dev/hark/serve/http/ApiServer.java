package dev.hark.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.errors.BadInputException;
import dev.hark.serve.config.HttpSettings;
import dev.hark.serve.dashboard.Thumbnail;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.sink.Json;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.StoredEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The HTTP API (Javalin on Jetty 12): events, clips, status, configuration, verdicts, the live stream (SSE) and
 * its own OpenAPI description at {@value #OPENAPI_PATH}; the dashboard's static files at {@code /} and uPlot's
 * WebJar at {@code /webjars/}. With a token every API request must carry {@code Authorization: Bearer TOKEN} or
 * {@code ?access_token=TOKEN} (401 otherwise). Nothing here writes a file but through the service
 * (the tuning file and the data set, in Hark's own directories).
 */
public final class ApiServer implements AutoCloseable {
    public static final String OPENAPI_PATH = "/openapi.json";
    /** Where the dashboard's static files lie on the class path (served at {@code /}). */
    public static final String DASHBOARD_DIR = "/dev/hark/serve/dashboard/web";
    /** The query parameter that may carry the token instead of the header (a browser's EventSource and audio). */
    public static final String TOKEN_PARAMETER = "access_token";
    /** Seconds between keep-alive comments on the stream (they also find clients that went away). */
    static final long KEEP_ALIVE_MILLIS = 15_000;

    private final ServiceApi service;
    private final HttpSettings settings;
    private final List<Route> routes = new ArrayList<>();
    private final byte[] token;
    private Javalin app;
    private volatile boolean stopping;

    public ApiServer(ServiceApi service, HttpSettings settings) {
        this.service = service;
        this.settings = settings;
        this.token = settings.token() == null ? null : ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    }

    /** Starts listening; returns the port (the one chosen when the settings say 0). */
    public int start() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            cfg.staticFiles.add(sf -> { // the dashboard's page, script and style, from the jar
                sf.hostedPath = "/";
                sf.directory = DASHBOARD_DIR;
                sf.location = Location.CLASSPATH;
                sf.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            cfg.staticFiles.enableWebjars(); // uPlot, at /webjars/uplot/VERSION/...
            cfg.routes.before(this::authorize);
            cfg.routes.exception(BadInputException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
            cfg.routes.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
            get(cfg, "/api/events", this::listEvents);
            get(cfg, "/api/events/{id}", ctx -> json(ctx, Json.event(event(ctx))));
            get(cfg, "/api/events/{id}/clip", this::clip);
            get(cfg, "/api/events/{id}/spectrogram.png", this::thumbnail);
            post(cfg, "/api/events/{id}/feedback", this::feedback);
            get(cfg, "/api/status", ctx -> json(ctx, service.status()));
            get(cfg, "/api/concepts", ctx -> json(ctx, service.concepts()));
            get(cfg, "/api/config", ctx -> json(ctx, service.tuning()));
            put(cfg, "/api/config", ctx -> json(ctx, service.retune(body(ctx))));
            get(cfg, "/api/head", ctx -> json(ctx, service.head()));
            put(cfg, "/api/head", ctx -> json(ctx, service.switchHead(body(ctx).path("head").asText(""))));
            get(cfg, "/api/teach", ctx -> json(ctx, service.teaching().folder()));
            post(cfg, "/api/teach/examples", this::recordExamples);
            post(cfg, "/api/teach/background", this::recordBackground);
            post(cfg, "/api/teach/stop", ctx -> json(ctx, service.teaching().stop()));
            post(cfg, "/api/teach/train", ctx -> json(ctx, service.teaching().train()));
            get(cfg, "/api/teach/clip", this::teachClip);
            routes.add(new Route("GET", "/api/stream"));
            cfg.routes.before("/api/stream", ctx -> types(ctx)); // a bad ?types= is a 400 before the stream opens
            cfg.routes.sse("/api/stream", client -> stream(client, types(client.ctx())));
            get(cfg, OPENAPI_PATH, ctx -> {
                ctx.contentType("application/json");
                ctx.result(openApi());
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new BadInputException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + rootMessage(e), e);
        }
        return app.port();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void get(io.javalin.config.JavalinConfig cfg, String path, Handler h) {
        routes.add(new Route("GET", path));
        cfg.routes.get(path, h);
    }

    private void post(io.javalin.config.JavalinConfig cfg, String path, Handler h) {
        routes.add(new Route("POST", path));
        cfg.routes.post(path, h);
    }

    private void put(io.javalin.config.JavalinConfig cfg, String path, Handler h) {
        routes.add(new Route("PUT", path));
        cfg.routes.put(path, h);
    }

    /** The routes registered (method and path), for checks against the OpenAPI description. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The routes Javalin itself holds (not those this class meant to register). */
    public List<Route> registeredRoutes() {
        List<Route> out = new ArrayList<>();
        for (io.javalin.router.ParsedEndpoint p : app.unsafe.internalRouter.allHttpHandlers()) {
            String m = p.endpoint.method.name();
            if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(m)) {
                out.add(new Route(m, p.endpoint.path));
            }
        }
        return out;
    }

    /** The OpenAPI description (a resource of this module). */
    public static String openApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the serve module's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorize(Context ctx) {
        if (token == null || !(ctx.path().startsWith("/api/") || ctx.path().equals(OPENAPI_PATH))) {
            return; // the dashboard's static files hold no data: its page asks the API with the token
        }
        String h = ctx.header("Authorization");
        String q = ctx.queryParam(TOKEN_PARAMETER);
        if (h == null && q != null) {
            h = "Bearer " + q;
        }
        byte[] given = h == null ? new byte[0] : h.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            ObjectNode o = Json.object();
            o.put("error", "missing or wrong access token (Authorization: Bearer TOKEN)");
            throw new io.javalin.http.UnauthorizedResponse(Json.write(o));
        }
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ObjectNode o = Json.object();
        o.put("error", message);
        ctx.status(status);
        json(ctx, o);
    }

    private static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json");
        ctx.result(Json.write(node));
    }

    private static JsonNode body(Context ctx) {
        try {
            return Json.MAPPER.readTree(ctx.body());
        } catch (IOException e) {
            throw new BadInputException("the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A 404 with a message. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    private StoredEvent event(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadInputException("bad event id '" + ctx.pathParam("id") + "' (a whole number)");
        }
        return service.store().get(id).orElseThrow(() -> new NotFound("no event " + id));
    }

    private void listEvents(Context ctx) {
        Long since = instant(ctx, "since");
        Long until = instant(ctx, "until");
        String concept = ctx.queryParam("concept");
        int limit = EventQuery.DEFAULT_LIMIT;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw new BadInputException("bad value for limit: '" + l + "' is not a whole number");
            }
        }
        List<StoredEvent> events = service.store().query(new EventQuery(since, until,
                concept == null || concept.isBlank() ? null : concept, limit));
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("events");
        events.forEach(e -> a.add(Json.event(e)));
        o.put("count", events.size());
        json(ctx, o);
    }

    /** An ISO-8601 instant ({@code 2026-12-02T10:00:00Z}) or seconds since 1970, as milliseconds; null if absent. */
    private static Long instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Math.round(Double.parseDouble(v) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BadInputException("bad value for " + name + ": '" + v + "' (an ISO-8601 instant such as "
                        + "2026-12-02T10:00:00Z, or seconds since 1970)");
            }
        }
    }

    /** The clip file of {@code e}, inside the clip directory (404 otherwise). */
    private Path clipPath(StoredEvent e) {
        if (e.clipPath() == null) {
            throw new NotFound("event " + e.id() + " has no clip");
        }
        Path p = Path.of(e.clipPath()).toAbsolutePath().normalize();
        if (!p.startsWith(service.clipDir().toAbsolutePath().normalize()) || !Files.isRegularFile(p)) {
            throw new NotFound("the clip of event " + e.id() + " is gone");
        }
        return p;
    }

    private void clip(Context ctx) throws IOException {
        StoredEvent e = event(ctx);
        Path p = clipPath(e);
        ctx.contentType("audio/wav");
        ctx.header("Content-Disposition", "inline; filename=\"" + p.getFileName() + "\"");
        ctx.result(Files.readAllBytes(p));
    }

    private void feedback(Context ctx) {
        StoredEvent e = event(ctx);
        JsonNode b = body(ctx);
        String verdict = b.path("verdict").asText("");
        if (!List.of("right", "wrong", "relabel").contains(verdict)) {
            throw new BadInputException("bad value for verdict: expected \"right\", \"wrong\" or \"relabel\"");
        }
        String label = b.path("label").asText(null);
        Path filed = verdict.equals("relabel") ? service.relabel(e.id(), label)
                : service.mark(e.id(), verdict.equals("right"));
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("verdict", verdict);
        if (verdict.equals("relabel")) {
            o.put("label", label.strip());
        }
        o.put("filed", filed.toString());
        json(ctx, o);
    }

    private void recordExamples(Context ctx) {
        JsonNode b = body(ctx);
        String label = b.path("label").asText("").strip();
        if (label.isEmpty()) {
            throw new BadInputException("a recording needs a label: {\"label\": \"NAME\", \"count\": N}");
        }
        JsonNode count = b.path("count");
        if (!count.isMissingNode() && !count.canConvertToExactIntegral()) {
            throw new BadInputException("bad value for count: expected a whole number");
        }
        json(ctx, service.teaching().recordExamples(label, count.isMissingNode() ? 5 : count.asInt()));
    }

    private void recordBackground(Context ctx) {
        JsonNode b = body(ctx);
        JsonNode seconds = b.path("seconds");
        if (!seconds.isMissingNode() && !seconds.isNumber()) {
            throw new BadInputException("bad value for seconds: expected a number");
        }
        json(ctx, service.teaching().recordBackground(seconds.isMissingNode() ? 30 : seconds.asDouble()));
    }

    private void teachClip(Context ctx) throws IOException {
        String file = ctx.queryParam("file");
        if (file == null || file.isBlank()) {
            throw new BadInputException("name the example: ?file=LABEL/NAME.wav (as GET /api/teach lists them)");
        }
        Path p;
        try {
            p = service.teaching().example(file);
        } catch (BadInputException e) {
            throw new NotFound(e.getMessage());
        }
        ctx.contentType(p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav")
                ? "audio/wav" : "application/octet-stream");
        ctx.header("Content-Disposition", "inline; filename=\"" + p.getFileName() + "\"");
        ctx.result(Files.readAllBytes(p));
    }

    /** The message types a stream client asks for ({@code ?types=event,frames}; default {@link EventHub#DEFAULT_TYPES}). */
    private static Set<String> types(Context ctx) {
        String t = ctx.queryParam("types");
        if (t == null || t.isBlank()) {
            return EventHub.DEFAULT_TYPES;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : t.split(",")) {
            String name = s.strip();
            if (!EventHub.TYPES.contains(name)) {
                throw new BadInputException("bad value for types: '" + name + "' (known: "
                        + String.join(", ", EventHub.TYPES) + ")");
            }
            out.add(name);
        }
        return out;
    }

    private void thumbnail(Context ctx) throws IOException {
        Path p = clipPath(event(ctx));
        ctx.contentType("image/png");
        ctx.header("Cache-Control", "max-age=86400");
        ctx.result(Thumbnail.png(p));
    }

    private void stream(SseClient client, Set<String> types) {
        try (EventHub.Subscription sub = service.hub().subscribe(types)) {
            client.sendComment("hark live stream: " + String.join(", ", types));
            long lastSent = System.currentTimeMillis();
            while (!client.terminated() && !stopping) {
                EventHub.Message m = sub.next(250);
                if (m != null) {
                    client.sendEvent(m.type(), m.json());
                    lastSent = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastSent > KEEP_ALIVE_MILLIS) {
                    client.sendComment("keep-alive");
                    lastSent = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening; idempotent. */
    @Override
    public void close() {
        stopping = true;
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
