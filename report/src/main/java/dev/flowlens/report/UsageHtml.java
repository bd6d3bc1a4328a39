package dev.flowlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.report.UsageReport.ExternalDestination;
import dev.flowlens.report.UsageReport.HourlyUsage;
import dev.flowlens.schemas.usage.ServiceUsage;
import dev.flowlens.schemas.usage.UsageDirection;
import dev.flowlens.schemas.usage.UsagePeerClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The usage report as one self-contained HTML page: the totals per service as a table (the CSV's numbers), charts
 * drawn by Apache ECharts inlined from its WebJar (no script or style is fetched from anywhere), the top external
 * destinations, and what the cost estimate assumes. Charts use ECharts' SVG renderer, without animation, so the page
 * is final as soon as it has loaded.
 */
public final class UsageHtml {
    /** Marks the pages this report writes, so a later run knows it may replace one (see {@link ReportFile}). */
    public static final String GENERATOR = "flowlens report usage";
    /** The chart divs, in page order; each holds an SVG once the page has loaded. */
    public static final List<String> CHARTS = List.of("chart-peer-class", "chart-cost", "chart-hourly",
            "chart-east-west", "chart-aws-services", "chart-destinations");

    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private UsageHtml() {}

    /** The page's title. */
    public static String title(UsageReport report) {
        return "Flowlens network usage and estimated cost, " + report.period();
    }

    public static void write(UsageReport report, Writer out) throws IOException {
        Labels labels = new Labels(report.rows());
        StringBuilder page = new StringBuilder(1 << 16);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"generator\" content=\"").append(GENERATOR).append("\">\n")
                .append("<title>").append(escape(title(report))).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title(report))).append("</h1>\n");
        estimateNote(report, page);
        totals(report, labels, page);
        for (String chart : CHARTS) {
            page.append("<h2>").append(escape(heading(chart))).append("</h2>\n<div class=\"chart\" id=\"")
                    .append(chart).append("\"></div>\n");
        }
        destinations(report, labels, page);
        coverage(report, page);
        out.write(page.toString());
        out.write("<script>\n");
        out.write(echarts());
        out.write("\n</script>\n<script>\nconst report = ");
        out.write(scriptSafe(chartData(report, labels)));
        out.write(";\n");
        out.write(CHART_SCRIPT);
        out.write("</script>\n</body>\n</html>\n");
        out.flush();
    }

    private static String heading(String chart) {
        return switch (chart) {
            case "chart-peer-class" -> "Bytes by peer class (in and out)";
            case "chart-cost" -> "Estimated cost by peer class (USD, an estimate)";
            case "chart-hourly" -> "Hourly trend (bytes in and out)";
            case "chart-east-west" -> "East-west: bytes sent to each peer service";
            case "chart-aws-services" -> "AWS services by name (bytes in and out)";
            case "chart-destinations" -> "Top external destinations (bytes in and out)";
            default -> chart;
        };
    }

    private static void estimateNote(UsageReport report, StringBuilder page) {
        Prices prices = report.prices();
        page.append("<p class=\"estimate\"><strong>Costs are estimates, not a bill:</strong> list prices for ")
                .append(escape(prices.region)).append(" as of ").append(escape(prices.asOf)).append(" (")
                .append(escape(prices.source)).append("): cross-AZ $").append(prices.crossAzPerGb)
                .append("/GB on each side, internet egress by tier from $")
                .append(prices.internetEgressTiers.get(0).perGb).append("/GB, NAT gateway processing $")
                .append(prices.natGatewayProcessingPerGb).append("/GB, interface endpoint processing $")
                .append(prices.interfaceEndpointProcessingPerGb).append("/GB (1 GB = 2<sup>30</sup> bytes).")
                .append(" Traffic counts as through a NAT gateway when the record's next hop is one or, sent to the")
                .append(" internet or an AWS service, its traffic path is 1 (through a resource in the VPC); without")
                .append(" those fields it is not priced as NAT. No free tier, hourly or request charges.</p>\n");
    }

    private static void totals(UsageReport report, Labels labels, StringBuilder page) {
        Map<String, long[]> totals = new LinkedHashMap<>(); // bytes out, bytes in, packets out, packets in, flows
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (ServiceUsage row : report.rows()) {
            String label = labels.of(row.accountId, row.cluster, row.service);
            long[] total = totals.computeIfAbsent(label, k -> new long[5]);
            int side = row.direction == UsageDirection.OUT ? 0 : 1;
            total[side] += row.bytes;
            total[2 + side] += row.packets;
            total[4] += row.flows;
            costs.merge(label, UsageRows.cost(row.estimatedCostUsd), BigDecimal::add);
        }
        page.append("<h2>Totals per service</h2>\n<table id=\"totals\">\n<thead><tr><th>service</th>")
                .append("<th>bytes out</th><th>bytes in</th><th>packets out</th><th>packets in</th><th>flows</th>")
                .append("<th>estimated cost (USD)</th></tr></thead>\n<tbody>\n");
        long[] all = new long[5];
        BigDecimal allCost = UsageRows.cost(0);
        for (Map.Entry<String, long[]> total : totals.entrySet()) {
            page.append("<tr data-service=\"").append(escape(total.getKey())).append("\"><td>")
                    .append(escape(total.getKey())).append("</td>");
            for (int i = 0; i < 5; i++) {
                page.append("<td class=\"n\">").append(String.format(Locale.ROOT, "%,d", total.getValue()[i]))
                        .append("</td>");
                all[i] += total.getValue()[i];
            }
            BigDecimal cost = costs.get(total.getKey());
            allCost = allCost.add(cost);
            page.append("<td class=\"n\">").append(cost.toPlainString()).append("</td></tr>\n");
        }
        page.append("</tbody>\n<tfoot><tr><th>all services</th>");
        for (long value : all) {
            page.append("<th class=\"n\">").append(String.format(Locale.ROOT, "%,d", value)).append("</th>");
        }
        page.append("<th class=\"n\">").append(allCost.toPlainString()).append("</th></tr></tfoot>\n</table>\n");
    }

    private static void destinations(UsageReport report, Labels labels, StringBuilder page) {
        page.append("<h2>Top external destinations per service</h2>\n");
        if (report.destinations().isEmpty()) {
            page.append("<p>No traffic with the internet in the period.</p>\n");
            return;
        }
        page.append("<table id=\"destinations\">\n<thead><tr><th>service</th><th>address</th><th>bytes out</th>")
                .append("<th>bytes in</th><th>flows</th></tr></thead>\n<tbody>\n");
        for (ExternalDestination d : report.destinations()) {
            page.append("<tr><td>").append(escape(labels.of(d.accountId(), d.cluster(), d.service())))
                    .append("</td><td>").append(escape(d.address())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%,d</td><td class=\"n\">%,d</td><td class=\"n\">%,d",
                            d.bytesOut(), d.bytesIn(), d.flows()))
                    .append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void coverage(UsageReport report, StringBuilder page) {
        UsageReport.Coverage c = report.coverage();
        page.append(String.format(Locale.ROOT, "<p class=\"coverage\">%,d flow-log records in the period, %,d"
                + " counted; left out: %,d without data (NODATA, SKIPDATA), %,d rejected, %,d recorded by an"
                + " interface that is not a known task's (its traffic is in the task's own records), %,d without a"
                + " peer address. Each record counts for the task whose interface recorded it.</p>\n",
                c.records(), c.counted(), c.withoutData(), c.rejected(), c.notRecordedByTask(), c.withoutPeer()));
    }

    /** What the charts draw, as one JSON object. */
    private static String chartData(UsageReport report, Labels labels) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> services = new ArrayList<>(labels.all());
        data.put("services", services);
        List<String> classes = new ArrayList<>();
        for (UsagePeerClass peerClass : UsagePeerClass.values()) {
            classes.add(peerClass.wireName());
        }
        data.put("peerClasses", classes);
        Map<String, long[]> bytesByClass = new LinkedHashMap<>();
        Map<String, double[]> costByClass = new LinkedHashMap<>();
        for (String peerClass : classes) {
            bytesByClass.put(peerClass, new long[services.size()]);
            costByClass.put(peerClass, new double[services.size()]);
        }
        Map<String, Map<String, Long>> eastWest = new TreeMap<>();
        Set<String> peers = new java.util.TreeSet<>();
        Map<String, Long> awsServices = new TreeMap<>();
        for (ServiceUsage row : report.rows()) {
            int at = services.indexOf(labels.of(row.accountId, row.cluster, row.service));
            bytesByClass.get(row.peerClass.wireName())[at] += row.bytes;
            costByClass.get(row.peerClass.wireName())[at] += row.estimatedCostUsd;
            boolean withTask = row.peerClass == UsagePeerClass.SAME_AZ || row.peerClass == UsagePeerClass.CROSS_AZ;
            if (withTask && row.direction == UsageDirection.OUT) {
                String peer = row.peerService == null ? "(standalone tasks)" : row.peerService;
                peers.add(peer);
                eastWest.computeIfAbsent(services.get(at), k -> new TreeMap<>()).merge(peer, row.bytes, Long::sum);
            }
            if (row.peerClass == UsagePeerClass.AWS_SERVICE) {
                awsServices.merge(row.awsService == null ? "(unnamed)" : row.awsService, row.bytes, Long::sum);
            }
        }
        data.put("bytesByClass", bytesByClass);
        Map<String, double[]> roundedCost = new LinkedHashMap<>();
        costByClass.forEach((k, v) -> {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = CostEstimator.rounded(v[i]);
            }
            roundedCost.put(k, r);
        });
        data.put("costByClass", roundedCost);
        List<Object[]> cells = new ArrayList<>();
        List<String> peerList = new ArrayList<>(peers);
        for (Map.Entry<String, Map<String, Long>> sender : eastWest.entrySet()) {
            for (Map.Entry<String, Long> peer : sender.getValue().entrySet()) {
                cells.add(new Object[] {peerList.indexOf(peer.getKey()), services.indexOf(sender.getKey()),
                    peer.getValue()});
            }
        }
        data.put("eastWestPeers", peerList);
        data.put("eastWest", cells);
        data.put("awsServices", awsServices);
        Map<String, List<long[]>> hourly = new LinkedHashMap<>();
        Map<String, Map<Long, Long>> byHour = new LinkedHashMap<>();
        for (HourlyUsage hour : report.hourly()) {
            byHour.computeIfAbsent(labels.of(hour.accountId(), hour.cluster(), hour.service()), k -> new TreeMap<>())
                    .merge(hour.hourStart() * 1000, hour.bytes(), Long::sum);
        }
        byHour.forEach((service, hours) -> {
            List<long[]> points = new ArrayList<>();
            hours.forEach((ms, bytes) -> points.add(new long[] {ms, bytes}));
            hourly.put(service, points);
        });
        data.put("hourly", hourly);
        Map<String, Long> destinations = new LinkedHashMap<>();
        report.destinations().stream()
                .sorted((a, b) -> Long.compare(b.bytesOut() + b.bytesIn(), a.bytesOut() + a.bytesIn()))
                .forEach(d -> destinations.merge(d.address(), d.bytesOut() + d.bytesIn(), Long::sum));
        data.put("destinations", destinations);
        data.put("periodStart", report.period().start() * 1000);
        data.put("periodEnd", report.period().end() * 1000);
        try {
            return new ObjectMapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chart data is always serializable", e);
        }
    }

    /** A JSON text that cannot end the script element it sits in. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    static String echarts() {
        try (InputStream in = UsageHtml.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is missing from the classpath (" + ECHARTS
                        + "): the report module depends on org.webjars.npm:echarts 5.3.1");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECHARTS, e);
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** How a service is named on the page: cluster/service, with the account when the report spans several. */
    static final class Labels {
        private final boolean withAccount;
        private final Set<String> all = new java.util.LinkedHashSet<>();

        Labels(List<ServiceUsage> rows) {
            Set<String> accounts = new HashSet<>();
            for (ServiceUsage row : rows) {
                accounts.add(String.valueOf(row.accountId));
            }
            withAccount = accounts.size() > 1;
            for (ServiceUsage row : rows) {
                all.add(of(row.accountId, row.cluster, row.service));
            }
        }

        String of(String accountId, String cluster, String service) {
            String name = cluster + "/" + (service == null ? "(standalone tasks)" : service);
            return withAccount ? accountId + ":" + name : name;
        }

        Set<String> all() {
            return all;
        }
    }

    static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            .chart { width: 100%; max-width: 1100px; height: 380px; }
            .estimate { background: #fff6d6; padding: 0.6em; border-left: 4px solid #e0b000; }
            .coverage { color: #555; }
            """;

    /** Draws each chart of {@link #CHARTS} from {@code report}; SVG, no animation. */
    private static final String CHART_SCRIPT = """
            function chart(id, option) {
              const c = echarts.init(document.getElementById(id), null, {renderer: 'svg'});
              option.animation = false;
              option.tooltip = option.tooltip || {trigger: 'axis'};
              c.setOption(option);
            }
            function stacked(id, values, unit) {
              chart(id, {
                legend: {top: 0}, grid: {left: 220, right: 40, top: 40, bottom: 30},
                xAxis: {type: 'value', name: unit},
                yAxis: {type: 'category', data: report.services},
                series: report.peerClasses.map(k => ({name: k, type: 'bar', stack: 'all', data: values[k]}))
              });
            }
            stacked('chart-peer-class', report.bytesByClass, 'bytes');
            stacked('chart-cost', report.costByClass, 'USD (estimate)');
            chart('chart-hourly', {
              legend: {top: 0, type: 'scroll'}, grid: {left: 90, right: 40, top: 40, bottom: 30},
              xAxis: {type: 'time', min: report.periodStart, max: report.periodEnd},
              yAxis: {type: 'value', name: 'bytes'},
              series: Object.entries(report.hourly).map(([name, points]) =>
                ({name: name, type: 'line', showSymbol: points.length < 50, data: points}))
            });
            chart('chart-east-west', {
              tooltip: {position: 'top'}, grid: {left: 220, right: 40, top: 20, bottom: 110},
              xAxis: {type: 'category', data: report.eastWestPeers, axisLabel: {rotate: 40}},
              yAxis: {type: 'category', data: report.services},
              visualMap: {min: 0, max: Math.max(1, ...report.eastWest.map(c => c[2])), calculable: true,
                orient: 'horizontal', left: 'center', bottom: 0},
              series: [{name: 'bytes sent', type: 'heatmap', data: report.eastWest}]
            });
            chart('chart-aws-services', {
              grid: {left: 120, right: 40, top: 20, bottom: 30},
              xAxis: {type: 'value', name: 'bytes'},
              yAxis: {type: 'category', data: Object.keys(report.awsServices)},
              series: [{name: 'bytes', type: 'bar', data: Object.values(report.awsServices)}]
            });
            chart('chart-destinations', {
              grid: {left: 140, right: 40, top: 20, bottom: 30},
              xAxis: {type: 'value', name: 'bytes'},
              yAxis: {type: 'category', data: Object.keys(report.destinations), inverse: true},
              series: [{name: 'bytes', type: 'bar', data: Object.values(report.destinations)}]
            });
            """;
}
