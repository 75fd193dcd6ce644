package io.nsqj.testsupport.kube;

/**
 * Why a container cannot start yet, as the kubelet reports it in the container's waiting state: a volume's or an
 * env var's object is missing, or the image names no daemon this build packages. It is tried again later.
 */
final class ContainerWaiting extends Exception {
    private final String reason;

    ContainerWaiting(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** ContainerCreating, CreateContainerConfigError, InvalidImageName: the kubelet's words. */
    String reason() {
        return reason;
    }
}
