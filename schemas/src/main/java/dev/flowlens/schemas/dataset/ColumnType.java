package dev.flowlens.schemas.dataset;

/**
 * The type of a dataset column, named as Parquet names it but without depending on Parquet (schemas has no such
 * dependency): the primitive type, the logical type annotation if any, and the Java type of the values the column's
 * accessor returns.
 */
public enum ColumnType {
    /** Parquet {@code boolean}. */
    BOOLEAN("BOOLEAN", null, Boolean.class),
    /** Parquet {@code int32}, no annotation. */
    INT32("INT32", null, Integer.class),
    /** Parquet {@code int64}, no annotation. */
    INT64("INT64", null, Long.class),
    /** Parquet {@code binary} annotated {@code STRING}: UTF-8 text. */
    STRING("BINARY", "STRING", String.class),
    /**
     * A list of UTF-8 strings: Parquet's three-level {@code LIST} ({@code optional group NAME (LIST) { repeated group
     * list { optional binary element (STRING) } }}), {@code LIST<VARCHAR>} in DuckDB, {@code array<string>} in Athena;
     * the primitive and annotation are the elements'. Values are {@code List<String>}.
     */
    STRING_LIST("BINARY", "STRING", java.util.List.class);

    private final String parquetPrimitive;
    private final String parquetLogical;
    private final Class<?> javaType;

    ColumnType(String parquetPrimitive, String parquetLogical, Class<?> javaType) {
        this.parquetPrimitive = parquetPrimitive;
        this.parquetLogical = parquetLogical;
        this.javaType = javaType;
    }

    /** The Parquet primitive type's name, as Parquet's {@code PrimitiveTypeName} spells it. */
    public String parquetPrimitive() {
        return parquetPrimitive;
    }

    /** The Parquet logical type annotation, as Parquet prints it ({@code STRING}); {@code null} when none. */
    public String parquetLogical() {
        return parquetLogical;
    }

    /** The class of the (non-null) values a column of this type holds. */
    public Class<?> javaType() {
        return javaType;
    }
}
