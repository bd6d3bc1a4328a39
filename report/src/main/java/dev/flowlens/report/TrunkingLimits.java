package dev.flowlens.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ECS ENI-trunking table as data: the branch-ENI limit (awsvpc tasks per instance with trunking) of each EC2
 * instance type ECS supports trunking on, shipped as {@code ecs-trunking-limits.csv} with its source and date in its
 * comment lines. A type it does not list has no branch-ENI limit.
 */
public final class TrunkingLimits {
    static final String RESOURCE = "ecs-trunking-limits.csv";

    private final Map<String, Integer> branchLimits;
    private final Map<String, Integer> limitsWithoutTrunking;

    private TrunkingLimits(Map<String, Integer> branchLimits, Map<String, Integer> limitsWithoutTrunking) {
        this.branchLimits = Map.copyOf(branchLimits);
        this.limitsWithoutTrunking = Map.copyOf(limitsWithoutTrunking);
    }

    /** The table shipped with Flowlens. */
    public static TrunkingLimits shipped() {
        try (InputStream in = TrunkingLimits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the report module");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrunkingLimits parse(BufferedReader lines) throws IOException {
        Map<String, Integer> branch = new LinkedHashMap<>();
        Map<String, Integer> without = new LinkedHashMap<>();
        String line;
        boolean header = true;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] fields = line.split(",");
            without.put(fields[0], Integer.parseInt(fields[1]));
            branch.put(fields[0], Integer.parseInt(fields[2]));
        }
        return new TrunkingLimits(branch, without);
    }

    /** The branch-ENI limit of {@code instanceType}, or {@code null} when the table does not list it. */
    public Integer branchEniLimit(String instanceType) {
        return branchLimits.get(instanceType);
    }

    /** The table's "task limit without ENI trunking", or {@code null}: kept to check the EC2 export against. */
    public Integer taskLimitWithoutTrunking(String instanceType) {
        return limitsWithoutTrunking.get(instanceType);
    }

    /** The instance types listed. */
    public java.util.Set<String> instanceTypes() {
        return branchLimits.keySet();
    }
}
