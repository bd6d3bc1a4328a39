package dev.flowlens.enrich.index;

import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the index keeps of one task, compactly: the values that repeat across tasks as references to the index's kept
 * instances ({@link TaskStrings}), the ones the task owns alone packed into primitives ({@link TaskIds}: the ARN as
 * its kept prefix {@code arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/} and its id, the task id as that id, the ENI id,
 * the MAC address), times as primitive longs. Holding the delivered {@code TaskIdentity} instead costs each task its
 * own ARN, task id and ENI id texts and boxed times, more than half of the index's heap per task.
 *
 * <p>It is also the task's {@link Lookup} answer, so a hold names its owner without another object; the
 * {@code TaskIdentity} a lookup hands out is made from it on demand and kept in the index's bounded
 * {@link IdentityCache}. Immutable once built: an update of the task is a new {@code HeldTask}.
 */
final class HeldTask extends Lookup {
    private static final int CREATED = 1;
    private static final int STARTED = 1 << 1;
    private static final int STOPPED = 1 << 2;
    private static final int CURRENT = 1 << 3;
    private static final int GROUPS_FROM_ENI = 1 << 4;
    /** The task id is the ARN's id (after its last {@code /}). */
    private static final int TASK_ID_IS_ARN_ID = 1 << 5;
    private static final int MAC_PACKED = 1 << 6;
    private static final int ID_FORM_SHIFT = 7; // 2 bits: TaskIds.ID_*
    private static final int ENI_SHIFT = 9; // 9 bits: TaskIds.eniBits

    /** The texts of a task that have no packed form; {@code null} in the common case that all have one. */
    private record Texts(String arnId, String taskId, String eniId, String macAddress) {}

    private final IdentityCache identities;
    /** The index's serial of this task: its slot in the identity cache. */
    final int serial;
    private final int flags;

    final String accountId;
    final String region;
    final String clusterArn;
    final String clusterName;
    final String serviceName;
    final String group;
    final String taskDefinition;
    final String taskDefinitionArn;
    final String launchType;
    final String capacityProvider;
    final String containerInstanceArn;
    final String availabilityZone;
    final String subnetId;
    final String vpcId;
    final String privateIpv4;
    final String ipv6;
    final List<String> securityGroups;
    final String interfaceType;
    final String lastStatus;
    /** The ARN up to and including its last {@code /}, kept once for the tasks of a cluster. */
    final String arnPrefix;
    private final Texts texts;
    private final long idHigh;
    private final long idLow;
    private final long eniLow;
    private final long mac;
    private final long createdAt;
    private final long startedAt;
    private final long stoppedAt;
    final long version;
    final long observedAt;

    private HeldTask(TaskState state, TaskStrings strings, IdentityCache identities, int serial) {
        super(null);
        TaskIdentity task = state.identity;
        this.identities = identities;
        this.serial = serial;
        accountId = strings.acquire(task.accountId);
        region = strings.acquire(task.region);
        clusterArn = strings.acquire(task.clusterArn);
        clusterName = strings.acquire(task.clusterName);
        serviceName = strings.acquire(task.serviceName);
        group = strings.acquire(task.group);
        taskDefinition = strings.acquire(task.taskDefinition);
        taskDefinitionArn = strings.acquire(task.taskDefinitionArn);
        launchType = strings.acquire(task.launchType);
        capacityProvider = strings.acquire(task.capacityProvider);
        containerInstanceArn = strings.acquire(task.containerInstanceArn);
        availabilityZone = strings.acquire(task.availabilityZone);
        subnetId = strings.acquire(task.subnetId);
        vpcId = strings.acquire(task.vpcId);
        privateIpv4 = strings.acquire(task.privateIpv4); // the next holders of the address repeat it
        ipv6 = task.ipv6;
        securityGroups = strings.acquireGroups(task.securityGroups);
        interfaceType = strings.acquire(task.interfaceType);
        lastStatus = strings.acquire(state.lastStatus);

        String arn = task.taskArn;
        int idStart = arn.lastIndexOf('/') + 1;
        arnPrefix = strings.acquire(arn.substring(0, idStart));
        int idForm = TaskIds.idForm(arn, idStart, arn.length());
        idHigh = idForm == TaskIds.ID_TEXT ? 0 : TaskIds.idHalf(arn, idStart, idForm, true);
        idLow = idForm == TaskIds.ID_TEXT ? 0 : TaskIds.idHalf(arn, idStart, idForm, false);
        String arnId = idForm == TaskIds.ID_TEXT ? arn.substring(idStart) : null;
        boolean idIsArnId = task.taskId != null && task.taskId.length() == arn.length() - idStart
                && arn.startsWith(task.taskId, idStart);
        int eniBits = task.eniId == null ? TaskIds.ENI_TEXT : TaskIds.eniBits(task.eniId);
        eniLow = eniBits == TaskIds.ENI_TEXT ? 0 : TaskIds.eniLow(task.eniId);
        boolean macPacked = task.macAddress != null && TaskIds.macPackable(task.macAddress);
        mac = macPacked ? TaskIds.mac(task.macAddress) : 0;
        String oddTaskId = idIsArnId ? null : task.taskId;
        String oddEni = eniBits == TaskIds.ENI_TEXT ? task.eniId : null;
        String oddMac = macPacked ? null : task.macAddress;
        texts = arnId == null && oddTaskId == null && oddEni == null && oddMac == null ? null
                : new Texts(arnId, oddTaskId, oddEni, oddMac);

        createdAt = task.createdAt == null ? 0 : task.createdAt;
        startedAt = task.startedAt == null ? 0 : task.startedAt;
        stoppedAt = task.stoppedAt == null ? 0 : task.stoppedAt;
        version = state.version;
        observedAt = state.observedAt;
        flags = (task.createdAt != null ? CREATED : 0) | (task.startedAt != null ? STARTED : 0)
                | (task.stoppedAt != null ? STOPPED : 0) | (state.current ? CURRENT : 0)
                | (state.groupsFromEni ? GROUPS_FROM_ENI : 0) | (idIsArnId ? TASK_ID_IS_ARN_ID : 0)
                | (macPacked ? MAC_PACKED : 0) | idForm << ID_FORM_SHIFT | eniBits << ENI_SHIFT;
    }

