# The command-line image: the all-in-one `flowlens` jar (cli/target/flowlens.jar: embedded Flink, DuckDB with its
# native library, the AWS SDK) on a Java 17 runtime, for the commands that run beside the cluster rather than on it —
# `flowlens summarize` as the hourly CronJob of deploy/kubernetes/flowlens-summarize.yaml, and `investigate` or
# `report` by hand. Build from the repository root after `mvn package`:
#
#   docker build -f deploy/cli.Dockerfile -t flowlens-cli:0.1.0 .
#
# DuckDB's JDBC driver unpacks its native library into the temporary folder, so /tmp must be writable (the CronJob
# mounts an emptyDir there); its library is built for glibc, so the base is Ubuntu's, not Alpine's.
FROM eclipse-temurin:17-jre-jammy

RUN useradd --system --uid 10001 --create-home --home-dir /home/flowlens flowlens \
    && mkdir -p /opt/flowlens
COPY --chown=flowlens:flowlens cli/target/flowlens.jar /opt/flowlens/flowlens.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/flowlens/flowlens.jar"]
