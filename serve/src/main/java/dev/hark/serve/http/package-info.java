/**
 * The HTTP API (Javalin on Jetty 12): events, clips, status, tuning, verdicts, the live SSE stream and its OpenAPI
 * description; loopback by default, a bearer token otherwise.
 */
package dev.hark.serve.http;
