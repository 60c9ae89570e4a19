package dev.fleetsim.node.study;

import dev.fleetsim.guest.EfiMemoryMap;

/**
 * A VM size a study draws from, with its weight in the mix. {@code memoryMap}, when not null, is the firmware map a
 * real guest of this class reported: its VMs boot with it, and their memory is what it describes.
 */
public record VmClass(String name, long memoryBytes, int vcpus, double weight, EfiMemoryMap memoryMap) {
}
