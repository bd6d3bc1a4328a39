package dev.flowlens.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.enrich.events.InvalidEventException;
import dev.flowlens.enrich.events.TaskStateChangeEvents;
import dev.flowlens.schemas.TaskState;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores enriched flows (JSON lines, as {@code flowlens attribute} writes them) against a simulation's ground truth,
 * and scores the naive IP-only join (each IP's last owner in the delivered metadata, whatever the time) on the same
 * records, so the difference is visible.
 */
public final class Evaluator {
    private final ObjectMapper json = new ObjectMapper();

    /** One record's truth: the true task of each end ({@code -} for none) and its situation tags. */
    private record Truth(String srcTask, String dstTask, String tags) {}

    public Evaluation evaluate(Path scenario, List<Path> enriched) throws IOException {
        Map<String, Truth> truth = readTruth(scenario.resolve("truth/flows.tsv"));
        Map<String, String> taskAccounts = new HashMap<>();
        Map<String, String> naiveOwner = naiveOwners(scenario.resolve("metadata"), taskAccounts);
        Map<String, Set<String>> trueGroups = readGroups(scenario.resolve("truth/tasks.tsv"));
        taskAccounts.putAll(readAccounts(scenario.resolve("truth/tasks.tsv")));
        Evaluation evaluation = new Evaluation();
        evaluation.records = truth.size();
        Set<String> seen = new HashSet<>();
        for (Path file : enriched) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long number = 0;
                while ((line = readLine(reader, file, ++number)) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode flow = flow(line, file, number);
                    JsonNode record = flow.path("flow");
                    String key = TruthKey.of(text(record, "interface-id"), text(record, "srcaddr"),
                            text(record, "srcport"), text(record, "dstaddr"), text(record, "dstport"),
                            text(record, "protocol"), text(record, "start"));
                    Truth expected = truth.get(key);
                    if (expected == null || !seen.add(key)) {
                        evaluation.unexpected++;
                        continue;
                    }
                    String recordAccount = text(record, "account-id");
                    score(evaluation, expected, flow.path("src"), expected.srcTask(),
                            naiveOwner.get(text(record, "srcaddr")), recordAccount, taskAccounts);
                    score(evaluation, expected, flow.path("dst"), expected.dstTask(),
                            naiveOwner.get(text(record, "dstaddr")), recordAccount, taskAccounts);
                    scoreGroups(evaluation, flow.path("src"), trueGroups.get(expected.srcTask()));
                    scoreGroups(evaluation, flow.path("dst"), trueGroups.get(expected.dstTask()));
                }
            }
        }
        evaluation.missing = truth.size() - seen.size();
        return evaluation;
    }

    private static String readLine(BufferedReader reader, Path file, long number) throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, number, "not UTF-8 text");
        }
    }

    private JsonNode flow(String line, Path file, long number) throws InvalidInputException {
        try {
            JsonNode flow = json.readTree(line);
            if (flow.isObject()) {
                return flow;
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, number, "not an enriched flow (invalid JSON)");
        }
        throw new InvalidInputException(file, number, "not an enriched flow (not a JSON object)");
    }

    /** A line of the enriched flows that cannot be scored: the file, the line and what is wrong with it. */
    public static final class InvalidInputException extends IOException {
        InvalidInputException(Path file, long line, String problem) {
            super("'" + file + "' line " + line + ": " + problem
                    + "; give the JSON lines of 'flowlens attribute' or 'flowlens run enrich'");
        }
    }

    private static void score(Evaluation evaluation, Truth truth, JsonNode end, String trueTask, String naiveTask,
            String recordAccount, Map<String, String> taskAccounts) {
        String found = end.path("task").isObject() ? end.path("task").path("task-id").asText(null) : null;
        // the truth's account: the true task's, else (no task) the recording interface's
        String trueAccount = "-".equals(trueTask) ? recordAccount : taskAccounts.getOrDefault(trueTask, recordAccount);
        if (found != null && trueAccount != null) {
            String foundAccount = end.path("task").path("account-id").asText(null);
            if (foundAccount != null && !foundAccount.equals(trueAccount)) {
                evaluation.flowlens.crossAccount++;
            }
        }
        if (naiveTask != null && trueAccount != null) {
            String naiveAccount = taskAccounts.get(naiveTask);
            if (naiveAccount != null && !naiveAccount.equals(trueAccount)) {
                evaluation.naive.crossAccount++;
            }
        }
        String method = end.path("attribution").asText("unattributed");
        evaluation.attributionMethods.merge(method.startsWith("unattributed") ? "unattributed" : method, 1L,
                Long::sum);
        String outcome;
        if (found != null) {
            outcome = found.equals(trueTask) ? "correct" : "wrong";
        } else if ("-".equals(trueTask)) {
            outcome = "correct"; // rightly no task
        } else {
            outcome = end.path("attribution").asText("unattributed");
        }
        String naiveOutcome = naiveTask == null ? ("-".equals(trueTask) ? "correct" : "unattributed:never-seen")
                : naiveTask.equals(trueTask) ? "correct" : "wrong";
        evaluation.flowlens.add(outcome);
        evaluation.naive.add(naiveOutcome);
        for (String tag : truth.tags().split(",")) {
            if (!tag.equals("-") && !tag.isEmpty()) {
                evaluation.flowlensBySituation.computeIfAbsent(tag, t -> new Evaluation.Counts()).add(outcome);
                evaluation.naiveBySituation.computeIfAbsent(tag, t -> new Evaluation.Counts()).add(naiveOutcome);
            }
        }
    }

    /** Scores an end's groups against its true task's ({@code null}: the end is no task). */
    private static void scoreGroups(Evaluation evaluation, JsonNode end, Set<String> expected) {
        JsonNode task = end.path("task");
        JsonNode groups = task.isObject() ? task.get("security-groups") : null;
        boolean known = groups != null && groups.isArray();
        if (task.isObject()) {
            evaluation.taskEnds++;
            if (known) {
                evaluation.taskEndsWithGroups++;
            }
        }
        if (expected == null) {
            if (known) {
                evaluation.securityGroups.add("wrong"); // groups on an end that is no task
            }
            return;
        }
        if (!known) {
            evaluation.securityGroups.add("unknown");
            return;
        }
        Set<String> found = new HashSet<>();
        groups.forEach(group -> found.add(group.asText()));
        evaluation.securityGroups.add(found.equals(expected) ? "correct" : "wrong");
    }

    /** Each task's account, from {@code truth/tasks.tsv}'s {@code account_id} (several accounts only), else empty. */
    private static Map<String, String> readAccounts(Path file) throws IOException {
        Map<String, String> accounts = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return accounts;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            int column = header == null ? -1 : List.of(header.split("\t", -1)).indexOf("account_id");
            if (column < 0) {
                return accounts;
            }
            String line;
            while ((line = reader.readLine()) != null) {
                String[] columns = line.split("\t", -1);
                if (columns.length > column) {
                    accounts.put(columns[0], columns[column]);
                }
            }
        }
        return accounts;
    }

    /** Each task's true security groups, from {@code truth/tasks.tsv}; empty when the truth has no such column. */
    private static Map<String, Set<String>> readGroups(Path file) throws IOException {
        Map<String, Set<String>> groups = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return groups;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            int column = header == null ? -1 : List.of(header.split("\t", -1)).indexOf("security_groups");
            if (column < 0) {
                return groups;
            }
            String line;
            while ((line = reader.readLine()) != null) {
                String[] columns = line.split("\t", -1);
                if (columns.length > column) {
                    Set<String> of = new HashSet<>();
                    for (String group : columns[column].split(",")) {
                        if (!group.isEmpty()) {
                            of.add(group);
                        }
                    }
                    groups.put(columns[0], of);
                }
            }
        }
        return groups;
    }

    private static Map<String, Truth> readTruth(Path file) throws IOException {
        Map<String, Truth> truth = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine(); // header
            String line;
            while ((line = reader.readLine()) != null) {
                String[] columns = line.split("\t", -1);
                if (columns.length == 4) {
                    truth.put(columns[0], new Truth(columns[1], columns[2], columns[3]));
                }
            }
        }
        return truth;
    }

    /**
     * The naive join's map: every IP to the last task the delivered metadata showed with it, in any account; each
     * task's account (from its ARN) into {@code accounts}.
     */
    private Map<String, String> naiveOwners(Path metadata, Map<String, String> accounts) throws IOException {
        Map<String, String> owner = new HashMap<>();
        JsonNode snapshot = json.readTree(metadata.resolve("snapshot.json").toFile());
        for (JsonNode task : snapshot.path("tasks")) {
            String arn = task.path("taskArn").asText();
            for (JsonNode detail : task.path("attachments").path(0).path("details")) {
                if ("privateIPv4Address".equals(detail.path("name").asText())) {
                    owner.put(detail.path("value").asText(), arn.substring(arn.lastIndexOf('/') + 1));
                    String[] parts = arn.split(":");
                    if (parts.length > 4) {
                        accounts.put(arn.substring(arn.lastIndexOf('/') + 1), parts[4]);
                    }
                }
            }
        }
        TaskStateChangeEvents events = new TaskStateChangeEvents();
        for (String line : Files.readAllLines(metadata.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            try {
                TaskState state = events.parse(line.getBytes(StandardCharsets.UTF_8));
                if (state.identity.privateIpv4 != null) {
                    owner.put(state.identity.privateIpv4, state.identity.taskId);
                }
                if (state.identity.accountId != null) {
                    accounts.put(state.identity.taskId, state.identity.accountId);
                }
            } catch (InvalidEventException e) {
                // the naive join skips what it cannot read, as naive joins do
            }
        }
        return owner;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
