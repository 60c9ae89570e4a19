package dev.fleetsim.guest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The memory map firmware hands the EFI stub: descriptors that never overlap, in the firmware's order, which is
 * the order the stub walks them and writes e820 in ({@code setup_e820}); firmware need not sort them.
 */
public record EfiMemoryMap(List<EfiMemoryDescriptor> descriptors) {

    public EfiMemoryMap {
        List<EfiMemoryDescriptor> sorted = new ArrayList<>(descriptors);
        sorted.sort(Comparator.comparingLong(EfiMemoryDescriptor::physStart));
        for (int i = 1; i < sorted.size(); i++) {
            EfiMemoryDescriptor prev = sorted.get(i - 1);
            EfiMemoryDescriptor next = sorted.get(i);
            if (next.physStart() < prev.end()) {
                throw new MemoryMapException(String.format(
                        "descriptors overlap: %s [0x%x-0x%x) and %s [0x%x-0x%x)",
                        prev.type().kernelName(), prev.physStart(), prev.end(),
                        next.type().kernelName(), next.physStart(), next.end()));
            }
        }
        descriptors = List.copyOf(descriptors);
    }

    /** Bytes of every descriptor: the guest memory the host backs and may commit. */
    public long describedBytes() {
        return descriptors.stream().mapToLong(EfiMemoryDescriptor::bytes).sum();
    }

    /** Bytes the guest can use as RAM, accepted or not. */
    public long usableBytes() {
        return descriptors.stream().filter(d -> E820Type.of(d) == E820Type.RAM).mapToLong(EfiMemoryDescriptor::bytes).sum();
    }
}
