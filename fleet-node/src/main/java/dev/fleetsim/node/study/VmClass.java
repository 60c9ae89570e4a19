package dev.fleetsim.node.study;

/** A VM size a study draws from, with its weight in the mix. */
public record VmClass(String name, long memoryBytes, int vcpus, double weight) {
}
