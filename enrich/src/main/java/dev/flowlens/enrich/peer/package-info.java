/**
 * What an address that is not a task is: inside the VPC, an AWS service (AWS's published ranges) or the internet, and
 * which deny or threat lists it is on, by longest-prefix match. Plain Java; no Flink types.
 */
package dev.flowlens.enrich.peer;
