package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the capacity page of {@link CapacityScenario} in Debian's headless Chromium, as {@link UsageHtmlBrowserTest}
 * does the usage page (skipped when Chromium is missing): the title, an SVG drawn in every chart, nothing fetched
 * from elsewhere, and the tables' numbers equal to the CSVs' written from the same report.
 */
class CapacityHtmlBrowserTest {
    @TempDir
    static Path dir;
    static CapacityReport report;
    static String dom;
    static String page;

    @BeforeAll
    static void render() throws Exception {
        assumeTrue(HeadlessChromium.path() != null, "chromium is not installed: skipping the browser test of the"
                + " capacity page (.ci/run installs it; locally: apt-get install -y chromium)");
        CapacityScenario.writeTo(dir.resolve("metadata"));
        report = CapacityScenario.report(dir.resolve("metadata"));
        ReportFile.write(dir.resolve("capacity.html"), out -> CapacityHtml.write(report, out));
        ReportFile.write(dir.resolve("subnets.csv"), out -> CapacityRows.csv(report, CapacityRows.Table.SUBNETS, out));
        ReportFile.write(dir.resolve("instances.csv"),
                out -> CapacityRows.csv(report, CapacityRows.Table.INSTANCES, out));
        page = Files.readString(dir.resolve("capacity.html"));
        dom = HeadlessChromium.dumpDom(dir.resolve("capacity.html"), dir);
    }

    @Test
    void theTitleNamesThePeriod() {
        assertThat(dom).contains("<title>" + UsageHtml.escape(CapacityHtml.title(report)) + "</title>");
        assertThat(CapacityHtml.title(report)).contains("2026-05-01T10:00:00Z to 2026-05-01T13:00:00Z");
        assertThat(CapacityFormat.HTML.wroteIt(page)).isTrue();
    }

    @Test
    void everyChartRenderedAnSvg() {
        for (String chart : CapacityHtml.CHARTS) {
            Matcher div = Pattern.compile("<div class=\"chart\" id=\"" + chart + "\"[^>]*>(.*?)</div>\\s*(<h2|<table"
                    + "|<p)", Pattern.DOTALL).matcher(dom);
            assertThat(div.find()).as(chart + " is in the page").isTrue();
            assertThat(div.group(1)).as(chart + " drew an SVG").contains("<svg").contains("<path");
        }
    }

    @Test
    void nothingIsFetchedFromElsewhere() {
        String ours = page.replace(UsageHtml.echarts(), "");
        assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link");
        assertThat(ours).doesNotContain("http").doesNotContain("<img").doesNotContain("url(")
                .doesNotContain("fetch(");
    }

    @Test
    void theSubnetTableShowsTheCsvsNumbers() throws IOException {
        List<String[]> csv = csv("subnets.csv");
        Matcher row = Pattern.compile("<tr data-subnet=\"([^\"]+)\"><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>"
                + "<td class=\"n\">([^<]*)</td><td class=\"n\">([^<]*)</td><td class=\"n\">[^<]*</td>"
                + "<td class=\"n\">([^<]*)</td></tr>").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (row.find()) {
            shown.add(String.join(",", row.group(1), row.group(2), row.group(3), row.group(4),
                    row.group(5).equals("not growing") ? "" : row.group(5)));
        }
        List<String> expected = new ArrayList<>();
        for (String[] f : csv) {
            expected.add(String.join(",", f[4], f[6], f[7], f[8], f.length > 9 ? f[9] : ""));
        }
        assertThat(shown).hasSize(2).containsExactlyElementsOf(expected);
    }

    @Test
    void theInstanceTableShowsTheCsvsNumbersAndTheEniBoundOne() throws IOException {
        List<String[]> csv = csv("instances.csv");
        Matcher row = Pattern.compile("<tr data-instance=\"([^\"]+)\"><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>"
                + "((?:<td class=\"n\">[^<]*</td>){5})<td>([^<]*)</td></tr>").matcher(dom);
        List<String> shown = new ArrayList<>();
        List<String> bound = new ArrayList<>();
        while (row.find()) {
            Matcher cell = Pattern.compile("<td class=\"n\">([^<]*)</td>").matcher(row.group(4));
            List<String> cells = new ArrayList<>();
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            shown.add(row.group(1) + "," + row.group(2) + "," + (row.group(3).equals("on")) + ","
                    + String.join(",", cells));
            if (row.group(5).equals("ENIs")) {
                bound.add(row.group(1));
            }
        }
        List<String> expected = new ArrayList<>();
        for (String[] f : csv) {
            expected.add(String.join(",", f[4], f[6], f[7], f[8], f[9], f[10], f[11], f[12]));
        }
        assertThat(shown).hasSize(3).containsExactlyElementsOf(expected);
        assertThat(bound).containsExactly(CapacityScenario.CI_1);
    }

    private static List<String[]> csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }
}
