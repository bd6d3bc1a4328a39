package dev.flowlens.testkit;

/**
 * Task observations for tests:
 * {@code TaskStates.task("web1").service("web").ip("10.0.1.10").createdAt(t).stoppedAt(t + hour).build()}.
 */
public final class TaskStates {
    private TaskStates() {}

    /** A running Fargate task of service {@code svc} with id {@code taskId}, {@link TaskStateBuilder}'s defaults. */
    public static TaskStateBuilder task(String taskId) {
        return new TaskStateBuilder(taskId);
    }
}
