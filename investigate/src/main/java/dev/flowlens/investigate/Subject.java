package dev.flowlens.investigate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an investigation asks about: "who talked to X". A flow matches on an end when that end is X; the other end of
 * the flow is then X's counterpart.
 *
 * @param kind what X is
 * @param value X, normalized: an address as written, a CIDR's network, an AWS service name in upper case
 * @param cidrFirst for {@link Kind#CIDR}: the first IPv4 address of the block, as an unsigned number; else 0
 * @param cidrLast for {@link Kind#CIDR}: the last IPv4 address of the block; else 0
 */
public record Subject(Kind kind, String value, long cidrFirst, long cidrLast) {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.:/@+=,-]{1,512}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** What X is, with the end's columns that say whether the end is X. */
    public enum Kind {
        /** an IPv4 or IPv6 address: the end's {@code srcaddr}/{@code dstaddr} */
        ADDRESS("address"),
        /** an IPv4 CIDR block: the end's address falls in it */
        CIDR("cidr"),
        /** a port: the end's {@code srcport}/{@code dstport} */
        PORT("port"),
        /** an AWS service name (S3, DYNAMODB, ...): the end's {@code aws_service} or AWS's {@code pkt_*_aws_service} */
        AWS_SERVICE("aws-service"),
        /** a security group id: the end's task ENI has it */
        SECURITY_GROUP("security-group"),
        /** a task, by ID or ARN: the end is that task ("what did it talk to") */
        TASK("task"),
        /** an ECS service, {@code NAME} or {@code CLUSTER/NAME}: the end is one of its tasks */
        SERVICE("service");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name the command line and the outputs use. */
        public String label() {
            return label;
        }
    }

    /** A bad subject: the message names what was given and the form expected. */
    public static final class InvalidSubjectException extends IllegalArgumentException {
        InvalidSubjectException(String message) {
            super(message);
        }
    }

    public static Subject address(String text) {
        String address = text.trim();
        if (ipv4(address) < 0 && !(address.contains(":") && IPV6.matcher(address).matches())) {
            throw new InvalidSubjectException("'" + text + "' is not an IPv4 or IPv6 address (such as 10.0.1.17)");
        }
        return new Subject(Kind.ADDRESS, address.toLowerCase(Locale.ROOT), 0, 0);
    }

    /** An IPv4 CIDR block, {@code a.b.c.d/n}; host bits must be zero, as AWS writes blocks. */
    public static Subject cidr(String text) {
        String cidr = text.trim();
        int slash = cidr.indexOf('/');
        if (slash > 0 && cidr.substring(0, slash).contains(":")) {
            throw new InvalidSubjectException("'" + text + "': IPv6 CIDR blocks are not supported yet; ask about one"
                    + " IPv6 address with --address, or give an IPv4 block such as 10.0.0.0/16");
        }
        long network = slash < 0 ? -1 : ipv4(cidr.substring(0, slash));
        int bits = -1;
        if (slash > 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
        }
        if (network < 0 || bits < 0 || bits > 32) {
            throw new InvalidSubjectException("'" + text + "' is not an IPv4 CIDR block (such as 10.0.0.0/16)");
        }
        long size = 1L << (32 - bits);
        if (network % size != 0) {
            throw new InvalidSubjectException("'" + text + "' has host bits set: the block is "
                    + dotted(network - network % size) + "/" + bits);
        }
        return new Subject(Kind.CIDR, dotted(network) + "/" + bits, network, network + size - 1);
    }

    public static Subject port(String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSubjectException("'" + text + "' is not a port (a whole number from 0 to 65535)");
        }
        return new Subject(Kind.PORT, Integer.toString(port), 0, 0);
    }

    /** An AWS service as AWS's ip-ranges.json names it; case does not matter. */
    public static Subject awsService(String text) {
        return new Subject(Kind.AWS_SERVICE, name(text, "an AWS service name such as S3 or DYNAMODB")
                .toUpperCase(Locale.ROOT), 0, 0);
    }

    public static Subject securityGroup(String text) {
        return new Subject(Kind.SECURITY_GROUP, name(text, "a security group id such as sg-0123456789abcdef0"), 0, 0);
    }

    public static Subject task(String text) {
        return new Subject(Kind.TASK, name(text, "a task ID or ARN"), 0, 0);
    }

    public static Subject service(String text) {
        String service = name(text, "an ECS service name, or CLUSTER/NAME");
        if (service.startsWith("/") || service.endsWith("/") || service.indexOf('/') != service.lastIndexOf('/')) {
            throw new InvalidSubjectException("'" + text + "' is not an ECS service name or CLUSTER/NAME");
        }
        return new Subject(Kind.SERVICE, service, 0, 0);
    }

    /** For {@link Kind#SERVICE}: the cluster part of {@code CLUSTER/NAME}, or {@code null}. */
    public String cluster() {
        int slash = value.indexOf('/');
        return kind == Kind.SERVICE && slash > 0 ? value.substring(0, slash) : null;
    }

    /** For {@link Kind#SERVICE}: the service name without its cluster. */
    public String serviceName() {
        int slash = value.indexOf('/');
        return slash > 0 ? value.substring(slash + 1) : value;
    }

    /** How the outputs name this subject: {@code address 10.0.1.17}. */
    @Override
    public String toString() {
        return kind.label() + " " + value;
    }

    private static String name(String text, String expected) {
        String name = text.trim();
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new InvalidSubjectException("'" + text + "' is not " + expected);
        }
        return name;
    }

    /** The unsigned value of a dotted IPv4 address, or -1 when {@code text} is not one. */
    static long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    static String dotted(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }
}
