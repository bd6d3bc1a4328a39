package dev.flowlens.jobs.kit;

import java.io.Serializable;
import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How the job reaches AWS: the region and, for S3-compatible stores or local servers, endpoint overrides.
 * Credentials come from the SDK's default chain (environment, system properties, profile, container or instance
 * role). Operators build their clients from this in {@code open} and close them in {@code close}.
 *
 * @param s3Endpoint {@code null} for AWS's
 * @param s3PathStyle path-style bucket addressing ({@code http://host/bucket/key}), as most S3-compatible servers
 *     need
 * @param sqsEndpoint {@code null} for AWS's
 */
public record AwsSettings(String region, String s3Endpoint, boolean s3PathStyle, String sqsEndpoint)
        implements Serializable {

    /** AWS's own endpoints in {@code region}. */
    public static AwsSettings of(String region) {
        return new AwsSettings(region, null, false, null);
    }

    public S3Client s3() {
        var builder = S3Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3PathStyle)
                        .chunkedEncodingEnabled(s3Endpoint == null).build());
        if (s3Endpoint != null) {
            // S3-compatible servers do not all compute AWS's newer checksums; ask for them only where required.
            builder.endpointOverride(URI.create(s3Endpoint))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        if (sqsEndpoint != null) {
            builder.endpointOverride(URI.create(sqsEndpoint));
        }
        return builder.build();
    }
}
