package dev.fleetsim.node.study;

import java.util.random.RandomGenerator;

/** How long VMs live. */
public sealed interface Lifetimes {

    long sampleNanos(RandomGenerator random);

    /** Every VM lives {@code nanos}. */
    record Fixed(long nanos) implements Lifetimes {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return nanos;
        }
    }

    /**
     * Azure 2019 (AzurePublicDataset V2) VM lifetimes, read off the published CDF (FACTS.md 5): 63% at most 1 h,
     * 80% 10 h, 87% 24 h, 91% 100 h. The CDF is interpolated linearly in log-time between those points, from an
     * assumed shortest life of 5 minutes to an assumed longest of 2,000 hours.
     */
    record Azure2019() implements Lifetimes {
        private static final double[] HOURS = {5.0 / 60, 1, 10, 24, 100, 2000};
        private static final double[] CDF = {0, 0.63, 0.80, 0.87, 0.91, 1.0};

        @Override
        public long sampleNanos(RandomGenerator random) {
            double u = random.nextDouble();
            int i = 1;
            while (CDF[i] < u) {
                i++;
            }
            double f = (u - CDF[i - 1]) / (CDF[i] - CDF[i - 1]);
            double hours = Math.exp(Math.log(HOURS[i - 1]) + f * (Math.log(HOURS[i]) - Math.log(HOURS[i - 1])));
            return Math.round(hours * 3600e9);
        }
    }
}
