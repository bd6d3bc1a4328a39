package dev.flowlens.jobs.enrich;

import dev.flowlens.jobs.kit.AwsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy in this JVM on an in-memory store, speaking the S3 REST protocol on a free port; the SDK's default
 * credential chain finds its keys in system properties.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "flowlens-test";
    public static final String SECRET_KEY = "flowlens-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext store;

    private S3Server(S3Proxy proxy, BlobStoreContext store) {
        this.proxy = proxy;
        this.store = store;
    }

    public static S3Server start() throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        BlobStoreContext store = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore())
                .endpoint(java.net.URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        return new S3Server(proxy, store);
    }

    /**
     * Flink's S3 file system against this server (beside {@code s3.endpoint}): its keys, folder markers kept, and
     * few retries, else a failing request takes minutes.
     */
    public static Configuration flinkFileSystemOptions() {
        Configuration options = new Configuration();
        options.setString("s3.access-key", ACCESS_KEY);
        options.setString("s3.secret-key", SECRET_KEY);
        options.setString("s3.directory.marker.retention", "keep");
        options.setString("s3.retry.limit", "1");
        options.setString("fs.s3a.attempts.maximum", "1");
        return options;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public AwsSettings aws() {
        return new AwsSettings("us-east-1", endpoint(), true, null);
    }

    /** Creates {@code bucket} and uploads every file under {@code root}, keyed by its path relative to it. */
    public List<String> upload(String bucket, Path root) throws Exception {
        try (S3Client s3 = aws().s3(); Stream<Path> walk = Files.walk(root)) {
            s3.createBucket(b -> b.bucket(bucket));
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                s3.putObject(b -> b.bucket(bucket).key(root.relativize(file).toString().replace('\\', '/')),
                        RequestBody.fromFile(file));
            }
            return files.stream().map(file -> root.relativize(file).toString().replace('\\', '/')).toList();
        }
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = aws().s3()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Downloads every object of {@code bucket} under {@code root}; returns their keys. */
    public List<String> download(String bucket, Path root) throws Exception {
        try (S3Client s3 = aws().s3()) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(object -> object.key()).toList();
            for (String key : keys) {
                Path file = root.resolve(key);
                Files.createDirectories(file.getParent());
                s3.getObject(b -> b.bucket(bucket).key(key), file);
            }
            return keys;
        }
    }

    public void put(String bucket, String key, byte[] content) {
        try (S3Client s3 = aws().s3()) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
