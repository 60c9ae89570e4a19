package dev.fleetsim.node.actor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.delivery.WorkPullingProducerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The queue of whole runs, a cluster singleton: clients submit a sweep's runs, and a {@link
 * WorkPullingProducerController} hands each to a free slot of some node ({@link SweepWorker}), resending to
 * another slot whatever a slot that leaves had not confirmed. Results go from the slot straight to the client.
 * It heartbeats every client whose sweep is unfinished; a client that stops hearing it (its node died, and with
 * it this queue and the producer's record of what was in flight) submits its unfinished runs again to the
 * singleton's new incarnation.
 */
public final class SweepCoordinator extends AbstractBehavior<SweepCoordinator.Command> {

    public static SingletonActor<Command> singleton() {
        return SingletonActor.of(Behaviors.supervise(create()).onFailure(SupervisorStrategy.restart()),
                "sweep-coordinator");
    }

    public sealed interface Command extends FleetMessage {
    }

    /** Queue {@code jobs} of sweep {@code sweep}; runs already queued for it are not queued twice. */
    public record SubmitRuns(String sweep, List<SweepWorker.Job> jobs, ActorRef<Queued> client) implements Command {
    }

    /** The client has every result of {@code sweep}. */
    public record SweepEnded(String sweep) implements Command {
    }

    /** Heartbeat to a client: {@code queued} of its runs wait for a slot. */
    public record Queued(String sweep, int queued) implements FleetMessage {
    }

    private record SlotFree(WorkPullingProducerController.RequestNext<SweepWorker.Job> next) implements Command {
    }

    private record ClientGone(String sweep) implements Command {
    }

    private enum Heartbeat implements Command { INSTANCE }

    private final Deque<SweepWorker.Job> queue = new ArrayDeque<>();
    private final Map<String, ActorRef<Queued>> clients = new HashMap<>();
    private final Set<String> submitted = new HashSet<>();
    private WorkPullingProducerController.RequestNext<SweepWorker.Job> freeSlot;

    static Behavior<Command> create() {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SweepCoordinator(ctx, timers)));
    }

    private SweepCoordinator(ActorContext<Command> context, TimerScheduler<Command> timers) {
        super(context);
        ActorRef<WorkPullingProducerController.Command<SweepWorker.Job>> producer = context.spawn(
                WorkPullingProducerController.create(SweepWorker.Job.class, "sweeps", SweepWorker.SLOTS,
                        Optional.empty()), "producer");
        producer.tell(new WorkPullingProducerController.Start<>(context.messageAdapter(
                WorkPullingProducerController.requestNextClass(), SlotFree::new)));
        timers.startTimerWithFixedDelay(Heartbeat.INSTANCE, StudyCoordinator.HEARTBEAT);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(SubmitRuns.class, this::onSubmitRuns)
                .onMessage(SlotFree.class, this::onSlotFree)
                .onMessage(SweepEnded.class, ended -> forget(ended.sweep()))
                .onMessage(ClientGone.class, gone -> forget(gone.sweep()))
                .onMessageEquals(Heartbeat.INSTANCE, this::onHeartbeat)
                .build();
    }

    private Behavior<Command> onSubmitRuns(SubmitRuns submit) {
        if (clients.put(submit.sweep(), submit.client()) == null) {
            getContext().watchWith(submit.client(), new ClientGone(submit.sweep()));
        }
        for (SweepWorker.Job job : submit.jobs()) {
            if (submitted.add(job.sweep() + "/" + job.index())) {
                queue.add(job);
            }
        }
        return handOut();
    }

    private Behavior<Command> onSlotFree(SlotFree free) {
        freeSlot = free.next();
        return handOut();
    }

    /** The producer asks for one job at a time, each time some slot has room. */
    private Behavior<Command> handOut() {
        if (freeSlot != null && !queue.isEmpty()) {
            freeSlot.sendNextTo().tell(queue.poll());
            freeSlot = null;
        }
        return this;
    }

    private Behavior<Command> forget(String sweep) {
        clients.remove(sweep);
        queue.removeIf(job -> job.sweep().equals(sweep));
        submitted.removeIf(key -> key.startsWith(sweep + "/"));
        return this;
    }

    private Behavior<Command> onHeartbeat() {
        clients.forEach((sweep, client) -> client.tell(new Queued(sweep,
                (int) queue.stream().filter(job -> job.sweep().equals(sweep)).count())));
        return this;
    }
}
