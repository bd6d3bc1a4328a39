/**
 * The alert contract: {@code Alert} and its parts, and the kind, severity and status enums with their wire names, as
 * detection emits them and {@code flowlens evaluate --alerts} scores them. Flink POJOs; uses only the schemas types.
 */
package dev.flowlens.schemas.alert;
