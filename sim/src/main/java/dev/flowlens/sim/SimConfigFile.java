package dev.flowlens.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * A scenario file: a JSON object whose keys (hyphenated, as documented in the README) override
 * {@link SimConfig#defaults()}. Unknown keys and wrong types are errors that name the key.
 */
public final class SimConfigFile {
    private SimConfigFile() {}

    public static SimConfig read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": a scenario file is a JSON object");
        }
        return apply(SimConfig.defaults(), root);
    }

    public static SimConfig apply(SimConfig base, JsonNode overrides) {
        long seed = base.seed();
        String accountId = base.accountId();
        String region = base.region();
        Instant start = base.start();
        int minutes = base.durationMinutes();
        int services = base.services();
        int minTasks = base.minTasks();
        int maxTasks = base.maxTasks();
        double trunkedShare = base.trunkedShare();
        int standalone = base.standaloneTasks();
        int subnetPrefix = base.subnetPrefix();
        int cooldown = base.reuseCooldownSeconds();
        int window = base.windowSeconds();
        String format = base.format();
        double deployments = base.deploymentsPerHour();
        double crashes = base.crashesPerHour();
        int eventDelay = base.eventDelaySeconds();
        double duplicates = base.eventDuplicateRate();
        double loss = base.eventLossRate();
        boolean incidents = base.incidents();
        IncidentSet incidentSet = base.incidentSet();
        double untrunkedEc2 = base.untrunkedEc2Share();
        int accounts = base.accounts();
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "seed": seed = number(key, value).longValue(); break;
                case "account-id": accountId = text(key, value); break;
                case "region": region = text(key, value); break;
                case "start":
                    try {
                        start = Instant.parse(text(key, value));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("start: not an ISO-8601 instant: " + value.asText());
                    }
                    break;
                case "duration-minutes": minutes = number(key, value).intValue(); break;
                case "services": services = number(key, value).intValue(); break;
                case "min-tasks": minTasks = number(key, value).intValue(); break;
                case "max-tasks": maxTasks = number(key, value).intValue(); break;
                case "trunked-share": trunkedShare = number(key, value).doubleValue(); break;
                case "standalone-tasks": standalone = number(key, value).intValue(); break;
                case "subnet-prefix": subnetPrefix = number(key, value).intValue(); break;
                case "reuse-cooldown-seconds": cooldown = number(key, value).intValue(); break;
                case "window-seconds": window = number(key, value).intValue(); break;
                case "format": format = text(key, value); break;
                case "deployments-per-hour": deployments = number(key, value).doubleValue(); break;
                case "crashes-per-hour": crashes = number(key, value).doubleValue(); break;
                case "event-delay-seconds": eventDelay = number(key, value).intValue(); break;
                case "event-duplicate-rate": duplicates = number(key, value).doubleValue(); break;
                case "event-loss-rate": loss = number(key, value).doubleValue(); break;
                case "untrunked-ec2-share": untrunkedEc2 = number(key, value).doubleValue(); break;
                case "accounts": accounts = number(key, value).intValue(); break;
                case "incidents":
                    if (!value.isBoolean()) {
                        throw new IllegalArgumentException("incidents: must be true or false");
                    }
                    incidents = value.asBoolean();
                    break;
                case "incident-set":
                    try {
                        incidentSet = IncidentSet.fromWireName(text(key, value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + ": " + e.getMessage());
                    }
                    break;
                default: throw new IllegalArgumentException("unknown scenario key '" + key + "'");
            }
        }
        return new SimConfig(seed, accountId, region, start, minutes, services, minTasks, maxTasks, trunkedShare,
                standalone, subnetPrefix, cooldown, window, format, deployments, crashes, eventDelay, duplicates,
                loss, incidents, incidentSet, untrunkedEc2, accounts);
    }

    private static Number number(String key, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(key + ": must be a number");
        }
        return value.numberValue();
    }

    private static String text(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(key + ": must be a string");
        }
        return value.asText();
    }
}
