package dev.fleetsim.node.actor;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.WindowedRun;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.metrics.SweepMetrics;
import dev.fleetsim.node.study.RunConfig;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * One slot of a node: it pulls whole runs of a sweep through Pekko's reliable delivery (a {@link
 * ConsumerController} registered under {@link #SLOTS}, fed by the sweep coordinator's work-pulling producer), runs
 * each with the sequential engine on the node's run threads, streams the result to the sweep's client and
 * confirms the delivery only once the client says it has the run's end. A run not confirmed when its node dies is
 * delivered again to another slot: confirming on sending instead would let the confirmation reach the producer
 * while the result, on another connection, dies with the node.
 */
public final class SweepWorker extends AbstractBehavior<SweepWorker.Command> {

    /** Every slot of every node registers under this key; the coordinator's producer finds them by it. */
    public static final ServiceKey<ConsumerController.Command<Job>> SLOTS =
            ServiceKey.create(ConsumerController.serviceKeyClass(), "fleetsim-run-slots");

    public sealed interface Command {
    }

    /** Run {@code run}, index {@code index} of sweep {@code sweep}; results to {@code results}, then {@code outcome}. */
    public record Job(String sweep, int index, RunConfig run, ActorRef<StudyCoordinator.Report> results,
                      ActorRef<Outcome> outcome) implements FleetMessage {
    }

    /**
     * The end of one delivery of a run; its result went before it, tagged {@code tag}, to the job's results. The
     * receiver answers {@link Received} to {@code slot}.
     */
    public sealed interface Outcome extends FleetMessage {
        String tag();

        int index();

        ActorRef<Received> slot();
    }

    /** The run finished on {@code node} in {@code wallNanos}; {@code hosts} host summaries went before. */
    public record RunDone(String tag, int index, String node, long wallNanos, int hosts, ActorRef<Received> slot)
            implements Outcome {
    }

    /**
     * The run failed on {@code node}: {@code badInput} when the study is the user's to fix (a trace changed since
     * it was checked, a VM that cannot boot), otherwise a bug.
     */
    public record RunFailed(String tag, int index, String node, String error, boolean badInput,
                            ActorRef<Received> slot) implements Outcome {
    }

    /** The client has the end of delivery {@code tag}: the slot may confirm it and take the next run. */
    public record Received(String tag) implements Command, FleetMessage {
    }

    private record Delivered(ConsumerController.Delivery<Job> delivery) implements Command {
    }

    private record Ran(ConsumerController.Delivery<Job> delivery, ScenarioResult result, Throwable failure,
                       long wallNanos) implements Command {
    }

    /** The client of the delivery awaiting its {@link Received} is gone: nobody will want that run again. */
    private enum ClientGone implements Command { INSTANCE }

    /** The one delivery whose end went to its client and is not yet confirmed (a slot holds one at a time). */
    private record Unconfirmed(String tag, ActorRef<ConsumerController.Confirmed> confirmTo, ActorRef<?> client) {
    }

    private final ExecutorService runThreads;
    private final FleetEngine engine = new SequentialEngine();
    private final String node;
    private Unconfirmed unconfirmed;

    /** A node's {@code slots} workers and the threads they run on, one each. */
    public static Behavior<Void> slots(int slots) {
        return Behaviors.setup(ctx -> {
            ExecutorService runThreads = Executors.newFixedThreadPool(slots, r -> {
                Thread t = new Thread(r, "fleetsim-run");
                t.setDaemon(true);
                return t;
            });
            for (int i = 0; i < slots; i++) {
                ctx.spawn(create(runThreads), "slot-" + i);
            }
            return Behaviors.receive(Void.class).onSignal(PostStop.class, stop -> {
                runThreads.shutdownNow();
                return Behaviors.same();
            }).build();
        });
    }

    private static Behavior<Command> create(ExecutorService runThreads) {
        return Behaviors.setup(ctx -> new SweepWorker(ctx, runThreads));
    }

    private SweepWorker(ActorContext<Command> context, ExecutorService runThreads) {
        super(context);
        this.runThreads = runThreads;
        this.node = nodeName(Cluster.get(context.getSystem()).selfMember().address());
        // its flow-control window (application.conf) bounds the runs a slot holds before confirming one
        ActorRef<ConsumerController.Command<Job>> consumer = context.spawn(ConsumerController.create(SLOTS),
                "consumer");
        consumer.tell(new ConsumerController.Start<>(context.messageAdapter(ConsumerController.deliveryClass(),
                Delivered::new)));
    }

    /** How run.json and the metrics name a node: its remoting address's {@code host:port}. */
    static String nodeName(Address address) {
        return address.host().get() + ":" + address.port().get();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Delivered.class, this::onDelivered)
                .onMessage(Ran.class, this::onRan)
                .onMessage(Received.class, received -> received.tag().equals(unconfirmed == null ? null
                        : unconfirmed.tag()) ? confirm() : this)
                .onMessageEquals(ClientGone.INSTANCE, this::confirm)
                .build();
    }

    private Behavior<Command> onDelivered(Delivered delivered) {
        RunConfig run = delivered.delivery().message().run();
        SweepMetrics.started(node);
        // engine wall time, recorded in run.json; the simulation itself never sees it
        long start = System.nanoTime();
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> engine.run(run, FleetEngine.Progress.NONE),
                runThreads), (result, failure) -> new Ran(delivered.delivery(), result, failure,
                System.nanoTime() - start));
        return this;
    }

    private Behavior<Command> onRan(Ran ran) {
        Job job = ran.delivery().message();
        String tag = job.index() + "/" + UUID.randomUUID();
        SweepMetrics.finished(node);
        if (ran.failure() != null) {
            Throwable cause = ran.failure() instanceof CompletionException c ? c.getCause() : ran.failure();
            boolean badInput = cause instanceof BadInputException;
            if (badInput) {
                // the client reports it, on one line
                getContext().getLog().info("run {} ({}) of sweep {} failed: {}", job.index(), job.run().scenario(),
                        job.sweep(), cause.getMessage());
            } else {
                getContext().getLog().error("run {} ({}) of sweep {} failed", job.index(), job.run().scenario(),
                        job.sweep(), cause);
            }
            job.outcome().tell(new RunFailed(tag, job.index(), node, badInput ? cause.getMessage() : cause.toString(),
                    badInput, getContext().getSelf().narrow()));
        } else {
            send(tag, ran.result(), job.results());
            job.outcome().tell(new RunDone(tag, job.index(), node, ran.wallNanos(), ran.result().hosts().size(),
                    getContext().getSelf().narrow()));
        }
        unconfirmed = new Unconfirmed(tag, ran.delivery().confirmTo(), job.outcome());
        getContext().watchWith(job.outcome(), ClientGone.INSTANCE);
        return this;
    }

    private Behavior<Command> confirm() {
        getContext().unwatch(unconfirmed.client());
        unconfirmed.confirmTo().tell(ConsumerController.confirmed());
        unconfirmed = null;
        return this;
    }

    /** The result in the coordinator's chunks, so no message outgrows the transport's frame. */
    private static void send(String tag, ScenarioResult result, ActorRef<StudyCoordinator.Report> to) {
        List<VmPlan> plans = result.vms().stream().map(ScenarioResult.VmResult::plan).toList();
        List<HostSimulation.Outcome> outcomes = result.vms().stream().filter(vm -> !vm.refused())
                .map(ScenarioResult.VmResult::outcome).toList();
        WindowedRun.reports(result.study().durationNanos(), outcomes.size(), plans, outcomes, result.samples())
                .forEach(report -> to.tell(new StudyCoordinator.Progressed(tag, report)));
        WindowedRun.chunks(result.hosts()).forEach(chunk -> to.tell(new StudyCoordinator.HostsSummarised(tag, chunk)));
    }
}
