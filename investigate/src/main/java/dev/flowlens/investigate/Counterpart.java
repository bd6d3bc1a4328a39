package dev.flowlens.investigate;

import java.time.Instant;
import java.util.List;

/**
 * One answer row: an end that was on the other side of flows with the subject, and those flows' totals. A task end
 * is named by its task (with its service, cluster and security groups; {@code address} is null); any other end by its
 * address and what it is.
 *
 * @param taskId the task's ID; {@code null} when the end is not a task
 * @param service the task's ECS service; {@code null} for a standalone task or a non-task end
 * @param cluster the task's cluster
 * @param securityGroups the task ENI's groups; {@code null} when unknown (or not a task), empty when it has none
 * @param address the end's address when it is not a task
 * @param peerClass what the end is: task, same-vpc, aws-service, internet or none
 * @param awsService the AWS service of an aws-service end
 * @param firstSeen the earliest capture start of the flows
 * @param lastSeen the latest capture end of the flows
 * @param flows how many flow-log records
 * @param bytes their bytes
 * @param packets their packets
 * @param accepted how many were accepted ({@code ACCEPT})
 * @param rejected how many were rejected ({@code REJECT})
 */
public record Counterpart(String taskId, String service, String cluster, List<String> securityGroups, String address,
        String peerClass, String awsService, Instant firstSeen, Instant lastSeen, long flows, long bytes,
        long packets, long accepted, long rejected) {
    /** The columns of the CSV and JSON forms, in order. */
    public static final List<String> COLUMNS = List.of("task_id", "service", "cluster", "security_groups", "address",
            "peer_class", "aws_service", "first_seen", "last_seen", "flows", "bytes", "packets", "accepted",
            "rejected");

    public Counterpart {
        securityGroups = securityGroups == null ? null : List.copyOf(securityGroups);
    }
}
