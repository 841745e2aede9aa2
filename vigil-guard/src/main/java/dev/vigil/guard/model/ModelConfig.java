package dev.vigil.guard.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Thresholds of the model-driven detectors. {@link #DEFAULTS} suits most APIs; every number is a
 * limit a legitimate client stays well below, so the defaults lean towards missing an attack rather
 * than alerting on normal traffic.
 *
 * @param defaultMode mode of every endpoint (and of unknown-endpoint detection) until set otherwise
 * @param lengthFactor a value longer than the longest learned one times this is oversized
 * @param minOversizeLength learned lengths never flag values shorter than this
 * @param minSamples calls an endpoint (or parameter) must have been seen before its learned closed sets
 *     (query names, top-level body fields) and lengths are trusted
 * @param ownedObjects object ids whose owner is remembered (least recently used are forgotten)
 * @param exfiltrationWindow sliding window over which sensitive records are counted per caller
 * @param exfiltrationCap records within the window that always flag; 0 for none
 * @param exfiltrationFactor times the caller's baseline that flags
 * @param exfiltrationMinRecords below this many records in the window the baseline rule never flags
 * @param exfiltrationMaxBytes response-body bytes one caller may receive within the window, whatever
 *     the data; 0 for no limit
 * @param trackedCallers callers whose counts are kept (least recently active are forgotten)
 * @param mcpSessions MCP sessions whose offered tools are remembered
 */
public record ModelConfig(
        ModelMode defaultMode,
        double lengthFactor,
        int minOversizeLength,
        long minSamples,
        int ownedObjects,
        Duration exfiltrationWindow,
        long exfiltrationCap,
        double exfiltrationFactor,
        long exfiltrationMinRecords,
        long exfiltrationMaxBytes,
        int trackedCallers,
        int mcpSessions) {

    public static final ModelConfig DEFAULTS = new ModelConfig(
            ModelMode.ENFORCE, 4.0, 64, 20, 100_000, Duration.ofMinutes(10), 0, 10.0, 200, 0, 50_000, 10_000);

    public ModelConfig {
        Objects.requireNonNull(defaultMode, "defaultMode");
        Objects.requireNonNull(exfiltrationWindow, "exfiltrationWindow");
        List<String> problems = new ArrayList<>();
        if (!(lengthFactor >= 1)) {
            problems.add("lengthFactor must be >= 1");
        }
        if (minOversizeLength < 1 || minSamples < 1 || ownedObjects < 1 || trackedCallers < 1 || mcpSessions < 1) {
            problems.add("minOversizeLength, minSamples, ownedObjects, trackedCallers and mcpSessions must be >= 1");
        }
        if (exfiltrationWindow.isNegative() || exfiltrationWindow.isZero()) {
            problems.add("exfiltrationWindow must be positive");
        }
        if (exfiltrationCap < 0
                || exfiltrationMinRecords < 0
                || exfiltrationMaxBytes < 0
                || !(exfiltrationFactor >= 1)) {
            problems.add(
                    "exfiltrationCap, exfiltrationMinRecords and exfiltrationMaxBytes must be >= 0, exfiltrationFactor >= 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model config: " + String.join("; ", problems));
        }
    }

    public ModelConfig withDefaultMode(ModelMode mode) {
        return new ModelConfig(
                mode,
                lengthFactor,
                minOversizeLength,
                minSamples,
                ownedObjects,
                exfiltrationWindow,
                exfiltrationCap,
                exfiltrationFactor,
                exfiltrationMinRecords,
                exfiltrationMaxBytes,
                trackedCallers,
                mcpSessions);
    }

    /** The same thresholds with a byte limit per caller and window (0 = none). */
    public ModelConfig withExfiltrationMaxBytes(long maxBytes) {
        return new ModelConfig(
                defaultMode,
                lengthFactor,
                minOversizeLength,
                minSamples,
                ownedObjects,
                exfiltrationWindow,
                exfiltrationCap,
                exfiltrationFactor,
                exfiltrationMinRecords,
                maxBytes,
                trackedCallers,
                mcpSessions);
    }

    public ModelConfig withExfiltration(Duration window, long cap, double factor, long minRecords) {
        return new ModelConfig(
                defaultMode,
                lengthFactor,
                minOversizeLength,
                minSamples,
                ownedObjects,
                window,
                cap,
                factor,
                minRecords,
                exfiltrationMaxBytes,
                trackedCallers,
                mcpSessions);
    }
}
