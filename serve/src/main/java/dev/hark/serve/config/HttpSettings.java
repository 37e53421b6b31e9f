package dev.hark.serve.config;

import dev.hark.errors.BadInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The {@code http:} section: the API's address. Safe by default: it listens on 127.0.0.1; any other address
 * needs {@code token}, which every request must then carry as {@code Authorization: Bearer TOKEN}.
 *
 * @param enabled whether the API runs
 * @param host the address to listen on (default 127.0.0.1)
 * @param port the port (default 8077; 0: any free port, printed at start)
 * @param token the access token (null: none; required off loopback, and checked on every request when set)
 */
public record HttpSettings(boolean enabled, String host, int port, String token) {
    public static final Set<String> KEYS = Set.of("enabled", "host", "port", "token");
    public static final int DEFAULT_PORT = 8077;
    public static final int MIN_TOKEN_LENGTH = 16;

    public HttpSettings {
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new BadInputException("bad value for http.token: too short (at least " + MIN_TOKEN_LENGTH
                    + " characters)");
        }
        if (enabled && token == null && !isLoopback(host)) {
            throw new BadInputException("http.host " + host + " is not a loopback address: listening there needs "
                    + "http.token (every request must then carry it as a bearer token)");
        }
    }

    public static HttpSettings from(Section s) {
        s.refuseUnknown(KEYS);
        return new HttpSettings(s.bool("enabled", true), s.string("host", "127.0.0.1"),
                s.integer("port", DEFAULT_PORT, 0, 65_535), s.string("token", null));
    }

    public HttpSettings withPort(int p) {
        return new HttpSettings(enabled, host, p, token);
    }

    /** Whether {@code host} names only loopback addresses (127.0.0.0/8, ::1, localhost). */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new BadInputException("bad value for http.host: unknown host '" + host + "'", e);
        }
    }
}
