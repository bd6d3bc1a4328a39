package dev.flowlens.ingest;

import dev.flowlens.schemas.FlowLogField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordered fields of a flow log (VPC or transit gateway): AWS's default 14 v2 fields, a custom format string ({@code ${version} ${srcaddr}
 * ...}), a plain space-separated list of names, or an S3 object's header line. Fields may come in any order, and a
 * custom format may lack {@code version}.
 */
public final class FlowLogFormat {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final FlowLogFormat DEFAULT = new FlowLogFormat(FlowLogField.DEFAULT_FORMAT);
    private static final FlowLogFormat TRANSIT_GATEWAY_DEFAULT =
            new FlowLogFormat(FlowLogField.TRANSIT_GATEWAY_DEFAULT_FORMAT);

    private final List<FlowLogField> fields;

    private FlowLogFormat(List<FlowLogField> fields) {
        this.fields = List.copyOf(fields);
    }

    /** AWS's default format: the 14 version-2 fields in table order. */
    public static FlowLogFormat defaultFormat() {
        return DEFAULT;
    }

    /** AWS's default format of transit-gateway flow logs: every version 2 to 6 field of their table, in its order. */
    public static FlowLogFormat transitGatewayDefaultFormat() {
        return TRANSIT_GATEWAY_DEFAULT;
    }

    public static FlowLogFormat of(List<FlowLogField> fields) {
        if (fields.isEmpty()) {
            throw new InvalidFormatException("a flow-log format needs at least one field");
        }
        if (EnumSet.copyOf(fields).size() != fields.size()) {
            throw new InvalidFormatException("a flow-log format names a field twice: " + fields);
        }
        return new FlowLogFormat(fields);
    }

    /**
     * Parses an AWS format string ({@code ${version} ${account-id} ...}), a space-separated list of AWS names, or a
     * list of Parquet column names.
     *
     * @throws InvalidFormatException naming the first field AWS does not define
     */
    public static FlowLogFormat parse(String spec) {
        List<String> names = new ArrayList<>();
        if (spec.contains("${")) {
            Matcher matcher = PLACEHOLDER.matcher(spec);
            int end = 0;
            while (matcher.find()) {
                if (!spec.substring(end, matcher.start()).isBlank()) {
                    throw new InvalidFormatException("unexpected text between fields in format: '"
                            + spec.substring(end, matcher.start()).strip() + "'");
                }
                names.add(matcher.group(1).strip());
                end = matcher.end();
            }
            if (!spec.substring(end).isBlank()) {
                throw new InvalidFormatException("unexpected text after the last field in format: '"
                        + spec.substring(end).strip() + "'");
            }
        } else {
            for (String token : spec.strip().split("[ \t]+")) {
                if (!token.isEmpty()) {
                    names.add(token);
                }
            }
        }
        List<FlowLogField> fields = new ArrayList<>(names.size());
        for (String name : names) {
            fields.add(field(name));
        }
        return of(fields);
    }

    /** The field called {@code name}, or an {@link InvalidFormatException} saying why there is none. */
    static FlowLogField field(String name) {
        FlowLogField field = FlowLogField.byName(name);
        if (field != null) {
            return field;
        }
        throw new InvalidFormatException("unknown flow-log field '" + name + "'");
    }

    /**
     * Whether {@code line} is a header line naming fields rather than a record. S3 text objects start with one; so
     * may files users paste. A header is all lower-case identifiers, and at least one of them is a known field.
     */
    public static boolean isHeaderLine(String line) {
        String[] tokens = line.strip().split("[ \t]+");
        boolean anyKnown = false;
        for (String token : tokens) {
            if (token.isEmpty() || !isIdentifier(token)) {
                return false;
            }
            anyKnown |= FlowLogField.byName(token) != null;
        }
        return anyKnown;
    }

    private static boolean isIdentifier(String token) {
        if (token.charAt(0) < 'a' || token.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; // instance-tag-2
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public List<FlowLogField> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    /** The format as AWS writes it in a format string: {@code ${version} ${account-id} ...}. */
    public String toAwsFormatString() {
        StringBuilder text = new StringBuilder();
        for (FlowLogField field : fields) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append("${").append(field.awsName()).append('}');
        }
        return text.toString();
    }

    /** The header line AWS writes at the top of S3 text objects of this format. */
    public String toHeaderLine() {
        StringBuilder text = new StringBuilder();
        for (FlowLogField field : fields) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(field.awsName());
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowLogFormat && ((FlowLogFormat) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return toHeaderLine();
    }
}
