package dev.fleetsim.node.actor;

/** Marks every message of the coordinator's protocol; the serializer binding for cluster messages keys on it. */
public interface FleetMessage {
}
