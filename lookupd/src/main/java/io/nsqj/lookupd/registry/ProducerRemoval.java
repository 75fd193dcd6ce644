package io.nsqj.lookupd.registry;

/** The outcome of removing a producer: whether it was there, and how many producers the registration keeps. */
public record ProducerRemoval(boolean removed, int remaining) {
}
