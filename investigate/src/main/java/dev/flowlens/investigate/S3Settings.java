package dev.flowlens.investigate;

import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * How an investigation reaches S3, as the jobs do ({@code aws.region}, {@code aws.s3.endpoint},
 * {@code aws.s3.path-style}); credentials come from the SDK's default chain.
 *
 * @param endpoint an S3-compatible endpoint; {@code null} for AWS's
 */
public record S3Settings(String region, String endpoint, boolean pathStyle) {
    /** A new client; the caller closes it. */
    public S3Client client() {
        var builder = S3Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle)
                        .chunkedEncodingEnabled(endpoint == null).build());
        if (endpoint != null) {
            // S3-compatible servers do not all compute AWS's newer checksums; ask for them only where required.
            builder.endpointOverride(URI.create(endpoint))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
