package dev.vigil.discovery;

/**
 * The recognised shape of a path segment that is an identifier by its form alone.
 *
 * @param confidence how unlikely a literal route word of this shape is
 */
record SegmentType(String type, String format, double confidence) {
    static final SegmentType INTEGER = new SegmentType("integer", "", 0.95);
    static final SegmentType UUID = new SegmentType("string", "uuid", 0.99);
    static final SegmentType HASH = new SegmentType("string", "hash", 0.98);
    static final SegmentType HEX = new SegmentType("string", "hex", 0.93);
    static final SegmentType ULID = new SegmentType("string", "ulid", 0.97);
    static final SegmentType DATE = new SegmentType("string", "date", 0.97);
    static final SegmentType DATE_TIME = new SegmentType("string", "date-time", 0.98);
    static final SegmentType EMAIL = new SegmentType("string", "email", 0.97);
    static final SegmentType TOKEN = new SegmentType("string", "token", 0.92);
    /** Free text that became a parameter by cardinality, or a seeded parameter not yet observed. */
    static final SegmentType STRING = new SegmentType("string", "", 0.9);

    /** The narrowest type covering both; formats that differ are dropped. */
    SegmentType widen(SegmentType other) {
        if (this.equals(other)) {
            return this;
        }
        String widenedType = type.equals(other.type) ? type : "string";
        String widenedFormat = format.equals(other.format) ? format : "";
        return new SegmentType(widenedType, widenedFormat, Math.min(confidence, other.confidence));
    }
}
