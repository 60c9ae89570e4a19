package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.MIB;

import dev.fleetsim.host.AcceptPath;
import dev.fleetsim.host.AcceptRequest;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.GuestStep;
import dev.fleetsim.host.GuestSteps;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One guest's memory from firmware to running workload: the state machine of the README, step by step as Linux
 * takes it. {@link #boot} runs firmware, EFI stub, decompressor, early kernel and userspace up to the shell; the
 * workload methods then allocate, free and (for the background policy) accept memory over the VM's life.
 *
 * <p>Everything the guest does that takes time is appended as a {@link GuestStep}; the caller takes them with
 * {@link #steps()} and prices them with a host model. The guest is deterministic in (spec, parameters,
 * costs, seed) and reads no clock.
 */
public final class Guest {

    private final GuestSpec spec;
    private final GuestParameters parameters;
    private final GuestCpuCosts costs;
    private final EfiMemoryMap firmwareMap;
    private final GuestSteps.Builder steps = new GuestSteps.Builder();
    private final Map<BootPhase, GuestCounters> counters = new EnumMap<>(BootPhase.class);
    private Optional<UnacceptedTable> table = Optional.empty();
    private E820RangeTracker rangeTracker;
    private Zone zone;
    private Memblock memblock;
    private long memmapBytes;
    private BootPhase phase = BootPhase.FIRMWARE;
    private AcceptPath path = AcceptPath.FIRMWARE;
    private int acceptingVcpus = 1;
    private PageSize largestAttempt = PageSize.SIZE_1G;
    private long acceptedBytes;
    private long touchedBytes;
    private long touchedReported;
    private long kernelImage;

    private Guest(GuestSpec spec, GuestParameters parameters, GuestCpuCosts costs) {
        this.spec = spec;
        this.parameters = parameters;
        this.costs = costs;
        this.firmwareMap = spec.firmwareMap(parameters);
    }

    /** Boots a guest up to its shell prompt. */
    public static Guest boot(GuestSpec spec, GuestParameters parameters, GuestCpuCosts costs, long seed) {
        Guest guest = new Guest(spec, parameters, costs);
        guest.runFirmware();
        guest.runEfiStub();
        guest.runDecompressor(new SplittableRandom(seed));
        guest.runEarlyKernel();
        guest.runUserspace();
        guest.enter(BootPhase.WORKLOAD, AcceptPath.KERNEL, 1, PageSize.SIZE_2M);
        return guest;
    }

    /** Firmware: accepts what it keeps for itself and what it pre-accepts, on all vCPUs in 32 MiB chunks. */
    private void runFirmware() {
        enter(BootPhase.FIRMWARE, AcceptPath.FIRMWARE, spec.vcpus(), PageSize.SIZE_2M);
        steps.add(new GuestStep.Compute(phase, costs.firmwareFixedNanos()));
        for (EfiMemoryDescriptor d : firmwareMap.descriptors()) {
            if (d.type().isFirmwareAccepted()) {
                acceptNow(d.physStart(), d.end());
            }
        }
        touch(GuestMemoryLayout.LEGACY_END + GuestMemoryLayout.FIRMWARE_REGION);
        snapshot();
    }

    private void runEfiStub() {
        enter(BootPhase.EFI_STUB, AcceptPath.EARLY_BOOT, 1, PageSize.SIZE_1G);
        steps.add(new GuestStep.Compute(phase, costs.stubFixedNanos()));
        List<long[]> stubAccepted = new ArrayList<>();
        EfiStub.Result result = EfiStub.run(firmwareMap, parameters.unitSize(), (start, end) -> {
            acceptNow(start, end);
            stubAccepted.add(new long[] {start, end});
        });
        table = result.table();
        // the range tracker starts from the e820 map the stub produces, so it hears the stub's accepts afterwards
        rangeTracker = new E820RangeTracker(firmwareMap, result.e820());
        stubAccepted.forEach(range -> rangeTracker.accept(range[0], range[1]));
        memblock = new Memblock(result.e820(), table, this::acceptNow);
        snapshot();
    }

    private void runDecompressor(SplittableRandom random) {
        enter(BootPhase.DECOMPRESSOR, AcceptPath.EARLY_BOOT, 1, PageSize.SIZE_1G);
        long image = parameters.kernelImageBytes();
        kernelImage = Decompressor.chooseOutput(firmwareMap, image, parameters.kaslr(), random);
        table.ifPresent(t -> Decompressor.acceptOutput(t, kernelImage, image, this::acceptNow));
        steps.add(new GuestStep.Compute(phase, costs.decompressNanos()));
        touch(image);
        snapshot();
    }

    /**
     * setup_arch to the first initcalls: reserve the kernel, the low 1 MiB and the bitmap; allocate memmap, page
     * tables, bounce buffers and per-CPU areas from memblock; hand the rest to the buddy allocator; make the early
     * allocations that run before watermarks exist; then set the watermarks.
     */
    private void runEarlyKernel() {
        enter(BootPhase.EARLY_KERNEL, AcceptPath.KERNEL, 1, PageSize.SIZE_1G);
        memblock.reserve(kernelImage, kernelImage + parameters.kernelImageBytes());
        memblock.reserve(0, MIB);
        table.ifPresent(t -> earlyAllocation(t.tableBytes(), 4096));
        long pages = memblock.ramBytes() / 4096;
        memmapBytes = pages * parameters.memmapBytesPerPage();
        earlyAllocation(memmapBytes, 2 * MIB);
        earlyAllocation(parameters.pageTableBytes(), 4096);
        if (spec.platform() != Platform.PLAIN) {
            earlyAllocation(parameters.swiotlbBytes(spec.memoryBytes()), 2 * MIB);
        }
        earlyAllocation(parameters.perCpuBytes() * spec.vcpus(), 2 * MIB);
        steps.add(new GuestStep.Compute(phase, costs.kernelFixedNanos() + pages * costs.memmapInitNanosPer4K()));
        largestAttempt = PageSize.SIZE_2M;
        zone = new Zone(table, spec.platform() != Platform.PLAIN && spec.policy().lazyKernel(),
                parameters.zeroWatermarkFix(), this::acceptNow);
        memblock.freeAll(zone);
        earlyAllocations(parameters.earlyAllocationsBase());
        // SMP bring-up: every vCPU makes its own early allocations at once, so their acceptances contend
        acceptingVcpus = spec.vcpus();
        earlyAllocations((long) parameters.earlyAllocationsPerCpu() * spec.vcpus());
        acceptingVcpus = 1;
        touch(memblock.allocatedBytes() + zone.allocatedBytes());
        zone.initWatermarks();
        snapshot();
    }

    /** {@code count} page allocations made before watermarks are set. */
    private void earlyAllocations(long count) {
        if (count > 0) {
            zone.allocate(count * parameters.earlyAllocationBytes(), count);
        }
    }

    private void runUserspace() {
        enter(BootPhase.USERSPACE, AcceptPath.KERNEL, 1, PageSize.SIZE_2M);
        allocate(parameters.userspaceBootBytes());
        snapshot();
    }

    /** The workload allocates {@code bytes} more (in 2 MiB allocations); returns what it got. */
    public long allocate(long bytes) {
        long granted = zone.allocate(bytes, Sizes.ceilDiv(bytes, 2 * MIB));
        touch(granted);
        return granted;
    }

    /** The workload frees {@code bytes} it had allocated. */
    public void free(long bytes) {
        zone.free(bytes);
    }

    /** A background acceptor takes up to {@code bytes} off the unaccepted list; returns the bytes taken. */
    public long acceptInBackground(long bytes) {
        return zone.acceptBlocks(Sizes.ceilDiv(bytes, Zone.MAX_ORDER_BYTES));
    }

    /** Allocations from now on are made by {@code vcpus} workers in parallel (a memory-hog workload). */
    public void setAcceptingVcpus(int vcpus) {
        acceptingVcpus = Math.max(1, Math.min(vcpus, spec.vcpus()));
    }

    /** The workload does nothing for {@code nanos}: the pace of its touch profile. */
    public void idle(long nanos) {
        steps.add(new GuestStep.Wait(phase, nanos));
    }

    /** Every step so far, in order. */
    public GuestSteps steps() {
        return steps.build();
    }

    /** How many steps there are so far. */
    public int stepCount() {
        return steps.size();
    }

    private void enter(BootPhase next, AcceptPath nextPath, int vcpus, PageSize largest) {
        phase = next;
        path = nextPath;
        acceptingVcpus = vcpus;
        largestAttempt = largest;
    }

    private void earlyAllocation(long bytes, long align) {
        if (bytes > 0) {
            memblock.allocate(bytes, align);
        }
    }

    /** {@code arch_accept_memory} for the current phase: one host request. */
    private void acceptNow(long start, long end) {
        if (!spec.platform().equals(Platform.PLAIN)) {
            steps.add(new GuestStep.Accept(phase,
                    new AcceptRequest(start, end, largestAttempt, path, acceptingVcpus)));
            acceptedBytes += end - start;
        }
        if (rangeTracker != null) {
            rangeTracker.accept(start, end);
        }
    }

    private void touch(long bytes) {
        touchedBytes += bytes;
        long limit = Math.min(touchedBytes, spec.memoryBytes());
        if (limit > touchedReported) {
            steps.add(new GuestStep.Touch(phase, limit - touchedReported));
            touchedReported = limit;
        }
    }

    private void snapshot() {
        counters.put(phase, counters());
    }

    /** The counters now. */
    public GuestCounters counters() {
        return new GuestCounters(phase,
                zone == null ? 0 : zone.managedBytes(),
                zone == null ? 0 : zone.freeBytes(),
                zone == null ? 0 : zone.unacceptedListBytes(),
                acceptedBytes,
                table.map(UnacceptedTable::unacceptedBytes).orElse(0L));
    }

    /** The counters as each boot phase ended. */
    public Map<BootPhase, GuestCounters> phaseCounters() {
        return Map.copyOf(counters);
    }

    public GuestSpec spec() {
        return spec;
    }

    public EfiMemoryMap firmwareMap() {
        return firmwareMap;
    }

    public Optional<UnacceptedTable> table() {
        return table;
    }

    public E820RangeTracker rangeTracker() {
        return rangeTracker;
    }

    public Zone zone() {
        return zone;
    }

    public long acceptedBytes() {
        return acceptedBytes;
    }

    /**
     * The {@code struct page} array: Linux sizes it by all the RAM memblock knows, unaccepted memory included, so
     * lazy acceptance leaves it as it is (and accepts it at boot, since it is written there).
     */
    public long memmapBytes() {
        return memmapBytes;
    }
}
