package dev.fleetsim.guest.actor;

/** Marks every message of the guest protocol; the serializer binding for cluster messages keys on it. */
public interface GuestMessage {
}
