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

    /** Bring-up of many APs is priced in this many groups, each at its mean online count: steps stay few. */
    static final int BRING_UP_GROUPS = 8;

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
    /** vCPUs issuing the current requests, and tasks sharing them (memory-hog workers may outnumber them). */
    private int acceptingVcpus = 1;
    private int tasks = 1;
    /** vCPUs online in the kernel (idle ones exit) and APs still spinning in the firmware's wake-up loop. */
    private int onlineVcpus = 1;
    private int spinningVcpus;
    private int stretchPermille = AcceptRequest.NO_STRETCH;
    private long ownWorkNanosPer4K;
    private PageSize largestAttempt = PageSize.SIZE_1G;
    private long acceptedBytes;
    private long touchedBytes;
    private long touchedReported;
    private long kernelImage;
    private long swiotlbStart;

    private Guest(GuestSpec spec, EfiMemoryMap firmwareMap, GuestParameters parameters, GuestCpuCosts costs) {
        this.spec = spec;
        this.parameters = parameters;
        this.costs = costs;
        this.firmwareMap = firmwareMap;
    }

    /** Boots a guest up to its shell prompt. */
    public static Guest boot(GuestSpec spec, GuestParameters parameters, GuestCpuCosts costs, long seed) {
        Guest guest = new Guest(spec, spec.firmwareMap(parameters), parameters, costs);
        guest.runFirmware();
        guest.runEfiStub();
        guest.runDecompressor(new SplittableRandom(seed));
        guest.runEarlyKernel();
        guest.runUserspace();
        guest.enter(BootPhase.WORKLOAD, AcceptPath.KERNEL, 1, PageSize.SIZE_2M);
        if (costs.readyNanos() > 0) {
            guest.steps.add(new GuestStep.Compute(BootPhase.WORKLOAD, costs.readyNanos()));
        }
        return guest;
    }

    /**
     * Firmware: the VMM's launch-time pass over memory, then what the firmware keeps for itself and pre-accepts,
     * on the vCPUs the firmware uses, in 2 MiB attempts. Where SEV-SNP's OVMF accepts everything at
     * ExitBootServices, the memory beyond its pre-accept is accepted on the boot CPU alone.
     */
    private void runFirmware() {
        int vcpus = parameters.firmware().vcpusOf(spec.vcpus());
        enter(BootPhase.FIRMWARE, AcceptPath.FIRMWARE, vcpus, PageSize.SIZE_2M);
        onlineVcpus = vcpus;
        if (spec.platform() != Platform.PLAIN) {
            hostRequest(0, spec.memoryBytes(), AcceptPath.LAUNCH);
        }
        steps.add(new GuestStep.Compute(phase, costs.firmwareFixedNanos()));
        long preAcceptedBelow = spec.firmwareAcceptance(parameters).acceptedBelow();
        boolean atExitBootServices = spec.acceptsAllAtExitBootServices(parameters);
        for (EfiMemoryDescriptor d : firmwareMap.descriptors()) {
            if (!d.type().isFirmwareAccepted()) {
                continue;
            }
            long split = atExitBootServices && d.type() == EfiMemoryType.CONVENTIONAL
                    ? Math.max(d.physStart(), Math.min(d.end(), preAcceptedBelow)) : d.end();
            acceptNow(d.physStart(), split);
            acceptingVcpus = 1;
            acceptNow(split, d.end());
            acceptingVcpus = vcpus;
        }
        touch(GuestMemoryLayout.LEGACY_END + GuestMemoryLayout.FIRMWARE_REGION);
        onlineVcpus = 1;
        spinningVcpus = spec.platform() == Platform.TDX ? spec.vcpus() - 1 : 0;
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
        long image = parameters.layout().kernelImageBytes();
        kernelImage = Decompressor.chooseOutput(firmwareMap, image, parameters.layout().kaslr(), random);
        table.ifPresent(t -> Decompressor.acceptOutput(t, kernelImage, image, this::acceptNow));
        steps.add(new GuestStep.Compute(phase, costs.decompressNanos()));
        touch(image);
        snapshot();
    }

    /**
     * setup_arch to the first initcalls: reserve the kernel, the low 1 MiB and the bitmap; allocate memmap, page
     * tables, bounce buffers and per-CPU areas from memblock; hand memory to the buddy allocator; make the
     * allocations that run before watermarks exist, the boot CPU's and SMP bring-up's; convert the bounce buffer
     * to shared (before or after bring-up); initialise deferred struct pages on every vCPU; then set watermarks.
     */
    private void runEarlyKernel() {
        enter(BootPhase.EARLY_KERNEL, AcceptPath.KERNEL, 1, PageSize.SIZE_1G);
        GuestParameters.KernelLayout layout = parameters.layout();
        GuestParameters.KernelBehaviour kernel = parameters.kernel();
        memblock.reserve(kernelImage, kernelImage + layout.kernelImageBytes());
        memblock.reserve(0, MIB);
        table.ifPresent(t -> earlyAllocation(t.tableBytes(), 4096));
        long pages = memblock.ramBytes() / 4096;
        memmapBytes = pages * layout.memmapBytesPerPage();
        earlyAllocation(memmapBytes, 2 * MIB);
        earlyAllocation(layout.pageTableBytes(), 4096);
        long swiotlb = spec.platform() == Platform.PLAIN ? 0 : parameters.swiotlbBytes(spec.memoryBytes());
        if (swiotlb > 0) {
            swiotlbStart = memblock.allocate(swiotlb, 2 * MIB);
        }
        earlyAllocation(layout.perCpuBytes() * spec.vcpus(), 2 * MIB);
        long deferredStart = kernel.deferredStructPageInit()
                ? GuestParameters.KernelBehaviour.DEFERRED_INIT_START : Long.MAX_VALUE;
        long inlinePages = memblock.ramBytesBelow(deferredStart) / 4096;
        steps.add(new GuestStep.Compute(phase, costs.kernelFixedNanos() + inlinePages * costs.memmapInitNanosPer4K()));
        largestAttempt = PageSize.SIZE_2M;
        boolean lazy = spec.platform() != Platform.PLAIN && spec.policy().lazyKernel();
        zone = new Zone(table, lazy, kernel.zeroWatermarkFix(), this::acceptNow);
        // eager acceptance of deferred pages happens where they are freed: in the per-vCPU init threads
        long freedNow = lazy ? Long.MAX_VALUE : deferredStart;
        memblock.freeAll(zone, 0, freedNow);
        earlyAllocations(parameters.bringUp().bootCpuAllocations());
        if (!kernel.swiotlbAfterSmp()) {
            convertToShared(swiotlb);
        }
        bringUpSecondaries();
        if (kernel.swiotlbAfterSmp()) {
            convertToShared(swiotlb);
        }
        initDeferredPages(pages - inlinePages, freedNow);
        touch(memblock.allocatedBytes() + zone.allocatedBytes());
        zone.initWatermarks();
        snapshot();
    }

    /**
     * SMP bring-up: for each AP the boot CPU allocates its idle task and per-CPU threads, then the AP comes online
     * and makes its own allocations, while the APs already online idle (and exit) and those not yet woken spin.
     * One after another, so each AP's allocations meet more idle exits than the last; in parallel bring-up the
     * APs make theirs all at once.
     */
    private void bringUpSecondaries() {
        int aps = spec.vcpus() - 1;
        GuestParameters.SmpBringUp bringUp = parameters.bringUp();
        if (bringUp.parallel()) {
            earlyAllocations(Math.round(bringUp.bootCpuAllocationsPerAp() * aps));
            spinningVcpus = 0;
            onlineVcpus = spec.vcpus();
            acceptingVcpus = Math.max(1, aps);
            earlyAllocations((long) bringUp.apAllocations() * aps);
        } else {
            int groups = Math.min(aps, BRING_UP_GROUPS);
            for (int g = 0; g < groups; g++) {
                int first = aps * g / groups;
                int last = aps * (g + 1) / groups;
                int online = (first + last) / 2;
                onlineVcpus = 1 + online;
                spinningVcpus = spec.platform() == Platform.TDX ? aps - online : 0;
                earlyAllocations(Math.round((bringUp.bootCpuAllocationsPerAp() + bringUp.apAllocations())
                        * (last - first)));
            }
        }
        acceptingVcpus = 1;
        onlineVcpus = spec.vcpus();
        spinningVcpus = 0;
    }

    /** {@code page_alloc_init_late}: one thread per vCPU initialises (and in eager mode frees) the rest. */
    private void initDeferredPages(long deferredPages, long freedUpTo) {
        if (deferredPages > 0) {
            steps.add(new GuestStep.Compute(phase, deferredPages * costs.memmapInitNanosPer4K() / spec.vcpus()));
        }
        if (freedUpTo != Long.MAX_VALUE) {
            acceptingVcpus = spec.vcpus();
            memblock.freeAll(zone, freedUpTo, Long.MAX_VALUE);
            acceptingVcpus = 1;
        }
    }

    /** {@code set_memory_decrypted} on the bounce buffer: one host request with every page's conversion. */
    private void convertToShared(long bytes) {
        if (bytes > 0) {
            hostRequest(swiotlbStart, swiotlbStart + bytes, AcceptPath.CONVERSION);
        }
    }

    /** {@code count} page allocations made before watermarks are set. */
    private void earlyAllocations(long count) {
        if (count > 0) {
            zone.allocate(count * parameters.bringUp().allocationBytes(), count);
        }
    }

    private void runUserspace() {
        enter(BootPhase.USERSPACE, AcceptPath.KERNEL, 1, PageSize.SIZE_2M);
        allocate(parameters.layout().userspaceBootBytes());
        snapshot();
    }

    /**
     * The workload allocates {@code bytes} more (in 2 MiB allocations) and touches it; returns what it got. Each
     * 4 KiB first touched costs the fault path and the workload's own work, shared by its tasks on its vCPUs but
     * never faster than memory bandwidth allows; while reclaim runs endlessly, kswapd takes its share of the vCPUs.
     */
    public long allocate(long bytes) {
        stretchPermille = reclaimStretch();
        long granted = zone.allocate(bytes, Sizes.ceilDiv(bytes, 2 * MIB));
        long pages = granted / 4096;
        long nanos = Math.max(pages * (costs.faultNanosPer4K() + ownWorkNanosPer4K) / acceptingVcpus,
                pages * costs.touchFloorNanosPer4K());
        if (nanos > 0) {
            steps.add(new GuestStep.Compute(phase, nanos / AcceptRequest.NO_STRETCH * stretchPermille));
        }
        stretchPermille = AcceptRequest.NO_STRETCH;
        touch(granted);
        return granted;
    }

    /**
     * With {@code tasks} runnable tasks on all vCPUs busy, a spinning kswapd that runs {@code reclaimDuty} of the
     * time takes one task's fair share of the vCPUs while it runs: the tasks' work takes {@code 1 + duty / tasks}
     * times as long. With a vCPU to spare it runs there.
     */
    private int reclaimStretch() {
        boolean reclaiming = parameters.kernel().reclaimOnUnaccepted() && zone.unacceptedListBytes() > 0;
        if (!reclaiming || tasks < spec.vcpus()) {
            return AcceptRequest.NO_STRETCH;
        }
        return (int) Math.round(AcceptRequest.NO_STRETCH * (1 + costs.reclaimDuty() / tasks));
    }

    /** The workload frees {@code bytes} it had allocated. */
    public void free(long bytes) {
        zone.free(bytes);
    }

    /** A background acceptor takes up to {@code bytes} off the unaccepted list; returns the bytes taken. */
    public long acceptInBackground(long bytes) {
        return zone.acceptBlocks(Sizes.ceilDiv(bytes, Zone.MAX_ORDER_BYTES));
    }

    /**
     * Allocations from now on are made by {@code workers} tasks in parallel on at most all vCPUs, each doing
     * {@code ownWorkNanosPer4K} of its own for every 4 KiB it fills (a memory hog); {@code (1, 0)} ends that.
     */
    public void runWorkers(int workers, long ownWorkNanosPer4K) {
        tasks = Math.max(1, workers);
        acceptingVcpus = Math.min(tasks, spec.vcpus());
        this.ownWorkNanosPer4K = ownWorkNanosPer4K;
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
        tasks = vcpus;
        largestAttempt = largest;
    }

    private void earlyAllocation(long bytes, long align) {
        if (bytes > 0) {
            memblock.allocate(bytes, align);
        }
    }

    /** {@code arch_accept_memory} for the current phase: one host request. */
    private void acceptNow(long start, long end) {
        if (start >= end) {
            return;
        }
        if (!spec.platform().equals(Platform.PLAIN)) {
            steps.add(new GuestStep.Accept(phase, request(start, end, path)));
            acceptedBytes += end - start;
        }
        if (rangeTracker != null) {
            rangeTracker.accept(start, end);
        }
    }

    /** A request for something other than acceptance: a conversion, or the host's launch-time set-up. */
    private void hostRequest(long start, long end, AcceptPath kind) {
        steps.add(new GuestStep.Accept(phase, request(start, end, kind)));
    }

    private AcceptRequest request(long start, long end, AcceptPath kind) {
        return new AcceptRequest(start, end, largestAttempt, kind, acceptingVcpus,
                Math.max(0, onlineVcpus - acceptingVcpus), spinningVcpus, stretchPermille);
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
