package dev.flowlens.testkit;

/** The account, region and cluster the builders' defaults live in. */
public final class TestAccount {
    public static final String ACCOUNT_ID = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String CLUSTER_NAME = "prod";
    public static final String CLUSTER_ARN = "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":cluster/" + CLUSTER_NAME;

    private TestAccount() {}
}
