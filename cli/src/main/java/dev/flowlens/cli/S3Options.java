package dev.flowlens.cli;

import dev.flowlens.investigate.S3Cache;
import dev.flowlens.investigate.S3Settings;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The S3 client and local cache options of the commands that read the dataset from s3:// (a picocli mixin). */
final class S3Options {
    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where S3 objects are cached (default: $XDG_CACHE_HOME/flowlens/s3, else"
                    + " ~/.cache/flowlens/s3).")
    Path cache;

    @Option(names = "--cache-size", paramLabel = "SIZE", defaultValue = "10G",
            description = "The cache's bound, bytes or with K, M, G, T (default ${DEFAULT-VALUE}).")
    String cacheSize;

    @Option(names = "--aws-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region of the S3 client (default ${DEFAULT-VALUE}); credentials come from the SDK's"
                    + " default chain.")
    String region;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "An S3-compatible endpoint.")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Path-style bucket addressing, as most S3-compatible servers"
            + " need.")
    boolean s3PathStyle;

    S3Settings settings() {
        return new S3Settings(region, s3Endpoint, s3PathStyle);
    }

    /** The cache of {@code --cache} bounded by {@code --cache-size}; a size it cannot read is a usage error. */
    S3Cache cache() {
        return new S3Cache(cache != null ? cache : defaultCache(), size(cacheSize));
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("flowlens").resolve("s3");
    }

    /** {@code 10G}, {@code 512M}, {@code 1048576}: binary multiples. */
    static long size(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        int suffix = "KMGT".indexOf(value.isEmpty() ? ' ' : value.charAt(value.length() - 1));
        if (suffix >= 0) {
            unit = 1L << (10 * (suffix + 1));
            value = value.substring(0, value.length() - 1);
        }
        try {
            long number = Long.parseLong(value);
            if (number > 0 && number <= Long.MAX_VALUE / unit) {
                return number * unit;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw new Flowlens.UsageException("--cache-size '" + text + "' is not a size such as 10G, 512M or 1048576");
    }
}
