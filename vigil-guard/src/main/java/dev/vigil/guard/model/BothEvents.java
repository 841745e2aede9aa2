package dev.vigil.guard.model;

import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.StreamingJson;

/** Two checks on one parse of a body; the first detection wins. */
record BothEvents(StreamingJson.Events a, StreamingJson.Events b) implements StreamingJson.Events {
    @Override
    public Detection field(int depth, String name) {
        Detection d = a.field(depth, name);
        return d != null ? d : b.field(depth, name);
    }

    @Override
    public Detection start(int depth, boolean array) {
        Detection d = a.start(depth, array);
        return d != null ? d : b.start(depth, array);
    }

    @Override
    public void end(int depth) {
        a.end(depth);
        b.end(depth);
    }

    @Override
    public Detection scalar(int depth, JsonToken token, String text) {
        Detection d = a.scalar(depth, token, text);
        return d != null ? d : b.scalar(depth, token, text);
    }

    @Override
    public Detection tooLarge(int depth, String what) {
        Detection d = a.tooLarge(depth, what);
        return d != null ? d : b.tooLarge(depth, what);
    }
}
