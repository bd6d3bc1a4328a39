package dev.flowlens.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files under {@code deploy/}, parsed. */
final class DeployFiles {
    static final Path DEPLOY = Path.of("../deploy");
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private DeployFiles() {}

    static JsonNode json(String path) throws IOException {
        return JSON.readTree(DEPLOY.resolve(path).toFile());
    }

    static JsonNode yaml(String path) throws IOException {
        return YAML.readTree(DEPLOY.resolve(path).toFile());
    }

    /** Every document of every YAML file in {@code folder}. */
    static List<JsonNode> yamlDocuments(String folder) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve(folder))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().stream()
                            .filter(doc -> doc != null && !doc.isNull() && !doc.isEmpty()).forEach(documents::add);
                }
            }
        }
        return documents;
    }

    /** The one document of {@code kind} (and {@code name}, when not null). */
    static JsonNode only(List<JsonNode> documents, String kind, String name) {
        List<JsonNode> found = documents.stream().filter(doc -> doc.path("kind").asText().equals(kind))
                .filter(doc -> name == null || doc.path("metadata").path("name").asText().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }
}
