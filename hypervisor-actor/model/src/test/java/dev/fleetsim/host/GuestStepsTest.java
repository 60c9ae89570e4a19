package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuestStepsTest {

    private static final long K = 1024, M = K * K, G = M * K, T = G * K;

    private static final List<GuestStep> EVERY_KIND = List.of(
            new GuestStep.Compute(BootPhase.FIRMWARE, 123_456_789_012L),
            new GuestStep.Accept(BootPhase.EFI_STUB, new AcceptRequest(4 * K, 2 * M, PageSize.SIZE_4K,
                    AcceptPath.EARLY_BOOT, 1)),
            new GuestStep.Accept(BootPhase.WORKLOAD, new AcceptRequest(16 * T - 4 * G, 16 * T - 4 * K,
                    PageSize.SIZE_1G, AcceptPath.KERNEL, (1 << 21) - 1)),
            new GuestStep.Accept(BootPhase.EARLY_KERNEL, new AcceptRequest(2 * M, 4 * M, PageSize.SIZE_2M,
                    AcceptPath.CONVERSION, 3, 2047, 1023, 2023)),
            new GuestStep.Accept(BootPhase.FIRMWARE, new AcceptRequest(0, 8 * G, PageSize.SIZE_4K,
                    AcceptPath.LAUNCH, 1, 0, 7, 1000)),
            new GuestStep.Touch(BootPhase.USERSPACE, 64 * G),
            new GuestStep.Wait(BootPhase.WORKLOAD, Long.MAX_VALUE));

    @Test
    void everyKindOfStepReadsBackAsWritten() {
        GuestSteps steps = GuestSteps.of(EVERY_KIND.toArray(GuestStep[]::new));
        assertEquals(EVERY_KIND, steps);
        assertEquals(EVERY_KIND.stream().map(GuestStep::phase).toList(),
                java.util.stream.IntStream.range(0, steps.size()).mapToObj(steps::phase).toList());
    }

    @Test
    void builderAppendsAfterABuild() {
        GuestSteps.Builder builder = new GuestSteps.Builder();
        for (GuestStep step : EVERY_KIND) {
            builder.add(step);
        }
        GuestSteps first = builder.build();
        for (int i = 0; i < 100; i++) {
            builder.add(new GuestStep.Wait(BootPhase.WORKLOAD, i));
        }
        assertEquals(EVERY_KIND.size(), first.size());
        assertEquals(EVERY_KIND.size() + 100, builder.build().size());
        assertEquals(new GuestStep.Wait(BootPhase.WORKLOAD, 99), builder.build().get(EVERY_KIND.size() + 99));
    }

    @Test
    void acceptBeyondSixteenTebibytesIsRefusedWithItsRange() {
        var beyond = new GuestStep.Accept(BootPhase.WORKLOAD, AcceptRequest.of(16 * T - 2 * M, 16 * T,
                AcceptPath.KERNEL, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> GuestSteps.of(beyond));
        assertEquals("accept request [0xfffffe00000, 0x100000000000) on 1 vCPUs: must be 4K-aligned, below 16 TiB,"
                + " on at most 2097151 vCPUs with at most 2047 idle or spinning, stretched at most 2023 per mille",
                e.getMessage());
    }

    @Test
    void attemptsAreTheGreedySplitUnderTheLargestSize() {
        assertEquals(new PageSizeMix(0, 0, 1024), new AcceptRequest(0, 4 * M, PageSize.SIZE_4K, AcceptPath.KERNEL,
                1).attempts());
        assertEquals(new PageSizeMix(1, 0, 1), AcceptRequest.of(G, 2 * G + 4 * K, AcceptPath.KERNEL, 1).attempts());
    }
}