    /** The compact form of {@code state}, its repeating values taken from (and counted in) {@code strings}. */
    static HeldTask of(TaskState state, TaskStrings strings, IdentityCache identities, int serial) {
        return new HeldTask(state, strings, identities, serial);
    }

    /** Counts off this task's uses of the kept values (it leaves the index). */
    void release(TaskStrings strings) {
        strings.release(accountId);
        strings.release(region);
        strings.release(clusterArn);
        strings.release(clusterName);
        strings.release(serviceName);
        strings.release(group);
        strings.release(taskDefinition);
        strings.release(taskDefinitionArn);
        strings.release(launchType);
        strings.release(capacityProvider);
        strings.release(containerInstanceArn);
        strings.release(availabilityZone);
        strings.release(subnetId);
        strings.release(vpcId);
        strings.release(privateIpv4);
        strings.releaseGroups(securityGroups);
        strings.release(interfaceType);
        strings.release(lastStatus);
        strings.release(arnPrefix);
    }

    /** The identity, from the index's cache of the ones made lately. */
    @Override
    public TaskIdentity task() {
        return identities.identityOf(this);
    }

    /** A new identity with every field as the observations gave it; the security-group list is the kept one. */
    TaskIdentity identity() {
        TaskIdentity t = new TaskIdentity();
        t.accountId = accountId;
        t.region = region;
        t.clusterArn = clusterArn;
        t.clusterName = clusterName;
        t.serviceName = serviceName;
        t.group = group;
        String arnId = arnId();
        t.taskArn = arnPrefix.concat(arnId);
        t.taskId = (flags & TASK_ID_IS_ARN_ID) != 0 ? arnId : texts == null ? null : texts.taskId;
        t.taskDefinition = taskDefinition;
        t.taskDefinitionArn = taskDefinitionArn;
        t.launchType = launchType;
        t.capacityProvider = capacityProvider;
        t.containerInstanceArn = containerInstanceArn;
        t.availabilityZone = availabilityZone;
        t.subnetId = subnetId;
        t.vpcId = vpcId;
        t.eniId = eniId();
        t.macAddress = (flags & MAC_PACKED) != 0 ? TaskIds.macText(mac) : texts == null ? null : texts.macAddress;
        t.privateIpv4 = privateIpv4;
        t.ipv6 = ipv6;
        t.securityGroups = securityGroups;
        t.interfaceType = interfaceType;
        t.createdAt = (flags & CREATED) != 0 ? Long.valueOf(createdAt) : null;
        t.startedAt = (flags & STARTED) != 0 ? Long.valueOf(startedAt) : null;
        t.stoppedAt = (flags & STOPPED) != 0 ? Long.valueOf(stoppedAt) : null;
        return t;
    }

    /** The task as an observation of its own, with lists of its own (a copy the caller may change). */
    TaskState state() {
        TaskIdentity identity = identity();
        identity.securityGroups = securityGroups == null ? null : new ArrayList<>(securityGroups);
        TaskState state = TaskState.of(identity, version, lastStatus, observedAt);
        state.current = (flags & CURRENT) != 0;
        state.groupsFromEni = (flags & GROUPS_FROM_ENI) != 0;
        return state;
    }

