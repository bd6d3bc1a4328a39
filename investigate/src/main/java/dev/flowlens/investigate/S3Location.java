package dev.flowlens.investigate;

/**
 * A dataset in S3, {@code s3://bucket/prefix}: its partitions are {@code prefix/dt=YYYY-MM-DD/hour=HH/}.
 *
 * @param prefix the key prefix, empty or ending in {@code /}
 */
public record S3Location(String bucket, String prefix) {
    public static boolean isS3(String location) {
        return location.startsWith("s3://") || location.startsWith("s3a://");
    }

    public static S3Location parse(String location) {
        String rest = location.substring(location.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new DatasetException("'" + location + "' names no valid S3 bucket: give s3://bucket/prefix", false);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return new S3Location(bucket, prefix);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
