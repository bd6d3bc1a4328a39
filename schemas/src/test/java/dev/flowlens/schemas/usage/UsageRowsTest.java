package dev.flowlens.schemas.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.MarkdownTables;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageRowsTest {
    private static final Path DOC = Path.of("usage.md");

    @Test
    void usageMdListsEveryFieldOfEachRowInOrderWithItsType() throws Exception {
        assertThat(documented("service-usage")).containsExactlyElementsOf(fields(ServiceUsage.class));
        assertThat(documented("subnet-capacity")).containsExactlyElementsOf(fields(SubnetCapacity.class));
        assertThat(documented("instance-eni-density")).containsExactlyElementsOf(fields(InstanceEniDensity.class));
    }

    @Test
    void usableAddressesLeaveOutAwsReservedOnes() {
        assertThat(SubnetCapacity.usableAddresses(24)).isEqualTo(251);
        assertThat(SubnetCapacity.usableAddresses(28)).isEqualTo(11);
        assertThat(SubnetCapacity.usableAddresses(16)).isEqualTo(65_531);
        assertThatThrownBy(() -> SubnetCapacity.usableAddresses(29)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBranchLimitAppliesOnlyWithTrunking() {
        InstanceEniDensity instance = new InstanceEniDensity();
        instance.eniTaskLimit = 2;
        instance.branchEniLimit = 10;
        assertThat(instance.taskLimit()).isEqualTo(2);
        instance.trunking = true;
        assertThat(instance.taskLimit()).isEqualTo(10);
        instance.branchEniLimit = null; // a type without trunking support
        assertThat(instance.taskLimit()).isEqualTo(2);
    }

    @Test
    void anInstanceIsEniBoundWhenItsTasksHitTheLimitBeforeCpuAndMemory() {
        InstanceEniDensity instance = new InstanceEniDensity();
        instance.eniTaskLimit = 2;
        instance.peakAwsvpcTasks = 2;
        instance.peakCpuReserved = 0.5;
        instance.peakMemoryReserved = 0.4;
        assertThat(instance.eniBound()).isTrue();
        instance.peakMemoryReserved = 1.0;
        assertThat(instance.eniBound()).isFalse(); // memory ran out too
        instance.peakMemoryReserved = 0.4;
        instance.peakAwsvpcTasks = 1;
        assertThat(instance.eniBound()).isFalse();
    }

    /** "name type" of each documented field; a text field documented as nullable counts as "string". */
    private static List<String> documented(String table) throws Exception {
        List<String> fields = new ArrayList<>();
        for (List<String> row : MarkdownTables.rows(DOC, table)) {
            fields.add(MarkdownTables.code(row.get(0)) + " " + row.get(1).replace("string or null", "string"));
        }
        return fields;
    }

    /** "name type" of the type's instance fields in declaration order, hyphenated as CSV and JSON name them. */
    private static List<String> fields(Class<?> type) {
        List<String> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                String name = field.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
                fields.add(name + " " + jsonType(field.getType()));
            }
        }
        return fields;
    }

    private static String jsonType(Class<?> type) {
        if (type == long.class || type == int.class) {
            return "integer";
        } else if (type == Long.class || type == Integer.class) {
            return "integer or null";
        } else if (type == double.class) {
            return "number";
        } else if (type == Double.class) {
            return "number or null";
        } else if (type == boolean.class) {
            return "boolean";
        } else if (type == String.class || type.isEnum()) {
            return "string";
        }
        throw new AssertionError("no JSON type for " + type);
    }
}
