package dev.vigil.guard;

import dev.vigil.guard.detect.HeaderLookup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A decoded request's headers as the detectors read them. Names asked for are turned into {@link
 * AsciiString}s once and kept (detectors ask for a fixed set of names), since Netty hashes an
 * AsciiString once but a String on every lookup.
 */
final class HeadersView implements HeaderLookup {
    private static final int MAX_NAMES = 256;
    private static final Map<String, AsciiString> NAMES = new ConcurrentHashMap<>();

    private final HttpHeaders headers;

    HeadersView(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public String get(String name) {
        AsciiString key = NAMES.get(name);
        if (key == null) {
            key = AsciiString.cached(name);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.putIfAbsent(name, key);
            }
        }
        return headers.get(key);
    }

    @Override
    public void forEach(BiConsumer<CharSequence, String> action) {
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            action.accept(e.getKey(), e.getValue().toString());
        }
    }
}
