package dev.flowlens.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the simulated account's ECS and EC2 APIs describe at the end of the simulation: one source for the exports
 * a user would take then ({@link ScenarioWriter}'s {@code metadata/network-interfaces.json}) and for the local
 * endpoint that serves the same account over the wire protocols ({@link LocalAwsEndpoint}).
 */
final class AccountAtEnd {
    /** ECS lists a stopped task for about an hour after it stopped. */
    static final long STOPPED_LISTED_SECONDS = 3600;

    private AccountAtEnd() {}

    /**
     * One ENI as EC2 describes it.
     *
     * @param instanceId the instance the ENI is attached to (a trunk ENI, an EC2 task's own ENI); {@code null} for Fargate
     */
    record Eni(String id, String ip, int az, String type, boolean requesterManaged, List<String> groups,
            String description, String attachTime, String attachmentId, boolean deleteOnTermination,
            String instanceId, String instanceOwnerId, String requesterId) {}

    /**
     * The ENIs that exist at the end (a stopped task's ENI is deleted with it): the task ENIs ECS manages and the
     * trunk ENIs of the container instances. ECS's branch ENIs are not listed (trunked tasks take their service's
     * groups).
     */
    static List<Eni> networkInterfaces(Simulation sim) {
        Fleet fleet = sim.fleet;
        String account = sim.config.accountId();
        String region = sim.config.region();
        long end = sim.endSecond();
        List<Eni> enis = new ArrayList<>();
        for (SimTask task : fleet.tasks) {
            if (task.trunkEniId != null || (task.stoppedAt >= 0 && task.stoppedAt < end)) {
                continue;
            }
            enis.add(new Eni(task.eniId, task.ip, task.az, "interface", true, task.securityGroups,
                    "arn:aws:ecs:" + region + ":" + account + ":attachment/"
                            + UUID.nameUUIDFromBytes(task.eniId.getBytes(StandardCharsets.US_ASCII)),
                    Instant.ofEpochSecond(task.createdAt).toString(),
                    "ela-attach-" + task.eniId.substring(4, 12) + task.id.substring(0, 9), false,
                    // an EC2 task without trunking: its ENI is attached to the container instance
                    task.instance != null ? task.instance.instanceId : null,
                    task.instance != null ? account : "amazon-aws", "578734482556"));
        }
        String instancesGroup = null;
        for (int az = 0; az < fleet.trunkEnis.length; az++) {
            for (int i = 0; i < fleet.trunkEnis[az].length; i++) {
                String trunk = fleet.trunkEnis[az][i];
                if (instancesGroup == null) {
                    instancesGroup = "sg-0" + trunk.substring(5, 21);
                    fleet.groupNames.putIfAbsent(instancesGroup, "ecs-container-instances");
                }
                enis.add(new Eni(trunk, Fleet.LOAD_BALANCERS[0].replace("250.10", (240 + az) + "." + (10 + i)), az,
                        "trunk", false, List.of(instancesGroup), "ECS trunk interface", sim.start().toString(),
                        "eni-attach-" + trunk.substring(5, 21), true, "i-0" + trunk.substring(5, 21), account,
                        null));
            }
        }
        return enis;
    }

    /** The tasks ECS lists at the end: those running then, and those stopped within the last hour. */
    static List<SimTask> listedTasks(Simulation sim) {
        long end = sim.endSecond();
        List<SimTask> listed = new ArrayList<>();
        for (SimTask task : sim.fleet.tasks) {
            if (task.reportedCreatedAt < end && (running(task, end) || task.stoppedAt >= end - STOPPED_LISTED_SECONDS)) {
                listed.add(task);
            }
        }
        return listed;
    }

    /** Whether {@code task} has not stopped by {@code end}. */
    static boolean running(SimTask task, long end) {
        return task.stoppedAt < 0 || task.stoppedAt >= end;
    }

    /** The cluster a task runs in: standalone tasks in {@code batch}, services in {@code prod}. */
    static String cluster(SimTask task) {
        return task.standalone ? "batch" : "prod";
    }
}
