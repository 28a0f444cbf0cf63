package org.goldensdk.core;

/**
 * Bounds applied to every document the SDK's codecs read ({@link JsonCodec}, {@link XmlCodec},
 * {@link CanonicalJson}, {@link SafeXml}). Immutable and thread-safe; {@link #defaults()} suits
 * exchange envelopes and portal content, {@link #builder()} adjusts single values.
 *
 * <p>Entity expansion has no setting: DTDs are refused outright, so no entity can ever be declared
 * and the allowed expansion is zero.
 */
public final class CodecLimits {

    /** Default for {@link #maxInputBytes()}: 16 MiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 16L * 1024 * 1024;
    /** Default for {@link #maxJsonDepth()}: 64 nested arrays/objects. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    /** Default for {@link #maxXmlDepth()}: 100 nested elements. */
    public static final int DEFAULT_MAX_XML_DEPTH = 100;
    /** Default for {@link #maxStringLength()}: 8 MiB characters in one JSON string or XML text node. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 8 * 1024 * 1024;
    /** Default for {@link #maxNameLength()}: 1,000 characters in a JSON property or XML name. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 1_000;
    /** Default for {@link #maxNumberLength()}: 1,000 characters in one JSON number. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;
    /** Default for {@link #maxAttributes()}: 100 attributes on one XML element. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 100;

    /**
     * Highest JSON depth accepted by {@link Builder#maxJsonDepth(int)}: canonicalisation recurses
     * once per level, so the bound keeps it far from the thread's stack limit.
     */
    public static final int MAX_JSON_DEPTH_CEILING = 1_000;

    private static final CodecLimits DEFAULTS = builder().build();

    private final long maxInputBytes;
    private final int maxJsonDepth;
    private final int maxXmlDepth;
    private final int maxStringLength;
    private final int maxNameLength;
    private final int maxNumberLength;
    private final int maxAttributes;

    private CodecLimits(Builder b) {
        this.maxInputBytes = b.maxInputBytes;
        this.maxJsonDepth = b.maxJsonDepth;
        this.maxXmlDepth = b.maxXmlDepth;
        this.maxStringLength = b.maxStringLength;
        this.maxNameLength = b.maxNameLength;
        this.maxNumberLength = b.maxNumberLength;
        this.maxAttributes = b.maxAttributes;
    }

    /** The default limits (see the {@code DEFAULT_*} constants). */
    public static CodecLimits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxInputBytes = maxInputBytes;
        b.maxJsonDepth = maxJsonDepth;
        b.maxXmlDepth = maxXmlDepth;
        b.maxStringLength = maxStringLength;
        b.maxNameLength = maxNameLength;
        b.maxNumberLength = maxNumberLength;
        b.maxAttributes = maxAttributes;
        return b;
    }

    /** Most bytes read from one document; reading stops with {@code PAYLOAD_TOO_LARGE} just past it. */
    public long maxInputBytes() {
        return maxInputBytes;
    }

    /** Deepest nesting of JSON arrays and objects. */
    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    /** Deepest nesting of XML elements (the root element is depth 1). */
    public int maxXmlDepth() {
        return maxXmlDepth;
    }

    /** Longest JSON string value or XML text node, in characters. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** Longest JSON property name or XML element/attribute name, in characters. */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** Longest JSON number, in characters. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /** Most attributes on one XML element. */
    public int maxAttributes() {
        return maxAttributes;
    }

    @Override
    public String toString() {
        return "CodecLimits[maxInputBytes=" + maxInputBytes + ", maxJsonDepth=" + maxJsonDepth
                + ", maxXmlDepth=" + maxXmlDepth + ", maxStringLength=" + maxStringLength
                + ", maxNameLength=" + maxNameLength + ", maxNumberLength=" + maxNumberLength
                + ", maxAttributes=" + maxAttributes + "]";
    }

    /** Builds {@link CodecLimits}; every value must be positive, checked as it is set. */
    public static final class Builder {
        private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private int maxJsonDepth = DEFAULT_MAX_JSON_DEPTH;
        private int maxXmlDepth = DEFAULT_MAX_XML_DEPTH;
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
        private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;
        private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
        private int maxAttributes = DEFAULT_MAX_ATTRIBUTES;

        private Builder() {
        }

        /** Sets {@link CodecLimits#maxInputBytes()}. */
        public Builder maxInputBytes(long bytes) {
            this.maxInputBytes = positive("maxInputBytes", bytes);
            return this;
        }

        /** Sets {@link CodecLimits#maxJsonDepth()}; at most {@link #MAX_JSON_DEPTH_CEILING}. */
        public Builder maxJsonDepth(int depth) {
            positive("maxJsonDepth", depth);
            if (depth > MAX_JSON_DEPTH_CEILING) {
                throw new ConfigurationException("maxJsonDepth",
                        "must be at most " + MAX_JSON_DEPTH_CEILING + " but was " + depth);
            }
            this.maxJsonDepth = depth;
            return this;
        }

        /** Sets {@link CodecLimits#maxXmlDepth()}. */
        public Builder maxXmlDepth(int depth) {
            this.maxXmlDepth = (int) positive("maxXmlDepth", depth);
            return this;
        }

        /** Sets {@link CodecLimits#maxStringLength()}. */
        public Builder maxStringLength(int chars) {
            this.maxStringLength = (int) positive("maxStringLength", chars);
            return this;
        }

        /** Sets {@link CodecLimits#maxNameLength()}. */
        public Builder maxNameLength(int chars) {
            this.maxNameLength = (int) positive("maxNameLength", chars);
            return this;
        }

        /** Sets {@link CodecLimits#maxNumberLength()}. */
        public Builder maxNumberLength(int chars) {
            this.maxNumberLength = (int) positive("maxNumberLength", chars);
            return this;
        }

        /** Sets {@link CodecLimits#maxAttributes()}. */
        public Builder maxAttributes(int count) {
            this.maxAttributes = (int) positive("maxAttributes", count);
            return this;
        }

        /** The immutable limits. */
        public CodecLimits build() {
            return new CodecLimits(this);
        }

        private static long positive(String key, long value) {
            if (value <= 0) {
                throw new ConfigurationException(key, "must be positive but was " + value);
            }
            return value;
        }
    }
}
