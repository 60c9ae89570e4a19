package dev.fleetsim.node.study;

import dev.fleetsim.host.HostCapacity;

/** The hosts a study places VMs on: {@code count} alike. */
public record HostInventory(int count, HostCapacity capacity) {
}
