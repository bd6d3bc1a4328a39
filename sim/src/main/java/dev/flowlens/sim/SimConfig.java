package dev.flowlens.sim;

import java.time.Instant;

/**
 * A scenario: the fleet, its churn, its traffic, the metadata's delivery quirks and the injected incidents. The
 * defaults make a few hundred tasks over 30 minutes; every random choice derives from {@link #seed}.
 *
 * @param start the first capture window's start
 * @param services ECS services, each with {@code minTasks..maxTasks} tasks
 * @param trunkedShare share of services on EC2 container instances with ENI trunking (branch ENIs)
 * @param standaloneTasks tasks started outside services ({@code family:} groups)
 * @param subnetPrefix prefix length of each AZ's task subnet: small subnets make IP pools tight
 * @param reuseCooldownSeconds how soon a released IP may go to the next task
 * @param windowSeconds the flow-log aggregation window: 60 or 600
 * @param format {@code v2} (default 14 fields), {@code v5}, {@code v7} or {@code v11} (custom formats)
 * @param eventDelaySeconds most delay between an ECS state change and its event's delivery
 * @param eventDuplicateRate share of events delivered twice
 * @param eventLossRate share of events never delivered
 * @param incidents whether to inject the security incidents
 * @param incidentSet which incidents: the base set, the catalogue's variants, or all; the variants need at least
 *     {@link IncidentSet#VARIANTS_MINUTES} minutes
 * @param untrunkedEc2Share share of the other services (not trunked) that run on EC2 container instances without ENI
 *     trunking, one ENI per task, instead of Fargate; 0 by default, so the default scenario's events are as before
 * @param accounts how many AWS accounts (1 by default): each has its own VPC with the same CIDR and its own fleet,
 *     and its records carry {@code account-id} and {@code vpc-id} (the {@code v2} format becomes {@code v5}, which has
 *     both); the first account is {@link #accountId}, with the scenario of one account
 */
