package dev.flowlens.enrich.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deny and threat list files: one address or CIDR per line, {@code #} starts a comment, blank lines ignored. */
public final class ThreatLists {
    private ThreatLists() {}

    /** Reads each named list file; an unreadable one is an {@link IOException} naming the list. */
    public static Map<String, List<String>> read(Map<String, Path> files) throws IOException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (Map.Entry<String, Path> list : files.entrySet()) {
            try {
                lists.put(list.getKey(), entries(Files.readAllLines(list.getValue())));
            } catch (NoSuchFileException e) {
                throw new IOException("threat list " + list.getKey() + ": no such file '" + list.getValue() + "'", e);
            }
        }
        return lists;
    }

    static List<String> entries(List<String> lines) {
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            String entry = line.replaceFirst("#.*", "").strip();
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
