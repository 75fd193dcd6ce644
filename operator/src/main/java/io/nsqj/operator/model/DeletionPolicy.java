package io.nsqj.operator.model;

/** What deleting an NsqTopic does to the NSQ topic. */
public enum DeletionPolicy {
    Delete,
    Retain
}
