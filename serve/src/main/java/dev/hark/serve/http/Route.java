package dev.hark.serve.http;

/** One route of the API: its method and path (Javalin's and OpenAPI's {@code {param}} syntax). */
public record Route(String method, String path) {
}
