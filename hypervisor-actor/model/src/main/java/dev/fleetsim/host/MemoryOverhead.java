package dev.fleetsim.host;

/**
 * Host memory kept beside a guest's own, by kind, at one instant: for one VM, or for a host (its VMs' plus the
 * structures the host keeps whether or not a VM runs). A kind that does not apply to a platform is 0.
 *
 * @param septBytes TDX Secure-EPT page-table pages (and KVM's mirror of them)
 * @param pamtBytes TDX PAMT: the host's static allocation, or a VM's Dynamic-PAMT 4K-level page pairs
 * @param rmpBytes  SEV-SNP's RMP table, sized by host memory
 * @param vmmBytes  the VMM's own memory per VM
 */
public record MemoryOverhead(long septBytes, long pamtBytes, long rmpBytes, long vmmBytes) {

    public static final MemoryOverhead NONE = new MemoryOverhead(0, 0, 0, 0);

    public MemoryOverhead plus(MemoryOverhead other) {
        return new MemoryOverhead(septBytes + other.septBytes, pamtBytes + other.pamtBytes,
                rmpBytes + other.rmpBytes, vmmBytes + other.vmmBytes);
    }

    public MemoryOverhead minus(MemoryOverhead other) {
        return new MemoryOverhead(septBytes - other.septBytes, pamtBytes - other.pamtBytes,
                rmpBytes - other.rmpBytes, vmmBytes - other.vmmBytes);
    }

    public long totalBytes() {
        return septBytes + pamtBytes + rmpBytes + vmmBytes;
    }
}
