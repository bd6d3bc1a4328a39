/**
 * Flink test helpers: {@link dev.flowlens.testkit.flink.CollectingSink}, a sink that hands a topology's output back
 * to the test that ran it on a mini-cluster.
 *
 * <p>May use {@code dev.flowlens.schemas} and Flink's public APIs. Flink is a {@code provided} dependency of the kit:
 * only modules that have Flink themselves (the jobs, the command line, the benchmarks) can use this package.
 */
package dev.flowlens.testkit.flink;
