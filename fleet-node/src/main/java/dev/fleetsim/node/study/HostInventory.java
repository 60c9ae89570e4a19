package dev.fleetsim.node.study;

import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostOverheadSettings;

/** The hosts a study places VMs on: {@code count} alike, with what each keeps beside guest memory. */
public record HostInventory(int count, HostCapacity capacity, HostOverheadSettings overhead) {
}
