package dev.flowlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in Debian's headless Chromium ({@code .ci/run} installs it) and reads the DOM after load:
 * the title, an SVG drawn in every chart, no script or style fetched from elsewhere, and the totals table equal to
 * the sums of the CSV written from the same report.
 */
class UsageHtmlBrowserTest {
    @TempDir
    static Path dir;
    static UsageReport report;
    static String dom;
    static String page;

    @BeforeAll
    static void render() throws Exception {
        assumeTrue(HeadlessChromium.path() != null, "chromium is not installed: skipping the browser test of the HTML"
                + " report (.ci/run installs it; locally: apt-get install -y chromium)");
        UsageScenario scenario = new UsageScenario();
        scenario.writeTo(dir.resolve("dataset"));
        report = new UsageQuery(dir.resolve("dataset")).run(UsageScenario.PERIOD, Prices.defaults(), 10);
        ReportFile.write(report, ReportFormat.HTML, dir.resolve("usage.html"));
        ReportFile.write(report, ReportFormat.CSV, dir.resolve("usage.csv"));
        page = Files.readString(dir.resolve("usage.html"));
        dom = HeadlessChromium.dumpDom(dir.resolve("usage.html"), dir);
    }

    @Test
    void theTitleNamesThePeriodAndTheEstimate() {
        assertThat(dom).contains("<title>" + UsageHtml.escape(UsageHtml.title(report)) + "</title>");
        assertThat(UsageHtml.title(report)).contains("estimated cost").contains("2026-05-01T10:00:00Z");
        assertThat(dom).contains("Costs are estimates, not a bill");
    }

    @Test
    void everyChartRenderedAnSvg() {
        for (String chart : UsageHtml.CHARTS) {
            Matcher div = Pattern.compile("<div class=\"chart\" id=\"" + chart + "\"[^>]*>(.*?)</div>\\s*(<h2|<table"
                    + "|<p)", Pattern.DOTALL).matcher(dom);
            assertThat(div.find()).as(chart + " is in the page").isTrue();
            assertThat(div.group(1)).as(chart + " drew an SVG").contains("<svg").contains("<path");
        }
    }

    @Test
    void nothingIsFetchedFromElsewhere() throws IOException {
        assertThat(page).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link");
        String library;
        try (java.io.InputStream in = UsageHtml.class.getResourceAsStream(
                "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            library = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(page).contains(library); // inlined whole
        String ours = page.replace(library, "");
        assertThat(ours).doesNotContain("http").doesNotContain("<img").doesNotContain("url(")
                .doesNotContain("@import").doesNotContain("fetch(");
    }

    @Test
    void theTotalsShownAreTheCsvsSums() throws IOException {
        Map<String, long[]> fromCsv = new LinkedHashMap<>();
        Map<String, java.math.BigDecimal> costFromCsv = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("usage.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String service = f[header.indexOf("cluster")] + "/"
                    + (f[header.indexOf("service")].isEmpty() ? "(standalone tasks)" : f[header.indexOf("service")]);
            long[] t = fromCsv.computeIfAbsent(service, k -> new long[5]);
            int side = f[header.indexOf("direction")].equals("out") ? 0 : 1;
            t[side] += Long.parseLong(f[header.indexOf("bytes")]);
            t[2 + side] += Long.parseLong(f[header.indexOf("packets")]);
            t[4] += Long.parseLong(f[header.indexOf("flows")]);
            costFromCsv.merge(service, new java.math.BigDecimal(f[header.indexOf("estimated-cost-usd")]),
                    java.math.BigDecimal::add);
        }
        Matcher row = Pattern.compile("<tr data-service=\"([^\"]+)\"><td>[^<]*</td>((?:<td class=\"n\">[^<]*</td>){6})"
                + "</tr>").matcher(dom);
        Map<String, long[]> shown = new LinkedHashMap<>();
        Map<String, java.math.BigDecimal> costShown = new HashMap<>();
        while (row.find()) {
            Matcher cell = Pattern.compile("<td class=\"n\">([^<]*)</td>").matcher(row.group(2));
            long[] t = new long[5];
            for (int i = 0; i < 5; i++) {
                cell.find();
                t[i] = Long.parseLong(cell.group(1).replace(",", ""));
            }
            cell.find();
            shown.put(row.group(1), t);
            costShown.put(row.group(1), new java.math.BigDecimal(cell.group(1)));
        }
        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(fromCsv.keySet());
        for (String service : fromCsv.keySet()) {
            assertThat(shown.get(service)).as(service).containsExactly(fromCsv.get(service));
            assertThat(costShown.get(service)).as(service).isEqualByComparingTo(costFromCsv.get(service));
        }
        assertThat(fromCsv).hasSize(3); // prod/web, prod/api and the standalone task
    }
}
