package dev.flowlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The prices a usage report estimates network cost from, in US dollars per GB (2^30 bytes). The defaults are the
 * resource {@code default-prices.yaml} (us-east-1 list prices, with their date and source); a prices file (YAML or
 * JSON, the same hyphenated keys) overrides the keys it names.
 */
public final class Prices implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Bytes in a GB as AWS bills data transfer. */
    public static final double BYTES_PER_GB = 1L << 30;

    private static final String DEFAULTS = "default-prices.yaml";
    private static final List<String> KEYS = List.of("as-of", "source", "region", "cross-az-per-gb",
            "internet-egress-tiers (each up-to-gb, per-gb)", "nat-gateway-processing-per-gb",
            "interface-endpoint-processing-per-gb");

    /** The day the prices were taken, as the file says it ({@code 2026-12-02}). */
    public String asOf;
    /** Where the prices come from, in words. */
    public String source;
    /** The AWS Region they are for. */
    public String region;
    /** Data transfer between Availability Zones, charged on each side. */
    public double crossAzPerGb;
    /** Data transfer out to the internet by volume, ascending; the last tier has no upper bound. */
    public List<Tier> internetEgressTiers = new ArrayList<>();
    /** Data a NAT gateway processes, either direction. */
    public double natGatewayProcessingPerGb;
    /** Data a VPC interface endpoint processes, either direction. */
    public double interfaceEndpointProcessingPerGb;

    public Prices() {}

    /** One internet egress tier: the price of each GB up to {@code upToGb} (cumulative), or beyond the last bound. */
    public static final class Tier implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The cumulative volume this tier ends at; {@code null} for the last, unbounded tier. */
        public Double upToGb;
        public double perGb;

        public Tier() {}

        public Tier(Double upToGb, double perGb) {
            this.upToGb = upToGb;
            this.perGb = perGb;
        }
    }

    /** The shipped defaults. */
    public static Prices defaults() {
        try (InputStream in = Prices.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + DEFAULTS + " is missing from the report module");
            }
            return checked(mapper().readValue(in, Prices.class), DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default prices " + DEFAULTS, e);
        }
    }

    /** The defaults with the keys {@code file} gives replaced; a bad file throws {@link InvalidPricesException}. */
    public static Prices load(Path file) {
        Prices prices = defaults();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPricesException("--prices '" + file + "': no such file");
        } catch (IOException e) {
            throw new InvalidPricesException("--prices '" + file + "': cannot read it: " + e.getMessage());
        }
        if (text.isBlank()) {
            throw new InvalidPricesException("--prices '" + file + "' is empty: give at least one price key, e.g."
                    + " cross-az-per-gb: 0.01");
        }
        try {
            // a list given replaces the default list: the tiers are one schedule, not tiers to add
            prices.internetEgressTiers = null;
            Prices merged = mapper().readerForUpdating(prices).readValue(text);
            if (merged.internetEgressTiers == null) {
                merged.internetEgressTiers = defaults().internetEgressTiers;
            }
            return checked(merged, "--prices '" + file + "'");
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidPricesException("--prices '" + file + "': unknown key '" + e.getPropertyName() + "'"
                    + location(e) + ": the keys are " + String.join(", ", KEYS));
        } catch (JsonMappingException e) {
            throw new InvalidPricesException("--prices '" + file + "': " + oneLine(e.getOriginalMessage())
                    + location(e) + "; the keys are those of the default prices (see README, 'report usage')");
        } catch (JsonProcessingException e) {
            throw new InvalidPricesException("--prices '" + file + "' is neither YAML nor JSON: "
                    + oneLine(e.getOriginalMessage()) + location(e));
        }
    }

    /** The cost of sending {@code gb} to the internet in one period, through the tiers. */
    public double internetEgressCost(double gb) {
        double cost = 0;
        double below = 0;
        for (Tier tier : internetEgressTiers) {
            double top = tier.upToGb == null ? Double.POSITIVE_INFINITY : tier.upToGb;
            if (gb <= below) {
                break;
            }
            cost += (Math.min(gb, top) - below) * tier.perGb;
            below = top;
        }
        return cost;
    }

    private static Prices checked(Prices prices, String where) {
        nonNegative(where, "cross-az-per-gb", prices.crossAzPerGb);
        nonNegative(where, "nat-gateway-processing-per-gb", prices.natGatewayProcessingPerGb);
        nonNegative(where, "interface-endpoint-processing-per-gb", prices.interfaceEndpointProcessingPerGb);
        List<Tier> tiers = prices.internetEgressTiers;
        if (tiers.isEmpty()) {
            throw new InvalidPricesException(where + ": internet-egress-tiers is empty: give at least one tier,"
                    + " e.g. [{per-gb: 0.09}]");
        }
        double below = 0;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (tier == null) {
                throw new InvalidPricesException(where + ": internet-egress-tiers[" + i + "] is empty");
            }
            nonNegative(where, "internet-egress-tiers[" + i + "].per-gb", tier.perGb);
            boolean last = i == tiers.size() - 1;
            if (last != (tier.upToGb == null)) {
                throw new InvalidPricesException(where + ": internet-egress-tiers[" + i + "] "
                        + (last ? "is the last tier, so it has no up-to-gb (it prices everything beyond the others)"
                                : "needs up-to-gb: only the last tier is unbounded"));
            }
            if (!last && !(tier.upToGb > below)) {
                throw new InvalidPricesException(where + ": internet-egress-tiers[" + i + "].up-to-gb " + tier.upToGb
                        + " must be above the tier before it (" + below + "): the bounds are cumulative GB");
            }
            below = last ? below : tier.upToGb;
        }
        return prices;
    }

    private static void nonNegative(String where, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidPricesException(where + ": " + key + " is " + value + ": a price per GB is a number"
                    + " of US dollars, 0 or more");
        }
    }

    private static ObjectMapper mapper() {
        // YAML 1.1 reads JSON too, so one parser serves both forms of the file
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A prices file that cannot be used, in one sentence naming the key and the fix. */
    public static final class InvalidPricesException extends RuntimeException {
        public InvalidPricesException(String message) {
            super(message);
        }
    }
}
