package dev.flowlens.schemas.dataset;

import dev.flowlens.schemas.alert.Alert;
import java.util.function.Function;

/**
 * One column of the alert dataset.
 *
 * @param name the column name (underscored)
 * @param type its type
 * @param nullable whether the column is optional (may hold nulls); a required column never does
 * @param meaning what the column says, in one line (as {@code schemas/alert.md} shows it)
 * @param value reads the column's value from an alert: {@code null} or an instance of {@code type.javaType()}
 */
public record AlertColumn(String name, ColumnType type, boolean nullable, String meaning,
        Function<Alert, Object> value) {}
