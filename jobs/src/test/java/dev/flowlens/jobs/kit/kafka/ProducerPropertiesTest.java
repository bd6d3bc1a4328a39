package dev.flowlens.jobs.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The exactly-once sinks' producer settings: larger batches unless configured, the transaction limit always. */
class ProducerPropertiesTest {

    @Test
    void withoutPropertiesTheSinksBatchAndCompress() {
        Properties producer = KafkaConnectors.producerProperties(new Properties());

        assertThat(producer.getProperty(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo("262144");
        assertThat(producer.getProperty(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("20");
        assertThat(producer.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isNull(); // Kafka's: none
        assertThat(producer.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo("900000");
    }

    @Test
    void configuredPropertiesWinExceptTheTransactionTimeout() {
        Properties configured = new Properties();
        configured.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        configured.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
        configured.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "3600000");
        configured.setProperty("security.protocol", "SSL");

        Properties producer = KafkaConnectors.producerProperties(configured);

        assertThat(producer.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
        assertThat(producer.getProperty(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo("16384");
        assertThat(producer.getProperty(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("20");
        assertThat(producer.getProperty("security.protocol")).isEqualTo("SSL");
        assertThat(producer.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo("900000");
    }
}
