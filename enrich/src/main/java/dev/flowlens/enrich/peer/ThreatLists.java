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

    /**
     * Reads every list at its location (a name to a location {@code source} understands), as a job does at start:
     * a list that cannot be read or holds a line that is no address or CIDR is an {@link IOException} naming it.
     */
    public static List<ThreatList> load(Map<String, String> locations, ThreatListSource source) throws IOException {
        List<ThreatList> lists = new ArrayList<>();
        for (Map.Entry<String, String> list : locations.entrySet()) {
            try {
                lists.add(parse(list.getKey(), list.getValue(), source.load(list.getValue(), null)));
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("threat list " + list.getKey() + " '" + list.getValue() + "': "
                        + e.getMessage(), e);
            }
        }
        return lists;
    }

    /**
     * The list {@code name} from its text; every entry must parse as an address or CIDR.
     *
     * @throws IllegalArgumentException naming the first line that does not
     */
    public static ThreatList parse(String name, String location, ThreatListSource.Content content) {
        List<String> entries = entries(content.lines());
        PrefixTrie<Boolean> check = new PrefixTrie<>();
        for (String entry : entries) {
            check.add(entry, Boolean.TRUE);
        }
        return new ThreatList(name, location, content.version(), entries);
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
