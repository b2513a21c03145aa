package io.chainbeasts.metrics;

import java.util.Set;

/**
 * Who may open which WebSocket path. Loopback is no barrier to a browser: any web page may open
 * {@code ws://127.0.0.1:8765}. Browsers always send {@code Origin}; trainers and scripts do not. So a
 * request with an Origin may only subscribe, and only from the live page's own origin; publishing from a
 * web page is refused.
 */
final class OriginPolicy {
    private OriginPolicy() {}

    /**
     * Why a handshake is refused, or null when it is allowed.
     *
     * @param origin      the request's {@code Origin} header (null or empty: not a browser)
     * @param path        the request's resource descriptor
     * @param pageOrigins the origins the live page is served from
     */
    static String refusal(String origin, String path, Set<String> pageOrigins) {
        if (origin == null || origin.isEmpty()) return null;
        if (path.startsWith(MetricsServer.PUBLISH_PATH)) return "publishing from a web page is not allowed";
        if (!pageOrigins.contains(origin)) return "origin " + MetricsServer.truncate(origin, 80) + " is not the live page's";
        return null;
    }
}
