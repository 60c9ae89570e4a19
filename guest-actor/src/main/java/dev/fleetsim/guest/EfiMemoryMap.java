package dev.fleetsim.guest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The memory map firmware hands the EFI stub: descriptors sorted by address that never overlap. */
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
        descriptors = List.copyOf(sorted);
    }

    /** Bytes the guest can use as RAM, accepted or not. */
    public long usableBytes() {
        return descriptors.stream().filter(d -> d.type().isUsableRam()).mapToLong(EfiMemoryDescriptor::bytes).sum();
    }
}
