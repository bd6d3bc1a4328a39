/**
 * The {@code flowlens} command line (picocli), one class per subcommand; it runs the jobs on an embedded Flink
 * mini-cluster and is packaged with everything as {@code cli/target/flowlens.jar}. May use every module, the simulator
 * included.
 */
package dev.flowlens.cli;
