package dev.vigil.openapi;

import java.net.URI;
import java.util.Locale;

/** Base paths and hosts of OpenAPI server URLs, absolute or relative; template braces allowed. */
final class ServerUrls {
    private ServerUrls() {}

    /** The path part of a server URL without trailing slash; {@code ""} for the root. */
    static String basePath(String url) {
        String path;
        if (url.contains("://") || url.startsWith("//")) {
            try {
                path = URI.create(url.replace("{", "%7B").replace("}", "%7D")).getPath();
                path = path == null ? "" : path.replace("%7B", "{").replace("%7D", "}");
            } catch (IllegalArgumentException e) {
                path = "";
            }
        } else {
            path = url;
        }
        path = path.replaceAll("/+", "/");
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        return path;
    }

    /** The host (with non-default port) of an absolute server URL, lower case; {@code ""} if relative. */
    static String host(String url) {
        if (!(url.contains("://") || url.startsWith("//"))) {
            return "";
        }
        try {
            URI uri = URI.create(url.replace("{", "%7B").replace("}", "%7D"));
            if (uri.getHost() == null) {
                return "";
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1
                    || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                    || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
            return defaultPort ? host : host + ":" + port;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
