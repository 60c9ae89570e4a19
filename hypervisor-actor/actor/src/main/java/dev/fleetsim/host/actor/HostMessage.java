package dev.fleetsim.host.actor;

/** Marks every message of the host protocol; the serializer binding for cluster messages keys on it. */
public interface HostMessage {
}
