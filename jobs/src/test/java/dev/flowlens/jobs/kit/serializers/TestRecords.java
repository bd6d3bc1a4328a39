package dev.flowlens.jobs.kit.serializers;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Flow records for the serializer's tests: simulated ones and the corners no simulation makes. */
final class TestRecords {
    private TestRecords() {}

    /** Every record a simulation of {@code seed} generates, in the given format ({@code v2} ... {@code v11}). */
    static List<FlowRecord> simulated(long seed, String format, int minutes) {
        List<FlowRecord> records = new ArrayList<>();
        new Simulation(SimConfig.defaults().withSeed(seed).withDuration(minutes).withFormat(format))
                .generate((record, srcTask, dstTask, tags) -> records.add(record));
        return records;
    }

    /** The public instance fields of {@link FlowRecord}, in declaration order. */
    static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : FlowRecord.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && !Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** A record with every field set: each int, long and string to {@code value} of its kind. */
    static FlowRecord everyField(int intValue, long longValue, String text) {
        FlowRecord record = new FlowRecord();
        for (Field field : fields()) {
            try {
                if (field.getType() == Integer.class) {
                    field.set(record, intValue);
                } else if (field.getType() == Long.class) {
                    field.set(record, longValue);
                } else {
                    field.set(record, text);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return record;
    }

    /** A record with only the field at {@code index} set (to a value naming the field). */
    static FlowRecord onlyField(int index) {
        FlowRecord record = new FlowRecord();
        Field field = fields().get(index);
        try {
            if (field.getType() == Integer.class) {
                field.set(record, index + 1);
            } else if (field.getType() == Long.class) {
                field.set(record, -1L - index);
            } else {
                field.set(record, field.getName());
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return record;
    }

    /** The corners: all null, each field alone, every field at its extremes, long and non-ASCII strings. */
    static List<FlowRecord> corners() {
        List<FlowRecord> records = new ArrayList<>();
        records.add(new FlowRecord());
        for (int i = 0; i < fields().size(); i++) {
            records.add(onlyField(i));
        }
        records.add(everyField(Integer.MIN_VALUE, Long.MIN_VALUE, ""));
        records.add(everyField(Integer.MAX_VALUE, Long.MAX_VALUE, "x"));
        records.add(everyField(-1, -1L, "ünïcødé ⇄ 流 \uD83D\uDE80 \u0000"));
        records.add(everyField(0, 0L, "a".repeat(70_000))); // longer than writeUTF's 65,535 bytes
        return records;
    }
}
