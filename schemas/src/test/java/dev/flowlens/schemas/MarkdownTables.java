package dev.flowlens.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the tables that the schema documents keep between {@code <!-- NAME -->} and {@code <!-- /NAME -->}. */
public final class MarkdownTables {
    private MarkdownTables() {}

    /** The body rows of the table marked {@code name} in {@code file}, each as its trimmed cells. */
    public static List<List<String>> rows(Path file, String name) throws IOException {
        String start = "<!-- " + name + " -->";
        String end = "<!-- /" + name + " -->";
        List<List<String>> rows = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            if (text.equals(start)) {
                inside = true;
                found = true;
                line = 0;
            } else if (text.equals(end)) {
                inside = false;
            } else if (inside && text.startsWith("|")) {
                line++;
                if (line > 2) { // past the header and its separator
                    rows.add(cells(text));
                }
            }
        }
        if (!found) {
            throw new IllegalStateException(file + " has no table marked " + start);
        }
        return rows;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.lastIndexOf('|')).split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** {@code `name`} → {@code name}. */
    public static String code(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
