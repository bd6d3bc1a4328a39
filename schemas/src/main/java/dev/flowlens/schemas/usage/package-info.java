/**
 * The rows of the usage and capacity reports, with their direction and peer-class enums. Flink POJOs; no producer
 * yet. Uses nothing outside the JDK.
 */
package dev.flowlens.schemas.usage;