public record SimConfig(long seed, String accountId, String region, Instant start, int durationMinutes,
        int services, int minTasks, int maxTasks, double trunkedShare, int standaloneTasks, int subnetPrefix,
        int reuseCooldownSeconds, int windowSeconds, String format, double deploymentsPerHour,
        double crashesPerHour, int eventDelaySeconds, double eventDuplicateRate, double eventLossRate,
        boolean incidents, IncidentSet incidentSet, double untrunkedEc2Share, int accounts) {

    /** A scenario of one account. */
    public SimConfig(long seed, String accountId, String region, Instant start, int durationMinutes, int services,
            int minTasks, int maxTasks, double trunkedShare, int standaloneTasks, int subnetPrefix,
            int reuseCooldownSeconds, int windowSeconds, String format, double deploymentsPerHour,
            double crashesPerHour, int eventDelaySeconds, double eventDuplicateRate, double eventLossRate,
            boolean incidents, IncidentSet incidentSet, double untrunkedEc2Share) {
        this(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks, trunkedShare,
                standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format, deploymentsPerHour,
                crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents, incidentSet,
                untrunkedEc2Share, 1);
    }

    /** A scenario without untrunked EC2 services (all services but the trunked ones on Fargate). */
    public SimConfig(long seed, String accountId, String region, Instant start, int durationMinutes, int services,
            int minTasks, int maxTasks, double trunkedShare, int standaloneTasks, int subnetPrefix,
            int reuseCooldownSeconds, int windowSeconds, String format, double deploymentsPerHour,
            double crashesPerHour, int eventDelaySeconds, double eventDuplicateRate, double eventLossRate,
            boolean incidents, IncidentSet incidentSet) {
        this(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks, trunkedShare,
                standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format, deploymentsPerHour,
                crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents, incidentSet, 0);
    }

    public static SimConfig defaults() {
        return new SimConfig(42, "123456789012", "us-east-1", Instant.parse("2024-05-06T09:00:00Z"), 30, 12, 4, 40,
                0.25, 8, 24, 5, 60, "v2", 8, 30, 30, 0.05, 0.01, true, IncidentSet.BASE);
    }

    public SimConfig {
        if (accounts < 1 || accounts > 100) {
            throw new IllegalArgumentException("accounts must be between 1 and 100");
        }
        if (accounts > 1 && !accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("with several accounts, account-id must be 12 digits (the first"
                    + " account; the others follow it)");
        }
        if (accounts > 1 && "v2".equals(format)) {
            format = "v5"; // several accounts' records must say whose (account-id) and which VPC (vpc-id)
        }
        if (windowSeconds != 60 && windowSeconds != 600) {
            throw new IllegalArgumentException("windowSeconds must be 60 or 600");
        }
        if (!format.equals("v2") && !format.equals("v5") && !format.equals("v7") && !format.equals("v11")) {
            throw new IllegalArgumentException("format must be v2, v5, v7 or v11");
        }
        if (durationMinutes < 1 || services < 1 || minTasks < 1 || maxTasks < minTasks) {
            throw new IllegalArgumentException("duration, services and task counts must be positive");
        }
        if (subnetPrefix < 20 || subnetPrefix > 28) {
            throw new IllegalArgumentException("subnetPrefix must be between 20 and 28");
        }
        if (untrunkedEc2Share < 0 || untrunkedEc2Share > 1) {
            throw new IllegalArgumentException("untrunkedEc2Share must be between 0 and 1");
        }
        if (incidentSet == null) {
            throw new IllegalArgumentException("incidentSet must be base, variants or all");
        }
        if (incidents && incidentSet.hasVariants() && durationMinutes < IncidentSet.VARIANTS_MINUTES) {
            throw new IllegalArgumentException("the '" + incidentSet.wireName() + "' incident set needs at least "
                    + IncidentSet.VARIANTS_MINUTES + " minutes (its exfiltration spread over hours lasts up to 3 h),"
                    + " not " + durationMinutes + ": raise the duration (duration-minutes, --minutes) or use the base set");
        }
    }

    public SimConfig withSeed(long newSeed) {
        return new SimConfig(newSeed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents,
                incidentSet, 0, accounts);
    }

    public SimConfig withDuration(int minutes) {
        return new SimConfig(seed, accountId, region, start, minutes, services, minTasks, maxTasks, trunkedShare,
                standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format, deploymentsPerHour,
                crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents,
                incidentSet, 0, accounts);
    }

    public SimConfig withoutIncidents() {
        return new SimConfig(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, false,
                incidentSet, untrunkedEc2Share, accounts);
    }

    public SimConfig withFormat(String newFormat) {
        return new SimConfig(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, newFormat,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents,
                incidentSet, 0, accounts);
    }

    public SimConfig withUntrunkedEc2Share(double share) {
        return new SimConfig(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents,
                incidentSet, share, accounts);
    }

    public SimConfig withIncidentSet(IncidentSet set) {
        return new SimConfig(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents,
                set, 0, accounts);
    }

    /** With {@code n} accounts (see {@link #accounts}). */
    public SimConfig withAccounts(int n) {
        return new SimConfig(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, incidents,
                incidentSet, untrunkedEc2Share, n);
    }

    /**
     * The scenario of account {@code k} (0 is this one's first) as a single account: its own id (the first's plus
     * {@code k}) and seed, so its fleet, addresses in the same CIDR and ENIs are its own; incidents only in the
     * first.
     */
    SimConfig account(int k) {
        if (k == 0) {
            return new SimConfig(seed, accountId, region, start, durationMinutes, services, minTasks, maxTasks,
                    trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                    deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate,
                    incidents, incidentSet, untrunkedEc2Share, 1);
        }
        String id = String.format("%012d", (Long.parseLong(accountId) + k) % 1_000_000_000_000L);
        return new SimConfig(seed + 7_919L * k, id, region, start, durationMinutes, services, minTasks, maxTasks,
                trunkedShare, standaloneTasks, subnetPrefix, reuseCooldownSeconds, windowSeconds, format,
                deploymentsPerHour, crashesPerHour, eventDelaySeconds, eventDuplicateRate, eventLossRate, false,
                incidentSet, untrunkedEc2Share, 1);
    }
}
