package dev.flowlens.jobs.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;

/**
 * Flink's file systems for an embedded run: a mini-cluster does not load plugins itself, so {@code s3://} sinks and
 * checkpoints need the S3 file-system plugin loaded here (a cluster loads its own from its plugins directory).
 */
public final class FlinkFileSystems {
    private FlinkFileSystems() {}

    /**
     * Loads the plugins under {@code pluginsRoot} (one folder per plugin; none when it does not exist) and configures
     * every file system with {@code options} ({@code s3.endpoint}, {@code s3.access-key}, ...).
     */
    public static void initialize(Configuration options, Path pluginsRoot) throws IOException {
        // Hadoop's S3A still loads AWS SDK v1 for instance credentials, which prints a page-long notice on first use.
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        List<org.apache.flink.core.plugin.PluginDescriptor> plugins = Files.isDirectory(pluginsRoot)
                ? List.copyOf(new DirectoryBasedPluginFinder(pluginsRoot).findPlugins()) : List.of();
        FileSystem.initialize(options, new DefaultPluginManager(plugins,
                PluginConfig.fromConfiguration(options).getAlwaysParentFirstPatterns()));
    }

    /** The Flink options of a job configuration: its {@code flink.*} keys, and the S3 endpoint of {@code aws.s3}. */
    public static Configuration options(JobConfig config) {
        Configuration options = Configuration.fromMap(config.flinkOptions());
        String endpoint = config.get(AwsOptions.S3_ENDPOINT);
        if (endpoint != null) {
            options.setString("s3.endpoint", endpoint);
            options.setString("s3.path.style.access", Boolean.toString(config.get(AwsOptions.S3_PATH_STYLE)));
        }
        return options;
    }
}
