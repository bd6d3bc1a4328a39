package dev.flowlens.jobs.kit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key of a job, declared once with its type, default and description (in the manner of Flink's
 * {@code ConfigOptions}): the job's reader, its validation and the README's key table all come from these.
 *
 * @param key the dotted key path ({@code enrichment.retention})
 * @param type what its values are, for the README ({@code duration}, {@code list}, ...)
 * @param defaultValue the value when the key is absent; {@code null} for none
 * @param description one sentence for the README
 * @param parser text to value; throws {@link IllegalArgumentException} with the expected form
 * @param <T> the value's type
 */
public record JobOption<T>(String key, Kind type, T defaultValue, String description, Function<String, T> parser) {
    /** The kinds of values a key takes. */
    public enum Kind {
        TEXT("text"), BOOLEAN("true/false"), INTEGER("whole number"), DECIMAL("decimal number"),
        DURATION("ISO-8601 duration"),
        INSTANT("ISO-8601 instant"), LIST("list"), MAP("mapping");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public JobOption {
        Objects.requireNonNull(key);
        Objects.requireNonNull(type);
        Objects.requireNonNull(description);
    }

    public static Builder key(String key) {
        return new Builder(key);
    }

    /** The value of {@code text}, or a one-line error naming this key and the form it expects. */
    public T parse(String text) {
        try {
            return parser.apply(text.strip());
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(key + ": expected " + expected() + ", not '" + text + "'");
        }
    }

    /** The default as the README writes it ({@code PT24H}, {@code 10000}, ...), or {@code null} for none. */
    public String defaultText() {
        if (defaultValue == null) {
            return null;
        }
        if (defaultValue instanceof List<?> list) {
            return list.isEmpty() ? null : String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (defaultValue instanceof Map<?, ?> map) {
            return map.isEmpty() ? null : map.toString();
        }
        return String.valueOf(defaultValue);
    }

    private String expected() {
        return switch (type) {
            case DURATION -> "a non-negative ISO-8601 duration such as PT24H or PT30S";
            case INSTANT -> "an ISO-8601 instant such as 2024-03-01T00:00:00Z";
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number such as 2.5";
            default -> type.label();
        };
    }

    /** Declares options: {@code JobOption.key("enrichment.retention").duration(Duration.ofHours(24), "...")}. */
    public static final class Builder {
        private final String key;

        private Builder(String key) {
            this.key = key;
        }

        public JobOption<String> text(String defaultValue, String description) {
            return new JobOption<>(key, Kind.TEXT, defaultValue, description, Function.identity());
        }

        public JobOption<Boolean> bool(Boolean defaultValue, String description) {
            return new JobOption<>(key, Kind.BOOLEAN, defaultValue, description, text -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException(text);
                }
                return Boolean.parseBoolean(text);
            });
        }

        public JobOption<Integer> integer(Integer defaultValue, String description) {
            return new JobOption<>(key, Kind.INTEGER, defaultValue, description, Integer::parseInt);
        }

        /** A whole number too large for an int (a byte count). */
        public JobOption<Long> longInteger(Long defaultValue, String description) {
            return new JobOption<>(key, Kind.INTEGER, defaultValue, description, Long::parseLong);
        }

        /** A decimal number; not-a-number and infinities are refused. */
        public JobOption<Double> decimal(Double defaultValue, String description) {
            return new JobOption<>(key, Kind.DECIMAL, defaultValue, description, text -> {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(text);
                }
                return value;
            });
        }

        /** A duration; negative ones are refused. */
        public JobOption<Duration> duration(Duration defaultValue, String description) {
            return new JobOption<>(key, Kind.DURATION, defaultValue, description, text -> {
                Duration value = Duration.parse(text);
                if (value.isNegative()) {
                    throw new IllegalArgumentException(text);
                }
                value.toMillis(); // throws ArithmeticException for durations no clock can hold
                return value;
            });
        }

        public JobOption<Instant> instant(String description) {
            return new JobOption<>(key, Kind.INSTANT, null, description, Instant::parse);
        }

        /** A list: a YAML sequence, or comma-separated text (as environment variables give it). */
        public JobOption<List<String>> list(String description) {
            return new JobOption<>(key, Kind.LIST, List.of(), description, text -> {
                List<String> items = new ArrayList<>();
                for (String item : text.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
                return items;
            });
        }

        /** A mapping of names to text, whose keys are the user's ({@code enrichment.threat-lists.NAME}). */
        public JobOption<Map<String, String>> map(String description) {
            return new JobOption<>(key, Kind.MAP, Map.of(), description, text -> {
                throw new IllegalArgumentException(text);
            });
        }
    }
}
