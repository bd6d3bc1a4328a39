package dev.flowlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.usage.InstanceEniDensity;
import dev.flowlens.schemas.usage.SubnetCapacity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The capacity report as one self-contained HTML page, as {@link UsageHtml} makes the usage one: the rows as tables
 * (the CSV's numbers), and charts drawn by Apache ECharts inlined from its WebJar (SVG, no animation): addresses in use
 * per subnet over time against its usable size, awsvpc tasks per container instance against the limit in effect, and
 * the CPU and memory reserved on each.
 */
public final class CapacityHtml {
    /** Marks the pages this report writes, so a later run knows it may replace one (see {@link ReportFile}). */
    public static final String GENERATOR = "flowlens report capacity";
    /** The chart divs, in page order; each holds an SVG once the page has loaded. */
    public static final List<String> CHARTS = List.of("chart-subnets", "chart-instances", "chart-reserved");

    private CapacityHtml() {}

    public static String title(CapacityReport report) {
        return "Flowlens capacity: subnet address headroom and ENI density, " + report.period();
    }

    public static void write(CapacityReport report, Writer out) throws IOException {
        StringBuilder page = new StringBuilder(1 << 14);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"generator\" content=\"").append(GENERATOR).append("\">\n")
                .append("<title>").append(UsageHtml.escape(title(report))).append("</title>\n")
                .append("<style>\n").append(UsageHtml.STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(UsageHtml.escape(title(report))).append("</h1>\n");
        subnets(report, page);
        page.append("<h2>Addresses in use per subnet (peak per ").append(report.step() / 60)
                .append(" min) against its usable size</h2>\n<div class=\"chart\" id=\"chart-subnets\"></div>\n");
        instances(report, page);
        // a bar pair per instance: the charts grow with the fleet
        String height = " style=\"height: " + Math.max(380, 28 * report.instances().size() + 80) + "px\"";
        page.append("<h2>Peak awsvpc tasks per container instance against the limit in effect</h2>\n")
                .append("<div class=\"chart\" id=\"chart-instances\"").append(height).append("></div>\n")
                .append("<h2>Peak CPU and memory reserved per container instance (share)</h2>\n")
                .append("<div class=\"chart\" id=\"chart-reserved\"").append(height).append("></div>\n");
        coverage(report, page);
        out.write(page.toString());
        out.write("<script>\n");
        out.write(UsageHtml.echarts());
        out.write("\n</script>\n<script>\nconst report = ");
        out.write(UsageHtml.scriptSafe(chartData(report)));
        out.write(";\n");
        out.write(CHART_SCRIPT);
        out.write("</script>\n</body>\n</html>\n");
        out.flush();
    }

    private static void subnets(CapacityReport report, StringBuilder page) {
        page.append("<h2>Task subnets</h2>\n<table id=\"subnets\">\n<thead><tr><th>subnet</th><th>AZ</th><th>CIDR</th>")
                .append("<th class=\"n\">usable addresses</th><th class=\"n\">peak in use</th>")
                .append("<th class=\"n\">peak share</th><th class=\"n\">days to exhaustion</th></tr></thead>\n")
                .append("<tbody>\n");
        for (SubnetCapacity row : report.subnets()) {
            page.append("<tr data-subnet=\"").append(UsageHtml.escape(row.subnetId)).append("\"><td>")
                    .append(UsageHtml.escape(row.subnetId)).append("</td><td>")
                    .append(UsageHtml.escape(row.availabilityZone)).append("</td><td>")
                    .append(UsageHtml.escape(row.cidr)).append("</td>")
                    .append(cell(Long.toString(row.usableAddresses))).append(cell(Long.toString(row.peakInUse)))
                    .append(cell(String.format(Locale.ROOT, "%.1f%%", 100.0 * row.peakInUse / row.usableAddresses)))
                    .append(cell(row.daysToExhaustion == null ? "not growing"
                            : CapacityRows.decimal(row.daysToExhaustion).toPlainString()))
                    .append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void instances(CapacityReport report, StringBuilder page) {
        page.append("<h2>Container instances</h2>\n<table id=\"instances\">\n<thead><tr><th>container instance</th>")
                .append("<th>type</th><th>trunking</th><th class=\"n\">ENI task limit</th>")
                .append("<th class=\"n\">branch-ENI limit</th><th class=\"n\">peak awsvpc tasks</th>")
                .append("<th class=\"n\">peak CPU reserved</th><th class=\"n\">peak memory reserved</th>")
                .append("<th>bound by</th></tr></thead>\n<tbody>\n");
        for (InstanceEniDensity row : report.instances()) {
            page.append("<tr data-instance=\"").append(UsageHtml.escape(row.containerInstanceArn)).append("\"><td>")
                    .append(UsageHtml.escape(label(row))).append("</td><td>")
                    .append(UsageHtml.escape(row.instanceType)).append("</td><td>")
                    .append(row.trunking ? "on" : "off").append("</td>")
                    .append(cell(Integer.toString(row.eniTaskLimit)))
                    .append(cell(row.branchEniLimit == null ? "" : row.branchEniLimit.toString()))
                    .append(cell(Integer.toString(row.peakAwsvpcTasks)))
                    .append(cell(CapacityRows.decimal(row.peakCpuReserved).toPlainString()))
                    .append(cell(CapacityRows.decimal(row.peakMemoryReserved).toPlainString()))
                    .append("<td>").append(bound(row)).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n<p class=\"coverage\">An instance is ENI-bound when its peak of awsvpc tasks")
                .append(" reached the limit in effect (the branch-ENI limit with trunking, else the ENI limit less the")
                .append(" primary ENI) while its CPU and memory were not fully reserved.</p>\n");
    }

    /** What bounded the instance at its peak: ENIs, CPU, memory, or nothing yet. */
    static String bound(InstanceEniDensity row) {
        if (row.eniBound()) {
            return "ENIs";
        }
        if (row.peakCpuReserved >= 1) {
            return "CPU";
        }
        if (row.peakMemoryReserved >= 1) {
            return "memory";
        }
        return "-";
    }

    private static String label(InstanceEniDensity row) {
        return row.instanceId != null ? row.instanceId : CapacityInputs.lastSegment(row.containerInstanceArn);
    }

    private static String cell(String text) {
        return "<td class=\"n\">" + UsageHtml.escape(text) + "</td>";
    }

    private static void coverage(CapacityReport report, StringBuilder page) {
        CapacityReport.Coverage c = report.coverage();
        page.append(String.format(Locale.ROOT, "<p class=\"coverage\">Counted: %,d tasks from the events (%,d with an"
                + " ENI), %,d other ENIs of the task subnets from the ENI export (counted from their attachment)."
                + " Left out: %,d awsvpc tasks in subnets the subnet export does not list, %,d tasks on container"
                + " instances the export does not list, %,d events of other types; %,d EC2 tasks had no CPU or memory"
                + " size. A task holds its address from its creation to its stop; without a STOPPED event, to the"
                + " period's end.</p>\n", c.tasks(), c.awsvpcTasks(), c.otherEnis(), c.tasksInUnknownSubnets(),
                c.tasksOnUnknownInstances(), c.otherEvents(), c.tasksWithoutSize()));
    }

    private static String chartData(CapacityReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> subnets = new LinkedHashMap<>();
        for (SubnetCapacity row : report.subnets()) {
            long[] peaks = report.subnetSeries().get(row.subnetId);
            List<long[]> points = new ArrayList<>();
            for (int i = 0; i < peaks.length; i++) {
                points.add(new long[] {(report.period().start() + i * report.step()) * 1000, peaks[i]});
            }
            Map<String, Object> subnet = new LinkedHashMap<>();
            subnet.put("usable", row.usableAddresses);
            subnet.put("points", points);
            subnets.put(row.subnetId + " (" + row.cidr + ")", subnet);
        }
        data.put("subnets", subnets);
        List<String> labels = new ArrayList<>();
        List<Integer> peaks = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        for (InstanceEniDensity row : report.instances()) {
            labels.add(label(row) + " " + row.instanceType + (row.trunking ? " (trunk)" : ""));
            peaks.add(row.peakAwsvpcTasks);
            limits.add(row.taskLimit());
            cpu.add(row.peakCpuReserved);
            memory.add(row.peakMemoryReserved);
        }
        data.put("instances", labels);
        data.put("peakTasks", peaks);
        data.put("taskLimits", limits);
        data.put("cpu", cpu);
        data.put("memory", memory);
        data.put("periodStart", report.period().start() * 1000);
        data.put("periodEnd", report.period().end() * 1000);
        try {
            return new ObjectMapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chart data is always serializable", e);
        }
    }

    /** Draws each chart of {@link #CHARTS}; SVG, no animation. */
    private static final String CHART_SCRIPT = """
            function chart(id, option) {
              const c = echarts.init(document.getElementById(id), null, {renderer: 'svg'});
              option.animation = false;
              option.tooltip = option.tooltip || {trigger: 'axis'};
              c.setOption(option);
            }
            chart('chart-subnets', {
              legend: {top: 0, type: 'scroll'}, grid: {left: 70, right: 40, top: 40, bottom: 30},
              xAxis: {type: 'time', min: report.periodStart, max: report.periodEnd},
              yAxis: {type: 'value', name: 'addresses'},
              series: Object.entries(report.subnets).flatMap(([name, s]) => [
                {name: name, type: 'line', step: 'start', showSymbol: s.points.length < 50, data: s.points},
                {name: name + ' usable', type: 'line', showSymbol: false, lineStyle: {type: 'dashed'},
                  data: [[report.periodStart, s.usable], [report.periodEnd, s.usable]]}])
            });
            chart('chart-instances', {
              legend: {top: 0}, grid: {left: 260, right: 40, top: 40, bottom: 30},
              xAxis: {type: 'value', name: 'tasks'},
              yAxis: {type: 'category', data: report.instances},
              series: [{name: 'peak awsvpc tasks', type: 'bar', data: report.peakTasks},
                {name: 'limit in effect', type: 'bar', data: report.taskLimits}]
            });
            chart('chart-reserved', {
              legend: {top: 0}, grid: {left: 260, right: 40, top: 40, bottom: 30},
              xAxis: {type: 'value', name: 'share', max: 1},
              yAxis: {type: 'category', data: report.instances},
              series: [{name: 'peak CPU reserved', type: 'bar', data: report.cpu},
                {name: 'peak memory reserved', type: 'bar', data: report.memory}]
            });
            """;
}
