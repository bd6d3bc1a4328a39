package dev.flowlens.jobs.enrich;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A test class's {@link KafkaBroker}: started before its tests, stopped after them (public for other jobs' tests). */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private KafkaClusterTestKit kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = KafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kafka.close();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