    String taskArn() {
        return arnPrefix.concat(arnId());
    }

    /** The ARN's id, after its last {@code /}: the task id, for every task ECS names. */
    private String arnId() {
        int form = idForm();
        return form == TaskIds.ID_TEXT ? texts.arnId : TaskIds.id(form, idHigh, idLow);
    }

    /** The ENI id, or {@code null}. */
    String eniId() {
        int bits = eniBits();
        return bits != TaskIds.ENI_TEXT ? TaskIds.eniId(bits, eniLow) : texts == null ? null : texts.eniId;
    }

    boolean hasEni() {
        return eniBits() != TaskIds.ENI_TEXT || texts != null && texts.eniId != null;
    }

    /** Whether {@code taskArn} is this task's ARN. */
    boolean hasArn(String taskArn, int idStart, int idForm) {
        if (idStart != arnPrefix.length() || idForm != idForm() || !taskArn.startsWith(arnPrefix)) {
            return false;
        }
        if (idForm == TaskIds.ID_TEXT) {
            return taskArn.length() - idStart == texts.arnId.length() && taskArn.startsWith(texts.arnId, idStart);
        }
        return TaskIds.idHalf(taskArn, idStart, idForm, false) == idLow
                && TaskIds.idHalf(taskArn, idStart, idForm, true) == idHigh;
    }

    /** The hash of this task's ARN in {@link TaskTable}: {@link #arnHash(String, int, int)} of it, without it. */
    int arnHash() {
        int form = idForm();
        return 31 * arnPrefix.hashCode() + (form == TaskIds.ID_TEXT ? texts.arnId.hashCode()
                : Long.hashCode(idHigh * 0x9E3779B97F4A7C15L + idLow) + form);
    }

    /** The hash {@link #arnHash()} gives the task with {@code taskArn}, its id at {@code idStart} of form {@code idForm}. */
    static int arnHash(String taskArn, int idStart, int idForm) {
        int prefix = 0;
        for (int i = 0; i < idStart; i++) {
            prefix = 31 * prefix + taskArn.charAt(i); // String.hashCode of the prefix
        }
        int id;
        if (idForm == TaskIds.ID_TEXT) {
            id = 0;
            for (int i = idStart; i < taskArn.length(); i++) {
                id = 31 * id + taskArn.charAt(i);
            }
        } else {
            long high = TaskIds.idHalf(taskArn, idStart, idForm, true);
            long low = TaskIds.idHalf(taskArn, idStart, idForm, false);
            id = Long.hashCode(high * 0x9E3779B97F4A7C15L + low) + idForm;
        }
        return 31 * prefix + id;
    }

    /** Whether this task's ENI is {@code eniId}, given as {@link TaskIds#eniBits} and {@link TaskIds#eniLow}. */
    boolean hasEni(String eniId, int bits, long low) {
        if (bits != TaskIds.ENI_TEXT) {
            return eniBits() == bits && eniLow == low;
        }
        return eniBits() == TaskIds.ENI_TEXT && texts != null && eniId.equals(texts.eniId);
    }

    /** The hash of this task's ENI id in {@link EniTable}. */
    int eniHash() {
        int bits = eniBits();
        return bits != TaskIds.ENI_TEXT ? eniHash(bits, eniLow) : texts.eniId.hashCode();
    }

    static int eniHash(int bits, long low) {
        return Long.hashCode(low * 0x9E3779B97F4A7C15L) + bits;
    }

    private int idForm() {
        return (flags >>> ID_FORM_SHIFT) & 3;
    }

    private int eniBits() {
        return (flags >>> ENI_SHIFT) & 511;
    }

    boolean stopped() {
        return (flags & STOPPED) != 0;
    }

    long stoppedAt() {
        return stoppedAt;
    }

    /** {@link TaskState#holdsFrom}. */
    long holdsFrom() {
        if ((flags & CREATED) != 0) {
            return createdAt;
        }
        return (flags & STARTED) != 0 ? startedAt : observedAt;
    }

    /** {@link TaskState#holdsUntil}. */
    long holdsUntil() {
        return (flags & STOPPED) != 0 ? stoppedAt : Long.MAX_VALUE;
    }

    /** From when the task certainly held its addresses: its start, else the start of its hold. */
    long certainFrom() {
        return (flags & STARTED) != 0 ? startedAt : holdsFrom();
    }

    /** The newest time the task is known to have held its addresses: its newest observation, start or creation. */
    long lastEvidence() {
        long evidence = observedAt;
        if ((flags & STARTED) != 0) {
            evidence = Math.max(evidence, startedAt);
        }
        return Math.max(evidence, holdsFrom());
    }
}
