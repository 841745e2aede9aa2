package dev.vigil.discovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One position of a host's path trie: literal children by segment, plus at most one parameter child.
 * Not thread-safe; {@link HostTrie} guards every access.
 */
final class TemplateNode {

    /** How the parameter child came to be; decides whether new free-text values are absorbed into it. */
    enum ParamOrigin {
        /** Created by an identifier-shaped value; free-text siblings stay literal. */
        TYPED,
        /** Created by merging free-text siblings; absorbs new free-text values. */
        MERGED,
        /** From an imported spec; absorbs new free-text values and keeps its name. */
        SEEDED
    }

    final Map<String, TemplateNode> literals = new HashMap<>();
    long hits;
    /** Literal that came from a seeded template: never merged away. */
    boolean seededLiteral;

    TemplateNode param;
    ParamOrigin paramOrigin;
    /** Type of the values observed for the parameter child; null until one is seen. */
    SegmentType paramType;
    /** Spec name of a seeded parameter child; null when derived. */
    String paramName;
    /** Distinct values absorbed by the parameter child, bounded; their count is the merge evidence. */
    final Set<String> paramValues = new HashSet<>();
    /** Distinct free-text values the parameter child stood for when it was merged. */
    int mergedDistinct;
    /**
     * Prefix ({@code ch_}) and length of the prefixed ids seen by the parameter child: a value of the same
     * prefix and length is the same kind of id even when its random tail happens to look word-like.
     */
    String idPrefix;

    int idLength;

    boolean absorbsFreeText() {
        return param != null && paramOrigin != ParamOrigin.TYPED;
    }

    TemplateNode ensureParam(ParamOrigin origin) {
        if (param == null) {
            param = new TemplateNode();
            paramOrigin = origin;
        } else if (origin.ordinal() > paramOrigin.ordinal()) {
            paramOrigin = origin;
        }
        return param;
    }

    void recordParamValue(String value, SegmentType type, int maxTracked) {
        paramType = paramType == null ? type : paramType.widen(type);
        if (idPrefix == null && type == SegmentType.TOKEN) {
            int underscore = value.indexOf('_');
            if (underscore > 0 && underscore <= 12) {
                idPrefix = value.substring(0, underscore + 1);
                idLength = value.length();
            }
        }
        if (paramValues.size() < maxTracked) {
            paramValues.add(value);
        }
    }

    /** The parameter's type when {@code value} has the shape of the prefixed ids already seen, else null. */
    SegmentType typeByShape(String value) {
        if (param == null || idPrefix == null || value.length() != idLength || !value.startsWith(idPrefix)) {
            return null;
        }
        for (int i = idPrefix.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return null;
            }
        }
        return SegmentType.TOKEN;
    }

    int paramEvidence() {
        return Math.max(paramValues.size(), mergedDistinct);
    }
}
