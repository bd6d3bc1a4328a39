package dev.flowlens.enrich;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import dev.flowlens.testkit.TaskStateBuilder;
import dev.flowlens.testkit.TaskStates;

/**
 * The old helpers' signatures over the test kit's {@link TaskStates}, kept only for {@code IndexChurnTest} while
 * that test changes on another branch; delete this class once it uses the kit. Times are epoch millis.
 */
final class Tasks {
    private Tasks() {}

    static TaskIdentity task(String id, String service, String ipv4, String eni, Long createdAt, Long stoppedAt) {
        TaskStateBuilder task = TaskStates.task(id).ip(ipv4).eni(eni).createdAt(createdAt).stoppedAt(stoppedAt);
        return (service == null ? task.standalone("batch") : task.service(service)).identity();
    }

    static TaskState observed(TaskIdentity task, long version, String status, long observedAt) {
        return TaskState.of(task, version, status, observedAt);
    }
}
