package dev.fleetsim.host.actor;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * How racks are keyed and placed. A run has its own number of racks, at most {@link #MAX_RACKS}; host {@code h} of
 * a run with {@code racks} racks is in rack {@code h mod racks}, a rack is a shard, and rack entity ids are
 * {@code run/rack}. {@link Colocating} spreads shards over nodes by number, the same way on every
 * run, so where a rack runs follows from the membership alone. (Guests are children of their rack.)
 */
public final class HostShards {

    /** The most racks, and so shards, a run has. */
    public static final int MAX_RACKS = 32;

    private HostShards() {
    }

    public static int rackOf(long hostId, int racks) {
        return (int) (hostId % racks);
    }

    /** Where host {@code hostId} is in its rack's list of hosts. */
    static int indexInRack(long hostId, int racks) {
        return (int) (hostId / racks);
    }

    public static String rackEntityId(String run, int rack) {
        return run + "/" + rack;
    }

    /** A rack's shard is its number. */
    public static String shardOf(String entityId) {
        return entityId.substring(entityId.lastIndexOf('/') + 1);
    }

    /** Envelopes carry the entity id; the shard follows from the rack number in it. */
    public static <M> ShardingMessageExtractor<ShardingEnvelope<M>, M> extractor() {
        return new ShardingMessageExtractor<>() {
            @Override
            public String entityId(ShardingEnvelope<M> envelope) {
                return envelope.entityId();
            }

            @Override
            public String shardId(String entityId) {
                return shardOf(entityId);
            }

            @Override
            public M unwrapMessage(ShardingEnvelope<M> envelope) {
                return envelope.message();
            }
        };
    }

    /**
     * Allocates shard {@code s} to the {@code s mod n}-th region in address order. It never rebalances: a rack
     * runs where it started until its node leaves, and then the coordinator replays the run anyway.
     */
    public static final class Colocating extends ShardCoordinator.AbstractShardAllocationStrategy {
        private final Address self;

        public Colocating(org.apache.pekko.actor.typed.ActorSystem<?> system) {
            this.self = Cluster.get(system).selfAddress();
        }

        @Override
        public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                              Map<ActorRef, IndexedSeq<String>> current) {
            List<ActorRef> regions = current.keySet().stream()
                    .sorted(Comparator.comparing(this::addressOf)).toList();
            return Futures.successful(regions.get((int) (Long.parseLong(shardId) % regions.size())));
        }

        @Override
        public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
            return Futures.successful(Set.of());
        }

        private String addressOf(ActorRef region) {
            Address address = region.path().address();
            return (address.hasLocalScope() ? self : address).toString();
        }
    }
}
