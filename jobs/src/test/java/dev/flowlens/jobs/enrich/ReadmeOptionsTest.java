package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.report.UsageReportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's key tables of {@code run enrich} and {@code run usage-report} list exactly the declared options, each with its default. */
class ReadmeOptionsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| ([^|]*) \\|");
    private static final String TABLE_START = "<!-- enrich-options -->";
    private static final String TABLE_END = "<!-- /enrich-options -->";

    @Test
    void readmeListsEveryOptionWithItsDefault() throws Exception {
        assertTable(TABLE_START, TABLE_END, EnrichmentOptions.ALL);
    }

    /** The same for {@code run usage-report}'s keys. */
    @Test
    void readmeListsEveryUsageReportOptionWithItsDefault() throws Exception {
        assertTable("<!-- usage-report-options -->", "<!-- /usage-report-options -->", UsageReportOptions.ALL);
    }

    private static void assertTable(String start, String end, List<JobOption<?>> options) throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../README.md"))) {
            if (line.equals(start)) {
                inTable = true;
            } else if (line.equals(end)) {
                inTable = false;
            } else if (inTable) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    documented.put(row.group(1), row.group(2).strip());
                }
            }
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (JobOption<?> option : options) {
            declared.put(option.key(), option.defaultText() == null ? "" : "`" + option.defaultText() + "`");
        }
        assertThat(documented).as("README rows between %s and %s; expected:%n%s", start, end,
                String.join("\n", expectedRows(options))).isEqualTo(declared);
    }

    private static List<String> expectedRows(List<JobOption<?>> options) {
        List<String> rows = new ArrayList<>();
        for (JobOption<?> option : options) {
            String value = option.defaultText() == null ? "" : "`" + option.defaultText() + "`";
            rows.add("| `" + option.key() + "` | " + value + " | " + option.description() + " |");
        }
        return rows;
    }
}
