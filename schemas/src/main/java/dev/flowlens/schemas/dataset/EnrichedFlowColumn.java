package dev.flowlens.schemas.dataset;

import dev.flowlens.schemas.EnrichedFlow;
import java.util.function.Function;

/**
 * One column of the enriched-flow dataset.
 *
 * @param name the column name (underscored)
 * @param type its type
 * @param nullable whether the column is optional (may hold nulls); a required column never does
 * @param meaning what the column says, in one line (as {@code schemas/enriched-flow.md} shows it)
 * @param value reads the column's value from a flow: {@code null} or an instance of {@code type.javaType()}
 */
public record EnrichedFlowColumn(String name, ColumnType type, boolean nullable, String meaning,
        Function<EnrichedFlow, Object> value) {}
